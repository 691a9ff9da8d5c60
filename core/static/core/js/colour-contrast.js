// The site settings' colour fields (core/colour_input.py): as the editor types or picks a
// colour, the picker, the white-text sample and the WCAG AA result follow. The contrast
// rule is core/theme.py's (relative luminance, contrast with white, at least 4.5:1), and
// the messages are the server's, read from the field; saving still validates on the server.
(() => {
  if (!window.wagtail || !window.wagtail.app || !window.StimulusModule) {
    return;
  }

  const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
  const MIN_CONTRAST_WITH_WHITE = 4.5;

  function linear(channel) {
    const value = channel / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  }

  function contrastWithWhite(colour) {
    const [red, green, blue] = [1, 3, 5].map((i) => linear(parseInt(colour.slice(i, i + 2), 16)));
    const luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue;
    return 1.05 / (luminance + 0.05);
  }

  function outcomeOf(colour) {
    if (!colour) {
      return { outcome: 'empty', ratio: null };
    }
    if (!HEX_COLOUR.test(colour)) {
      return { outcome: 'invalid', ratio: null };
    }
    const ratio = contrastWithWhite(colour);
    return { outcome: ratio >= MIN_CONTRAST_WITH_WHITE ? 'pass' : 'fail', ratio };
  }

  class ColourContrastController extends window.StimulusModule.Controller {
    static targets = ['text', 'picker', 'sample', 'result'];

    static values = {
      default: String,
      empty: String,
      invalid: String,
      pass: String,
      fail: String,
    };

    connect() {
      this.show(this.textTarget.value.trim());
    }

    type() {
      this.show(this.textTarget.value.trim());
    }

    pick() {
      this.textTarget.value = this.pickerTarget.value;
      this.show(this.pickerTarget.value);
    }

    show(colour) {
      const { outcome, ratio } = outcomeOf(colour);
      const shown = HEX_COLOUR.test(colour) ? colour.toLowerCase() : this.defaultValue;
      if (this.pickerTarget.value !== shown) {
        this.pickerTarget.value = shown;
      }
      this.sampleTarget.style.backgroundColor = shown;
      const message = this[`${outcome}Value`];
      const text = ratio === null ? message : message.replace('{ratio}', ratio.toFixed(1));
      // Rewriting the same words would make screen readers repeat them at each keystroke.
      if (this.resultTarget.textContent !== text) {
        this.resultTarget.textContent = text;
      }
      this.resultTarget.className = `colour-contrast__result colour-contrast__result--${outcome}`;
    }
  }

  window.wagtail.app.register('colour-contrast', ColourContrastController);
})();
