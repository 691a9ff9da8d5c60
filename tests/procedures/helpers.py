"""The relations of shared content: a network's procedure treating a condition, both shown on
an affiliate (another brand's site) through aliases."""

from dataclasses import dataclass

from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from procedures.models import ConditionPage, ProcedureCondition, ProcedurePage
from tests.builders import BuiltSite, a_site, an_affiliate_of

#: A word of the built condition's title that no demo page has, so that a search finds only it.
CONDITION_WORD = "Sequestered"


@dataclass
class SharedTreatment:
    network: BuiltSite
    affiliate: BuiltSite
    condition: ConditionPage
    procedure: ProcedurePage

    @property
    def condition_alias(self):
        """The affiliate's alias of the network's condition."""
        return ConditionPage.objects.descendant_of(self.affiliate.home).get(alias_of=self.condition)


def a_treatment_shared_with_an_affiliate():
    """A network's procedure treating a condition, and an affiliate showing both as aliases."""
    network = a_site()
    condition = ConditionPageFactory(
        parent=network.conditions, title=f"{CONDITION_WORD} disc herniation"
    )
    procedure = ProcedurePageFactory(parent=network.procedures, title="Microdiscectomy")
    ProcedureCondition.objects.create(page=procedure, condition=condition)
    return SharedTreatment(
        network=network,
        affiliate=an_affiliate_of(network),
        condition=condition,
        procedure=procedure,
    )
