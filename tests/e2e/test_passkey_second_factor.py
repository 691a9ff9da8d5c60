"""A lead manager enrols a passkey as their second factor and signs in with it, in Chromium.

The passkey lives in Chromium's virtual authenticator (DevTools' WebAuthn domain),
so the browser runs the real ceremonies against the real server, which verifies
what the authenticator signed. The server here has the second factor on (the
other e2e tests' server has it off) and is reached as "localhost", since WebAuthn
refuses an IP address as relying party.
"""

import re

import pytest
from playwright.sync_api import expect

from leads.permissions import LEAD_MANAGERS_GROUP
from tests.e2e.conftest import PLAYWRIGHT_TIMEOUT_MS
from tests.e2e.helpers import assert_no_serious_axe_violations
from tests.live_server import running_cms

MANAGER_USERNAME = "e2e-lead-manager"
MANAGER_PASSWORD = "e2e lead manager passphrase"

CREATE_LEAD_MANAGER = (
    "from django.contrib.auth.models import Group, User; "
    f"manager = User.objects.create_user({MANAGER_USERNAME!r}, password={MANAGER_PASSWORD!r}); "
    f"manager.groups.add(Group.objects.get(name={LEAD_MANAGERS_GROUP!r}))"
)


@pytest.fixture(scope="module")
def two_factor_site(tmp_path_factory):
    with running_cms(
        tmp_path_factory.mktemp("e2e-two-factor"),
        [({}, ["shell", "-c", CREATE_LEAD_MANAGER])],
        host="localhost",
        settings_env={"ACCOUNTS_REQUIRE_TWO_FACTOR": "true"},
    ) as cms:
        yield cms


@pytest.fixture
def passkey_page(browser, two_factor_site):
    """A page whose browser has a platform authenticator that always says yes."""
    expect.set_options(timeout=PLAYWRIGHT_TIMEOUT_MS)
    context = browser.new_context(base_url=two_factor_site.base_url, locale="en-US")
    context.set_default_timeout(PLAYWRIGHT_TIMEOUT_MS)
    page = context.new_page()
    devtools = context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    authenticator = devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    page.passkeys = lambda: devtools.send(
        "WebAuthn.getCredentials", {"authenticatorId": authenticator["authenticatorId"]}
    )["credentials"]
    try:
        yield page
    finally:
        context.close()


def sign_in_with_password(page):
    page.goto("/admin/login/?next=/admin/leads/")
    page.get_by_label("Username").fill(MANAGER_USERNAME)
    page.get_by_label("Password").fill(MANAGER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_lead_manager_registers_a_passkey_and_signs_in_with_it(passkey_page, two_factor_site):
    page = passkey_page
    sign_in_with_password(page)
    expect(page).to_have_url(re.compile(r"/admin/two-factor/setup/\?next=/admin/leads/$"))
    assert_no_serious_axe_violations(page, "the two-factor setup page")
    page.get_by_role("button", name="Register a passkey").click()
    expect(page.get_by_role("heading", name="Lead submissions")).to_be_visible()
    assert len(page.passkeys()) == 1

    page.get_by_role("button", name=MANAGER_USERNAME).click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_label("Username")).to_be_visible()
    sign_in_with_password(page)
    expect(page).to_have_url(re.compile(r"/admin/two-factor/verify/\?next=/admin/leads/$"))
    expect(page.get_by_label("Code from your authenticator app")).to_have_count(0)
    assert_no_serious_axe_violations(page, "the two-factor verification page")
    page.get_by_role("button", name="Use your passkey").click()
    expect(page).to_have_url(two_factor_site.url("/admin/leads/"))
    expect(page.get_by_role("heading", name="Lead submissions")).to_be_visible()
