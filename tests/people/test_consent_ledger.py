"""The consent ledger (issue #18): a testimonial is published only under an active
authorization covering this site, on every path (the model, the admin, API v3, scheduled
publishing); a lapsed or revoked one withdraws it from the page and both APIs; partners
read it only while syndication is covered; the ledger itself is never served."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import APIToken, ModelLogEntry, Revision

from changes.models import ChangeEvent
from partners.models import Partner, PartnerKey
from people.consent import RevocationChannel, RevocationScope, TestimonialAuthorization
from people.factories import TestimonialAuthorizationFactory, TestimonialFactory
from people.models import WITHDRAWN_LOG_ACTION, Testimonial
from procedures.factories import ProcedurePageFactory
from scheduling.models import JobState
from tests.builders import a_site, english, spanish
from tests.partners.conftest import bearer, every_content_type

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def refreshed(testimonial):
    return Testimonial.objects.get(pk=testimonial.pk)


def a_draft(**authorization):
    """An unpublished testimonial with a saved revision; ``authorized=False`` for none."""
    testimonial = TestimonialFactory(live=False, **authorization)
    testimonial.save_revision()
    return testimonial


def publish_through_api_v3(client, user, testimonial):
    _token, plaintext = APIToken.create_token(user=user, name="integration")
    return client.post(
        f"/api/v3/snippets/people.Testimonial/{testimonial.pk}/actions/publish/",
        data="{}",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {plaintext}",
    )


class TestPublishing:
    @pytest.mark.parametrize(
        "authorization",
        [
            {"authorized": False},
            {"authorized__expires_on": TODAY() - DAY},
            {"authorized__signed_on": TODAY() + DAY, "authorized__expires_on": TODAY() + 9 * DAY},
            {
                "authorized__revoked_on": TODAY(),
                "authorized__revocation_received": RevocationChannel.EMAIL,
            },
            {"authorized__covers_site": False},
            {"authorized__states_right_to_revoke": False},
            {"authorized__patients_own_words": False},
        ],
        ids=[
            "none",
            "expired",
            "not-yet-signed",
            "revoked",
            "site-not-covered",
            "incomplete",
            "unattested",
        ],
    )
    def test_the_model_refuses_without_an_active_authorization_covering_the_site(
        self, authorization
    ):
        testimonial = a_draft(**authorization)

        with pytest.raises(Exception, match="active authorization"):
            testimonial.get_latest_revision().publish()
        assert not refreshed(testimonial).live

    def test_an_active_authorization_publishes_and_covers_its_translations(self):
        testimonial = a_draft()
        testimonial.get_latest_revision().publish()
        translation = testimonial.copy_for_translation(spanish())
        translation.live = False
        translation.save()

        translation.save_revision().publish()

        assert refreshed(testimonial).live and refreshed(translation).live
        assert translation.locale == spanish() and testimonial.locale == english()

    def test_a_partner_only_revocation_leaves_the_site_covered(self):
        testimonial = a_draft(
            authorized__revoked_on=TODAY(),
            authorized__revocation_received=RevocationChannel.WRITING,
            authorized__revocation_scope=RevocationScope.PARTNERS,
        )
        testimonial.get_latest_revision().publish()
        assert refreshed(testimonial).live

    def test_the_admin_refuses_with_the_reason(self, admin_client):
        testimonial = a_draft(authorized=False)
        url = reverse("wagtailsnippets_people_testimonial:edit", args=[testimonial.pk])

        response = admin_client.post(
            url,
            {
                "display_name": testimonial.display_name,
                "headline_quote": testimonial.headline_quote,
                "quotes-count": "0",
                "disclosure": testimonial.disclosure,
                "action-publish": "action-publish",
            },
        )

        assert response.status_code == 200
        assert "without an active authorization" in response.text
        assert not refreshed(testimonial).live

    def test_the_api_v3_refuses_with_a_json_4xx(self, client, superuser):
        testimonial = a_draft(authorized=False)

        response = publish_through_api_v3(client, superuser, testimonial)

        assert response.status_code == 422
        assert "json" in response["Content-Type"]
        assert "without an active authorization" in json.dumps(response.json())
        assert not refreshed(testimonial).live

    def test_the_api_v3_publishes_under_an_active_authorization(self, client, superuser):
        testimonial = a_draft()

        response = publish_through_api_v3(client, superuser, testimonial)

        assert response.status_code == 200
        assert refreshed(testimonial).live

    def test_scheduled_publishing_holds_back_an_unauthorized_revision(self):
        unauthorized = a_draft(authorized=False)
        authorized = a_draft()
        for testimonial in (unauthorized, authorized):
            Revision.objects.filter(pk=testimonial.latest_revision_id).update(
                approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1)
            )

        call_command("publish_scheduled")

        assert refreshed(authorized).live
        assert not refreshed(unauthorized).live
        assert refreshed(unauthorized).latest_revision.approved_go_live_at is None


@pytest.fixture
def quoted():
    """A live testimonial quoted by a live procedure page on a site."""
    built = a_site()
    testimonial = TestimonialFactory(display_name="Larry L.", headline_quote="I walk again.")
    page = ProcedurePageFactory(parent=built.procedures, title="Foraminotomy")
    page.body = [
        {"type": "testimonials", "value": {"heading": "", "testimonials": [testimonial.pk]}}
    ]
    page.save_revision().publish()
    return built, page, testimonial


def shown_everywhere(client, built, page, testimonial):
    """Where the testimonial shows: the page's HTML, v2 testimonials, v2 and v3 page bodies."""
    html = client.get(page.relative_url(built.site), headers=built.headers).text
    v2 = client.get(f"/api/v2/testimonials/{testimonial.pk}/", headers=built.headers)
    v2_page = client.get(f"/api/v2/pages/{page.pk}/", headers=built.headers).text
    v3_page = client.get(f"/api/v3/pages/{page.pk}/", headers=built.headers).text
    return {
        "html": "I walk again." in html,
        "v2 testimonial": v2.status_code == 200,
        "v2 page": "I walk again." in v2_page,
        "v3 page": "I walk again." in v3_page,
    }


