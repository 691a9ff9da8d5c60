// The header's menu button on small screens: a disclosure for the search, the languages and
// the main navigation. Loaded in the head without `defer`, so that it marks the document
// before the first paint: the stylesheet shows the button and collapses the menu only on a
// marked document, and a page that draws its menu open and then collapses it shifts its whole
// content up (Lighthouse's layout shift). Without this file the button stays hidden and the
// menu open, so the navigation works without scripts. The listeners are on the document, as
// the header does not exist yet when this runs. A file, not an inline script: the CSP allows
// no other.
(function () {
    "use strict";
    document.documentElement.classList.add("has-menu-button");

    function menuButton() {
        return document.querySelector(".menu-button[aria-controls]");
    }

    function setOpen(button, open) {
        button.setAttribute("aria-expanded", open ? "true" : "false");
    }

    function isOpen(button) {
        return button.getAttribute("aria-expanded") === "true";
    }

    document.addEventListener("click", function (event) {
        const button = event.target.closest(".menu-button[aria-controls]");
        if (button) {
            setOpen(button, !isOpen(button));
        }
    });
    document.addEventListener("keydown", function (event) {
        const button = menuButton();
        if (event.key !== "Escape" || !button || !isOpen(button) || button.offsetParent === null) {
            return;
        }
        setOpen(button, false);
        button.focus();
    });
})();
