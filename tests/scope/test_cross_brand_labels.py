"""A link to another brand's page says which brand (issue #15, "Sites").

A brand shows the network's procedures through aliases; when such a procedure
names a condition the brand has no alias of, the link leads to the network's
site, and every place a page shows it names the network, as the cards do.
"""

import pytest
from bs4 import BeautifulSoup

from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from procedures.models import ConditionPage, ProcedureCondition
from tests.builders import a_site, an_affiliate_of, published, stream

pytestmark = pytest.mark.django_db

#: Where a procedure page links its conditions: the facts at the top and the body block.
CONDITION_LINKS = {
    "facts": ".facts a",
    "conditions treated block": ".card-grid a.card__link",
}


@pytest.fixture
def shared_procedure():
    """The network's procedure, aliased on an affiliate, naming a condition the affiliate
    shows (aliased) and one it does not (written after the affiliate's aliases were made)."""
    network = a_site("Network Spine")
    shared = ConditionPageFactory(parent=network.conditions, title="Shared Condition")
    procedure = ProcedurePageFactory(parent=network.procedures, title="Shared Procedure")
    affiliate = an_affiliate_of(network)
    network_only = ConditionPageFactory(parent=network.conditions, title="Network Condition")
    conditions = [shared, network_only]
    procedure.condition_links = [ProcedureCondition(condition=page) for page in conditions]
    published(procedure, body=stream("conditions_treated", {"heading": "Treats", "conditions": []}))
    return network, affiliate, procedure


@pytest.mark.parametrize("place", CONDITION_LINKS)
def test_a_link_to_the_networks_page_names_the_network(client, shared_procedure, place):
    network, affiliate, procedure = shared_procedure
    alias = procedure.aliases.get()
    response = client.get(alias.relative_url(affiliate.site), headers=affiliate.headers)
    links = BeautifulSoup(response.content, "html.parser").select(CONDITION_LINKS[place])
    by_title = {link.get_text(strip=True): link for link in links}

    network_link = by_title["Network Condition (Network Spine)"]
    assert network_link["data-site"] == network.host
    assert network_link["href"].startswith(f"http://{network.host}/")
    shared_link = by_title["Shared Condition"]
    assert "data-site" not in shared_link.attrs
    alias_of_shared = ConditionPage.objects.get(alias_of__title="Shared Condition")
    assert shared_link["href"].endswith(alias_of_shared.relative_url(affiliate.site))