class TestWithdrawal:
    def test_an_expired_authorization_withdraws_it_when_the_job_runs(self, client, quoted):
        built, page, testimonial = quoted
        assert all(shown_everywhere(client, built, page, testimonial).values())
        TestimonialAuthorization.objects.filter(testimonial=testimonial).update(
            signed_on=TODAY() - 400 * DAY, expires_on=TODAY() - DAY
        )

        call_command("withdraw_lapsed_testimonials")

        assert not refreshed(testimonial).live
        assert not any(shown_everywhere(client, built, page, testimonial).values())
        log = ModelLogEntry.objects.filter(object_id=str(testimonial.pk)).latest("timestamp")
        assert log.action == WITHDRAWN_LOG_ACTION
        assert ChangeEvent.objects.filter(kind="withdrawn", object_id=testimonial.pk).exists()

    def test_the_job_runs_every_minute_with_the_others(self):
        from scheduling import jobs

        job = jobs.named("withdraw_lapsed_testimonials")
        assert job is not None and job.interval == jobs.EVERY_MINUTE

    def test_a_revocation_saved_withdraws_it_at_once(self, client, quoted):
        built, page, testimonial = quoted
        authorization = TestimonialAuthorization.objects.get(testimonial=testimonial)
        authorization.revoked_on = TODAY()
        authorization.revocation_received = RevocationChannel.WRITING
        authorization.save()

        assert not refreshed(testimonial).live
        assert not any(shown_everywhere(client, built, page, testimonial).values())

    def test_a_renewed_authorization_keeps_it_live(self, quoted):
        _built, _page, testimonial = quoted
        TestimonialAuthorization.objects.filter(testimonial=testimonial).update(
            expires_on=TODAY() - DAY, signed_on=TODAY() - 9 * DAY
        )
        TestimonialAuthorizationFactory(testimonial=testimonial)

        call_command("withdraw_lapsed_testimonials")

        assert refreshed(testimonial).live

    def test_a_testimonial_with_a_consent_record_is_not_deleted(self, admin_client, quoted):
        _built, _page, testimonial = quoted
        url = reverse("wagtailsnippets_people_testimonial:delete", args=[testimonial.pk])

        response = admin_client.post(url, follow=True)

        assert Testimonial.objects.filter(pk=testimonial.pk).exists()
        assert "cannot be deleted" in response.text


