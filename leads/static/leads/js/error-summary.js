// A lead form sent with mistakes: the summary of its errors takes the focus, so that it is
// read first, and each of its links moves the focus to the field it names (a fragment link
// alone would only scroll there). A file, not an inline script: the site's CSP allows no other.
(function () {
    "use strict";
    const summary = document.querySelector("[data-error-summary]");
    if (!summary) {
        return;
    }
    summary.focus();
    summary.addEventListener("click", function (event) {
        const link = event.target.closest("a[href^='#']");
        const field = link && document.getElementById(link.hash.slice(1));
        if (!field) {
            return;
        }
        event.preventDefault();
        const fieldset = field.closest("fieldset");
        const label = document.querySelector("label[for='" + field.id + "']");
        const heading = fieldset ? fieldset.querySelector("legend") : label;
        (heading || field).scrollIntoView();
        field.focus({ preventScroll: true });
    });
})();
