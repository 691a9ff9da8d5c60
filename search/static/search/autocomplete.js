// Autocomplete for the search page: an ARIA 1.2 combobox over /search/suggest/.
// Typing lists matching titles; the arrow keys move through them, Enter opens
// the chosen one (or submits the search when none is chosen), Escape closes.
(function () {
  "use strict";

  const DELAY_MS = 150;

  function setUp(container) {
    const input = container.querySelector("[role=combobox]");
    const list = container.querySelector("[role=listbox]");
    const status = container.closest("form").querySelector("[data-suggest-status]");
    const url = container.dataset.suggestUrl;
    let options = [];
    let active = -1;
    let timer = null;
    let latest = 0;

    function close() {
      list.hidden = true;
      list.replaceChildren();
      options = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function choose(index) {
      options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    // meant: the server's "did you mean" ({query, url, message}) when the suggestions
    // are for the words the visitor probably meant, announced before them.
    function show(suggestions, meant) {
      list.replaceChildren();
      options = suggestions.map((suggestion, i) => {
        const option = document.createElement("li");
        option.id = `search-suggestion-${i}`;
        option.className = "search-autocomplete__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.url = suggestion.url;
        const title = document.createElement("span");
        title.textContent = suggestion.title;
        const type = document.createElement("span");
        type.className = "search-autocomplete__type";
        type.textContent = suggestion.type;
        option.append(title, type);
        option.addEventListener("mousedown", (event) => {
          event.preventDefault();
          window.location.assign(suggestion.url);
        });
        list.append(option);
        return option;
      });
      active = -1;
      list.hidden = options.length === 0;
      input.setAttribute("aria-expanded", String(options.length > 0));
      const count = options.length
        ? `${options.length} suggestion${options.length === 1 ? "" : "s"}`
        : "";
      status.textContent = meant ? `${meant.message} ${count}`.trim() : count;
    }

    async function fetchSuggestions(query) {
      const request = ++latest;
      try {
        const response = await fetch(`${url}?q=${encodeURIComponent(query)}`, {
          headers: { Accept: "application/json" },
        });
        if (!response.ok || request !== latest) return;
        const data = await response.json();
        if (request === latest && input.value.trim() === query) {
          show(data.suggestions, data.did_you_mean);
        }
      } catch (error) {
        close(); // Suggestions are a convenience: the search itself still works.
      }
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      const query = input.value.trim();
      if (query.length < 2) {
        latest++;
        close();
        return;
      }
      timer = setTimeout(() => fetchSuggestions(query), DELAY_MS);
    });

    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" && options.length) {
        event.preventDefault();
        choose((active + 1) % options.length);
      } else if (event.key === "ArrowUp" && options.length) {
        event.preventDefault();
        choose(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.assign(options[active].dataset.url);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });

    input.addEventListener("blur", () => setTimeout(close, 100));
  }

  document.querySelectorAll(".search-autocomplete[data-suggest-url]").forEach(setUp);
})();
