// A page chooser for relations (core/page_choosers.py): its modal asks Wagtail's chooser
// views for the pages related to the edited page, through the related_to parameter, or for
// the pages of an edited snippet's language, through in_locale.
// Loaded in every editor (core/wagtail_hooks.py); it has work only where Wagtail's page
// chooser is loaded.
(() => {
  if (!window.PageChooser || !window.PageChooserModal) {
    return;
  }

  class RelatedPageChooserModal extends window.PageChooserModal {
    getURLParams(opts) {
      const params = super.getURLParams(opts);
      if (opts.relatedTo) {
        params.related_to = opts.relatedTo;
      }
      if (opts.inLocale) {
        params.in_locale = opts.inLocale;
      }
      return params;
    }
  }

  class RelatedPageChooser extends window.PageChooser {
    chooserModalClass = RelatedPageChooserModal;

    getModalOptions() {
      const options = super.getModalOptions();
      options.relatedTo = this.opts.relatedTo;
      options.inLocale = this.opts.inLocale;
      // With nothing chosen yet, open at the related pages' index.
      if (!options.parentId && this.opts.parentId) {
        options.parentId = this.opts.parentId;
      }
      return options;
    }
  }

  window.RelatedPageChooser = RelatedPageChooser;
})();
