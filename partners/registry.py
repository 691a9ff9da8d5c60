"""What apps above this one add to partners, filled in their ``AppConfig.ready()``.

The snippet models the API serves, which a key's scope may name besides page
models (the API app); panels of the partner's edit page (its webhook endpoints,
the webhooks app).
"""

_snippet_models = []
_partner_panels = []


def register_snippet_model(model):
    if model not in _snippet_models:
        _snippet_models.append(model)


def scoped_snippet_models():
    return list(_snippet_models)


def register_partner_panel(panel):
    """Show ``panel`` (an unbound Wagtail panel) on each partner's edit page, below its keys."""
    _partner_panels.append(panel)


def partner_panels():
    return list(_partner_panels)
