"""What apps above this one add to partners, filled in their ``AppConfig.ready()``.

The snippet models the API serves, which a key's scope may name besides page
models (the API app); the rules that narrow what partners may read of a model
beyond the scope: syndication (a testimonial only while its patient's
authorization covers partners; the people app); panels of the partner's edit
page (its webhook endpoints, the webhooks app).
"""

_snippet_models = []
_syndication_rules = {}
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


def register_syndication_rule(model, narrow):
    """``narrow(queryset)`` keeps the objects of ``model`` that partners may read."""
    _syndication_rules[model] = narrow


def syndicated(queryset):
    """The objects of ``queryset`` that partners may read under their model's rule."""
    narrow = _syndication_rules.get(queryset.model)
    return queryset if narrow is None else narrow(queryset)
