"""The snippet models the API serves, which a key's scope may name besides page models.

Filled by the API app (above this one) in its ``AppConfig.ready()``.
"""

_snippet_models = []


def register_snippet_model(model):
    if model not in _snippet_models:
        _snippet_models.append(model)


def scoped_snippet_models():
    return list(_snippet_models)
