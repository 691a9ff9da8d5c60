"""The scene both APIs' batch reads (``?id=20,47``, ``&locale=*``) are tested on."""

import pytest
from django.test import Client

from tests.api.helpers import a_lumbar_foraminotomy
from tests.builders import a_site, a_translation


@pytest.fixture
def scene():
    return a_lumbar_foraminotomy(a_site(), clinics=2)


@pytest.fixture
def client(scene):
    return Client(headers=scene.site.headers)


@pytest.fixture
def spanish_procedure(scene):
    scene.site.in_spanish()
    return a_translation(scene.procedure, title="Foraminotomía lumbar")
