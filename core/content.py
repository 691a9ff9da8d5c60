"""What visitors see, declared by each app in its AppConfig.ready().

The front cache (frontcache) reads this: saving or deleting content retires
the answers kept for visitors; changing a snippet shown inside pages purges
those pages; changing what every page of a site shows purges the whole site.
Wagtail's own pages, images, documents and redirects are the front cache's to know.
"""

_content_apps = set()
_content_models = set()
_shown_in_pages = []
_site_wide = []


def register_content_app(app_config):
    """Every model of the app holds what visitors see (pages, their rows, snippets, settings)."""
    _content_apps.add(app_config.label)


def register_content_models(*models):
    """These models hold what visitors see, in an app whose other models do not."""
    _content_models.update(models)


def register_shown_in_pages(*models):
    """Snippets that pages show: a change shows on every page that uses one."""
    register_content_models(*models)
    _shown_in_pages.extend(model for model in models if model not in _shown_in_pages)


def register_site_wide(*models):
    """Models whose change shows on every page of a site (its settings and texts)."""
    register_content_models(*models)
    _site_wide.extend(model for model in models if model not in _site_wide)


def is_content(model):
    return model._meta.app_label in _content_apps or model in _content_models


def shown_in_pages():
    return list(_shown_in_pages)


def site_wide():
    return list(_site_wide)
