"""Every string our code marks for translation, admin screens included, is in the Spanish
catalog and translated: the catalog is not only complete, it is up to date with the code.

The strings are read as ``makemessages`` reads them: the gettext calls of every Python
module of our apps (tests and migrations aside) and the translate tags of every template
of ours, so a new admin label without its Spanish fails here.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from tests.localization.helpers import catalog, template_msgids

BASE_DIR = Path(settings.BASE_DIR)
GETTEXT_FUNCTIONS = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext"}
NOT_EXTRACTED = {"migrations", "tests"}


def our_folders():
    """The project package and every installed app that lives in this repository."""
    folders = {BASE_DIR / "cms"}
    for config in apps.get_app_configs():
        path = Path(config.path)
        if path.is_relative_to(BASE_DIR) and not path.is_relative_to(BASE_DIR / ".venv"):
            folders.add(path)
    return sorted(folders)


def our_modules():
    return sorted(
        str(module.relative_to(BASE_DIR))
        for folder in our_folders()
        for module in folder.rglob("*.py")
        if not NOT_EXTRACTED & set(module.relative_to(BASE_DIR).parts)
    )


def our_templates():
    """Template names (pages, admin screens, e-mails) of the project's and the apps' folders."""
    roots = [BASE_DIR / "templates"] + [folder / "templates" for folder in our_folders()]
    return sorted(
        str(template.relative_to(root))
        for root in roots
        if root.is_dir()
        for template in root.rglob("*")
        if template.suffix in {".html", ".txt"}
    )


def gettext_msgids(module):
    """The literal msgids (and plurals) of the module's gettext calls."""
    msgids = set()
    for node in ast.walk(ast.parse((BASE_DIR / module).read_text())):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", None))
        if name not in GETTEXT_FUNCTIONS:
            continue
        literals = node.args[1:] if name == "pgettext" else node.args
        plural = name.startswith("ngettext")
        for argument in literals[: 2 if plural else 1]:
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                msgids.add(argument.value)
    return msgids


def translated_msgids():
    translated = set()
    for entry in catalog():
        if entry.translated() and not entry.fuzzy:
            translated.update(filter(None, (entry.msgid, entry.msgid_plural)))
    return translated


def test_the_code_has_strings_to_check():
    assert any(gettext_msgids(module) for module in our_modules())
    assert "outlines/defaults.py" in our_modules()


@pytest.mark.parametrize("module", our_modules())
def test_every_string_of_a_module_is_translated(module):
    assert gettext_msgids(module) - translated_msgids() == set()


@pytest.mark.parametrize("template_name", our_templates())
def test_every_string_of_a_template_is_translated(template_name):
    assert template_msgids(template_name) - translated_msgids() == set()