def a_partner_key(built):
    """A partner key reading every type of the built site in English, and its value."""
    key = PartnerKey(partner=Partner.objects.create(name="Syndicator"), label="test")
    value = key.set_new_secret()
    key.save()
    key.sites.set([built.site])
    key.locales.set([english()])
    key.content_types.set(every_content_type())
    return value


def revoke_for_partners(authorization, on):
    """The patient's revocation of syndication only, received by email, dated ``on``."""
    authorization.revoked_on = on
    authorization.revocation_received = RevocationChannel.EMAIL
    authorization.revocation_scope = RevocationScope.PARTNERS
    authorization.save()


class TestPartners:
    def test_revoking_only_syndication_keeps_it_on_the_site_and_hides_it_from_keys(
        self, client, quoted
    ):
        built, page, testimonial = quoted
        value = a_partner_key(built)
        url = f"/api/v2/testimonials/{testimonial.pk}/"
        assert client.get(url, headers=built.headers, **bearer(value)).status_code == 200
        authorization = TestimonialAuthorization.objects.get(testimonial=testimonial)
        revoke_for_partners(authorization, TODAY())
        call_command("withdraw_lapsed_testimonials")
        # Partners are told to take it down although the site keeps it.
        assert ChangeEvent.objects.filter(kind="withdrawn", object_id=testimonial.pk).exists()

        assert refreshed(testimonial).live
        assert all(shown_everywhere(client, built, page, testimonial).values())
        keyed = client.get(url, headers=built.headers, **bearer(value))
        assert keyed.status_code == 404 and "json" in keyed["Content-Type"]
        listing = client.get(
            "/api/v2/testimonials/", {"limit": 50}, headers=built.headers, **bearer(value)
        )
        assert testimonial.pk not in {item["id"] for item in listing.json()["items"]}

    def test_only_the_save_that_ends_syndication_tells_partners(self, quoted):
        _built, _page, testimonial = quoted
        authorization = TestimonialAuthorization.objects.get(testimonial=testimonial)
        withdrawals = ChangeEvent.objects.filter(kind="withdrawn", object_id=testimonial.pk)
        authorization.covers_social = True
        authorization.save()
        assert not withdrawals.exists()

        revoke_for_partners(authorization, TODAY())
        assert withdrawals.count() == 1

        # Later saves of the revoked authorization (a note on how it was received, another
        # channel) change nothing partners see: no second withdrawal.
        authorization.revocation_received = RevocationChannel.WRITING
        authorization.save()
        TestimonialAuthorization.objects.get(pk=authorization.pk).save()
        assert withdrawals.count() == 1

    def test_a_partner_only_revocation_dated_ahead_tells_partners_on_its_day_once(self, quoted):
        _built, _page, testimonial = quoted
        authorization = TestimonialAuthorization.objects.get(testimonial=testimonial)
        withdrawals = ChangeEvent.objects.filter(kind="withdrawn", object_id=testimonial.pk)
        revoke_for_partners(authorization, TODAY() + datetime.timedelta(days=1))
        call_command("note_ended_syndication")
        assert not withdrawals.exists()

        # Its day comes: nothing is saved, and only the every-minute job can tell partners.
        TestimonialAuthorization.objects.filter(pk=authorization.pk).update(revoked_on=TODAY())
        call_command("withdraw_lapsed_testimonials")
        call_command("note_ended_syndication")
        call_command("note_ended_syndication")
        assert withdrawals.count() == 1
        assert refreshed(testimonial).live

    def test_syndication_that_ended_while_no_scheduler_ran_is_told_on_the_next_run(self, quoted):
        _built, _page, testimonial = quoted
        authorization = TestimonialAuthorization.objects.get(testimonial=testimonial)
        three_days_ago = timezone.now() - datetime.timedelta(days=3)
        JobState.objects.update_or_create(
            name="note_ended_syndication",
            defaults={"next_due": three_days_ago, "last_success_at": three_days_ago},
        )
        revoke_for_partners(authorization, TODAY() + datetime.timedelta(days=1))
        # Dated the day before yesterday, while the schedulers were down: no save told them.
        TestimonialAuthorization.objects.filter(pk=authorization.pk).update(
            revoked_on=TODAY() - datetime.timedelta(days=2)
        )

        call_command("note_ended_syndication")

        assert ChangeEvent.objects.filter(kind="withdrawn", object_id=testimonial.pk).count() == 1

    def test_syndication_ended_by_a_save_today_is_not_told_twice(self, quoted):
        _built, _page, testimonial = quoted
        authorization = TestimonialAuthorization.objects.get(testimonial=testimonial)
        revoke_for_partners(authorization, TODAY())
        call_command("note_ended_syndication")
        assert ChangeEvent.objects.filter(kind="withdrawn", object_id=testimonial.pk).count() == 1

    def test_a_new_authorization_without_syndication_tells_partners_nothing(self, quoted):
        _built, _page, testimonial = quoted

        TestimonialAuthorizationFactory(testimonial=testimonial, covers_partners=False)

        assert not ChangeEvent.objects.filter(kind="withdrawn", object_id=testimonial.pk).exists()

    def test_a_page_read_with_a_key_leaves_out_what_partners_may_not_syndicate(
        self, client, quoted
    ):
        built, page, testimonial = quoted
        value = a_partner_key(built)
        authorization = TestimonialAuthorization.objects.get(testimonial=testimonial)
        authorization.covers_partners = False
        authorization.save()

        for path in (f"/api/v2/pages/{page.pk}/", f"/api/v3/pages/{page.pk}/"):
            public = client.get(path, headers=built.headers)
            keyed = client.get(path, headers=built.headers, **bearer(value))
            assert keyed.status_code == 200, keyed.content
            assert "I walk again." in public.text
            assert "I walk again." not in keyed.text
            assert "Larry L." not in keyed.text

    def test_an_authorization_without_syndication_is_never_read_by_keys(self, client):
        built = a_site()
        testimonial = TestimonialFactory(authorized__covers_partners=False)
        value = a_partner_key(built)
        url = f"/api/v2/testimonials/{testimonial.pk}/"

        assert client.get(url, headers=built.headers).status_code == 200
        assert client.get(url, headers=built.headers, **bearer(value)).status_code == 404


