// The visitor's nearest clinic, remembered in this browser only (#23, docs/design.md "Side
// panel"). Pages are cached and shared, so the server never renders it: the location finder's
// results remember the nearest clinic, or the one the visitor opens, and the side panel of a
// procedure or condition page names it. Kept in localStorage: the clinic's page id, name, path
// and language, nothing about the visitor, and never sent anywhere. A file, not an inline
// script: the CSP allows no other.
(function () {
    "use strict";
    const STORAGE_KEY = "foramen.nearest-clinic";

    function pathOnThisSite(href) {
        // Only a path of this site is kept or followed: whatever is stored can never become a
        // link elsewhere (or a javascript: one).
        const url = new URL(href, window.location.href);
        return url.origin === window.location.origin ? url.pathname : null;
    }

    function storage() {
        try {
            return window.localStorage;
        } catch (error) {
            return null; // storage refused by the browser's settings: nothing is remembered
        }
    }

    function remember(card) {
        const link = card.querySelector(".card__link");
        const path = link && pathOnThisSite(link.href);
        const store = storage();
        if (!path || !store) {
            return;
        }
        const clinic = {
            id: card.getAttribute("data-clinic-id"),
            name: link.textContent.trim(),
            url: path,
            lang: link.getAttribute("hreflang") || document.documentElement.lang,
        };
        try {
            store.setItem(STORAGE_KEY, JSON.stringify(clinic));
        } catch (error) {
            // Storage full or refused: the panel simply shows no clinic.
        }
    }

    function remembered() {
        const store = storage();
        try {
            const clinic = JSON.parse((store && store.getItem(STORAGE_KEY)) || "null");
            if (clinic && typeof clinic.name === "string" && clinic.name && typeof clinic.url === "string") {
                const path = pathOnThisSite(clinic.url);
                const lang = typeof clinic.lang === "string" ? clinic.lang : "";
                return path ? { name: clinic.name, url: path, lang: lang } : null;
            }
        } catch (error) {
            // Not what this script stored: ignored.
        }
        return null;
    }

    function rememberFromFinder(results) {
        const cards = results.querySelectorAll("[data-clinic-id]");
        // The nearest first; a far one only when the visitor opens it (the finder said it is far).
        if (cards.length && results.hasAttribute("data-remember-nearest")) {
            remember(cards[0]);
        }
        cards.forEach(function (card) {
            card.addEventListener("click", function () {
                remember(card);
            });
        });
    }

    function showInPanel(slot) {
        const clinic = remembered();
        const name = slot.querySelector("[data-nearest-clinic-name]");
        if (!clinic || !name) {
            return;
        }
        const link = document.createElement("a");
        link.setAttribute("data-nearest-clinic-link", "");
        link.href = clinic.url;
        link.textContent = clinic.name;
        // Remembered from the finder in another language: the name is read in that language.
        if (clinic.lang && clinic.lang !== document.documentElement.lang) {
            link.lang = clinic.lang;
            link.hreflang = clinic.lang;
        }
        name.replaceChildren(link);
        slot.hidden = false;
    }

    const results = document.querySelector("[data-finder-results]");
    if (results) {
        rememberFromFinder(results);
    }
    const slot = document.querySelector("[data-nearest-clinic]");
    if (slot) {
        showInPanel(slot);
    }
})();
