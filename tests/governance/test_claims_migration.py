"""The claims migration turns each distinct statistic of the existing content (pages' own
rows and their latest and live revisions, in every language) into a claim, and points
every statistic block at it; unapplied, it gives the blocks their free text back."""

import datetime
import json

import pytest
from wagtail.models import Revision

from core.claims_migration import MIGRATED_METHOD
from tests.migration_helpers import leaf_nodes, migrate

pytestmark = pytest.mark.demo_content

BEFORE_CLAIMS = [
    ("cms", "0003_phone_call_labels"),
    ("home", "0005_block_labels_and_help_text"),
    ("procedures", "0007_hero_image_help_text"),
    ("locations", "0007_hero_image_help_text"),
    ("outlines", "0001_page_outlines"),
]
PAGE_MODELS = [
    ("home", "HomePage"),
    ("procedures", "ProcedurePage"),
    ("procedures", "ConditionPage"),
    ("locations", "LocationPage"),
]
FREE_TEXT = {"figure": "87%", "label": "were back at work within six weeks", "source": "Audit"}


def statistics(stream):
    return [item["value"] for item in stream if item["type"] == "statistic"]


def raw(value):
    return json.loads(value) if isinstance(value, str) else value


def shown_statistics(apps):
    """(model, pk, the page's own row's and its latest revision's statistic values)."""
    found = []
    Revision = apps.get_model("wagtailcore", "Revision")
    for app_label, name in PAGE_MODELS:
        model = apps.get_model(app_label, name)
        for page in model.objects.all():
            streams = [list(page.body.raw_data)]
            if page.latest_revision_id:
                revision = Revision.objects.get(pk=page.latest_revision_id)
                streams.append(raw(revision.content["body"]))
            for stream in streams:
                for value in statistics(stream):
                    found.append((name, page.pk, page.locale_id, value))
    return found


@pytest.mark.django_db(transaction=True)
def test_statistics_become_claims_and_back(content_restored_afterwards):
    old_apps = migrate(BEFORE_CLAIMS)
    before = shown_statistics(old_apps)
    assert before and all("figure" in value for *_where, value in before)
    # A statistic only in a page's latest draft, stated on no live page.
    procedure = old_apps.get_model("procedures", "ProcedurePage").objects.first()
    draft = Revision.objects.get(pk=procedure.latest_revision_id)
    body = raw(draft.content["body"]) + [{"type": "statistic", "value": FREE_TEXT, "id": "x"}]
    draft.content["body"] = json.dumps(body) if isinstance(draft.content["body"], str) else body
    Revision.objects.filter(pk=draft.pk).update(content=draft.content)

    new_apps = migrate(leaf_nodes())

    Claim = new_apps.get_model("cms", "Claim")
    distinct = {
        (locale_id, value["figure"], value["label"], value["source"])
        for _name, _pk, locale_id, value in before
    } | {(procedure.locale_id, *FREE_TEXT.values())}
    assert Claim.objects.count() == len(distinct), list(
        Claim.objects.values_list("locale_id", "figure", "wording", "source", "method")
    )
    for _name, _pk, locale_id, value in shown_statistics(new_apps):
        claim = Claim.objects.get(pk=value["claim"])
        assert (locale_id, claim.figure, claim.wording, claim.source) in distinct
        assert claim.locale_id == locale_id
        assert claim.method == MIGRATED_METHOD and claim.period == ""
        # Not expired yet: the pages showing it still publish while its owner substantiates it.
        assert claim.expires_on > datetime.date.today()
    audit = Claim.objects.get(figure="87%")
    assert audit.wording == FREE_TEXT["label"] and audit.source == "Audit"
    # The demo's statistic in Spanish is the English one's translation.
    recommend = Claim.objects.filter(figure__in=["95%", "95 %"])
    assert recommend.count() == 2
    assert len({claim.translation_key for claim in recommend}) == 1

    back_apps = migrate(BEFORE_CLAIMS)

    assert sorted(map(repr, shown_statistics(back_apps))) == sorted(
        map(repr, before + [("ProcedurePage", procedure.pk, procedure.locale_id, FREE_TEXT)])
    )
    migrate(leaf_nodes())
