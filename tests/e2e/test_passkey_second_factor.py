"""A lead manager enrols a passkey as their second factor and signs in with it, in Chromium.

The passkey lives in Chromium's virtual authenticator (DevTools' WebAuthn domain),
so the browser runs the real ceremonies against the real server, which verifies
what the authenticator signed. The server here has the second factor on (the
other e2e tests' server has it off) and is reached as "localhost", since WebAuthn
refuses an IP address as relying party.
"""

import re
from dataclasses import dataclass

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


@dataclass
class BrowserWithPasskeys:
    """A page whose browser has a platform authenticator that always says yes, and the
    messages its console showed about the Content-Security-Policy."""

    page: object
    devtools: object
    authenticator_id: str
    policy_violations: list

    def passkeys(self):
        return self.devtools.send(
            "WebAuthn.getCredentials", {"authenticatorId": self.authenticator_id}
        )["credentials"]


@pytest.fixture
def browser_with_passkeys(browser, two_factor_site):
    expect.set_options(timeout=PLAYWRIGHT_TIMEOUT_MS)
    context = browser.new_context(base_url=two_factor_site.base_url, locale="en-US")
    context.set_default_timeout(PLAYWRIGHT_TIMEOUT_MS)
    page = context.new_page()
    policy_violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and policy_violations.append(message.text)
        ),
    )
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
    try:
        yield BrowserWithPasskeys(
            page, devtools, authenticator["authenticatorId"], policy_violations
        )
    finally:
        context.close()


def sign_in_with_password(page):
    page.goto("/admin/login/?next=/admin/leads/")
    page.get_by_label("Username").fill(MANAGER_USERNAME)
    page.get_by_label("Password").fill(MANAGER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_lead_manager_registers_a_passkey_and_signs_in_with_it(
    browser_with_passkeys, two_factor_site
):
    page = browser_with_passkeys.page
    sign_in_with_password(page)
    expect(page).to_have_url(re.compile(r"/admin/two-factor/setup/\?next=/admin/leads/$"))
    assert_no_serious_axe_violations(page, "the two-factor setup page")
    page.get_by_role("button", name="Register a passkey").click()
    expect(page.get_by_role("heading", name="Lead submissions")).to_be_visible()
    assert len(browser_with_passkeys.passkeys()) == 1

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

    page.goto("/admin/account/")
    page.get_by_role("tab", name="More actions").click()
    page.get_by_role("link", name="Two-factor authentication").click()
    expect(page.get_by_text(re.compile(r"^Passkey added"))).to_have_count(1)
    # The only factor of an account that reads patient data: nothing offers to remove it.
    expect(page.get_by_role("button", name=re.compile(r"^Remove"))).to_have_count(0)
    assert_no_serious_axe_violations(page, "the two-factor devices page")
    assert browser_with_passkeys.policy_violations == []
