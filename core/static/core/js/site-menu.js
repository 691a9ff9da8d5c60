// The header's menu button on small screens: a disclosure for the search, the languages and
// the main navigation. Until this file runs the button stays hidden and the menu open, so the
// navigation works without scripts; the stylesheet hides the menu only while the button says
// it is collapsed, and only on small screens. A file, not an inline script: the CSP allows no other.
(function () {
    "use strict";
    const button = document.querySelector(".menu-button[aria-controls]");
    const menu = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) {
        return;
    }

    function setOpen(open) {
        button.setAttribute("aria-expanded", open ? "true" : "false");
    }

    function isOpen() {
        return button.getAttribute("aria-expanded") === "true";
    }

    setOpen(false);
    button.hidden = false;
    button.addEventListener("click", function () {
        setOpen(!isOpen());
    });
    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape" || !isOpen() || button.offsetParent === null) {
            return;
        }
        setOpen(false);
        button.focus();
    });
})();