class TestRestricted:
    def test_no_api_serves_the_ledger(self, client, superuser):
        testimonial = TestimonialFactory()
        _token, plaintext = APIToken.create_token(user=superuser, name="integration")
        token = {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}

        v3_ledger = client.get("/api/v3/snippets/people.TestimonialAuthorization/", **token)
        assert v3_ledger.status_code in (404, 422)
        openapi = client.get("/api/v3/openapi.json").text
        assert "TestimonialAuthorization" not in openapi and "covers_partners" not in openapi
        answers = [
            client.get(f"/api/v2/testimonials/{testimonial.pk}/?fields=*").text,
            client.get(f"/api/v3/snippets/people.Testimonial/{testimonial.pk}/", **token).text,
        ]
        for answer in answers:
            assert "authorization" not in answer and "revoked_on" not in answer

    def test_v2_refuses_to_name_the_ledger_as_a_field(self, client):
        testimonial = TestimonialFactory()
        response = client.get(f"/api/v2/testimonials/{testimonial.pk}/?fields=authorizations")
        assert response.status_code == 400

    def test_the_ledger_is_in_no_search_index_nor_the_site_search(self):
        from wagtail.search.index import Indexed

        from search.registry import searchable_models

        assert not issubclass(TestimonialAuthorization, Indexed)
        assert TestimonialAuthorization not in searchable_models()


class TestExpiryWarnings:
    def test_the_dashboard_warns_30_and_7_days_ahead(self, admin_client):
        soon = TestimonialFactory(display_name="Soon S.", authorized__expires_on=TODAY() + 5 * DAY)
        later = TestimonialFactory(
            display_name="Later L.", authorized__expires_on=TODAY() + 25 * DAY
        )
        TestimonialFactory(display_name="Far F.", authorized__expires_on=TODAY() + 90 * DAY)
        renewed = TestimonialFactory(
            display_name="Renewed R.", authorized__expires_on=TODAY() + 20 * DAY
        )
        TestimonialAuthorizationFactory(testimonial=renewed)

        text = admin_client.get(reverse("wagtailadmin_home")).text

        assert "Testimonial consent expiring" in text
        assert soon.display_name in text and later.display_name in text
        assert "Far F." not in text and "Renewed R." not in text
        assert "Expires within 7 days" in text and "Expires within 30 days" in text
