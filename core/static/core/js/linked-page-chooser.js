// The page choosers a page editor opens for links (a StreamField block's page chooser, rich
// text's link chooser) are Wagtail's own. Both open through window.ModalWorkflow with the page
// chooser's steps; this sends the edited page (or the new page's parent) with them, as
// linked_from, so that they offer only what the page may link (core/page_choosers.py) and, with
// nothing chosen yet, open where those pages live (core/admin_views.py).
// Relation choosers name their scope themselves (related-page-chooser.js) and are left as they
// are. Loaded in every editor (core/wagtail_hooks.py); it has work only in a page editor.
(() => {
  const { chooserUrl, openUrl } = document.currentScript.dataset;
  const openModal = window.ModalWorkflow;
  if (!openModal) {
    return;
  }

  // A page editor is the page's edit view (wagtail-localize's translation editor included), or,
  // for a new page, the add view under its parent.
  const EDITOR_PATHS = [/\/pages\/(\d+)\/edit\/$/, /\/pages\/add\/[^/]+\/[^/]+\/(\d+)\/$/];

  function editedPageId() {
    // The form's action first: autosave turns a new page's form into its edit form.
    const form = document.querySelector('form[data-edit-form]');
    const paths = [window.location.pathname];
    if (form) {
      paths.unshift(new URL(form.action, window.location.href).pathname);
    }
    const match = paths
      .flatMap((path) => EDITOR_PATHS.map((editor) => path.match(editor)))
      .find(Boolean);
    return match ? match[1] : null;
  }

  function isLinkChooser(options) {
    const params = options.urlParams || {};
    return (
      options.onload !== undefined &&
      options.onload === window.PAGE_CHOOSER_MODAL_ONLOAD_HANDLERS &&
      !params.related_to &&
      !params.in_locale
    );
  }

  window.ModalWorkflow = (options) => {
    const pageId = editedPageId();
    if (pageId === null || !isLinkChooser(options)) {
      return openModal(options);
    }
    return openModal({
      ...options,
      url: options.url === chooserUrl ? openUrl : options.url,
      urlParams: { ...options.urlParams, linked_from: pageId },
    });
  };
})();
