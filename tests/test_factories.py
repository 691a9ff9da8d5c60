import importlib

from django.apps import apps
from wagtail.models import Page, get_page_models


def declared_factories():
    models = set()
    for app in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{app.name}.factories")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            meta = getattr(value, "_meta", None)
            model = getattr(meta, "model", None)
            if (
                isinstance(model, type)
                and getattr(value, "_meta", None)
                and hasattr(value, "build")
            ):
                models.add(model)
    return models


def test_every_page_type_has_a_factory():
    missing = [
        model.__name__
        for model in get_page_models()
        if model is not Page and model not in declared_factories()
    ]
    assert missing == [], f"Page types without a factory: {missing}"
