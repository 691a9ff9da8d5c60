"""The demo's Spanish condition page: Spinal Stenosis under the Spanish conditions index."""

import pytest

from procedures.models import ConditionPage
from search.engine import site_search
from tests.builders import english, spanish

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]


def test_spinal_stenosis_is_translated_under_the_spanish_conditions_index(client):
    stenosis = ConditionPage.objects.get(alias_of=None, slug="spinal-stenosis", locale=english())
    stenosis_es = stenosis.get_translation(spanish())
    path = stenosis_es.relative_url(stenosis_es.get_site())
    assert stenosis_es.live
    assert stenosis_es.title == "Estenosis espinal"
    assert stenosis_es.get_parent().title == "Afecciones"
    assert path == "/es/afecciones/estenosis-espinal/"
    response = client.get(path)
    assert response.status_code == 200
    assert "Estenosis espinal" in response.content.decode()


def test_the_spanish_query_finds_the_spanish_condition_page():
    titles = [hit.title for hit in site_search("estenosis espinal", locale=spanish()).hits[:3]]
    assert "Estenosis espinal" in titles
