"""Save draft and publish of a procedure page through the admin, timed as an editor meets them.

Real HTTP against the stack's gunicorn: an editor of the network's shared content
(a member of "Network editors", no superuser, so no second factor) signs in through
the login form; each round opens the page's edit view, changes its summary and posts
the whole form back, once as "Save draft" and once as "Publish", as the browser does.
A save's time runs from the POST to its answer (the redirect that ends the save); the
edit view's own load is reported beside it. p50 and p95 over the rounds, against the
issue's target of 1 s at p50, and the SQL queries of each kind of save, counted in-process
(a figure that, unlike the timings, a busy machine does not move).

``bench/run.py`` measures this with everything else; on its own, against a running
stack (``source $STACK_DIR/stack.env``)::

    .venv/bin/python bench/saves.py --rounds 10

A measurement that fails (a refused login, a form error, a server error) is reported
with its reason, never raised: the rest of the bench still runs.
"""

import argparse
import json
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
TARGET_P50_S = 1.0
EDITOR_USERNAME = "bench-editor"
EDIT_FORM_ID = "page-edit-form"
# Buttons are not sent unless pressed; files are not part of these saves.
UNSENT_INPUT_TYPES = {"submit", "button", "image", "reset", "file"}
TIMEOUT_S = 120


class SaveFailed(Exception):
    """The admin did not save: the reason, in words."""


def percentile(values, fraction):
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def timings(values):
    return {
        "p50_s": statistics.median(values),
        "p95_s": percentile(values, 0.95),
        "max_s": max(values),
    }


def bench_editor():
    """A network editor with a fresh password (the bench's own account); (username, password)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from clinics.teams import NETWORK_EDITORS

    password = secrets.token_urlsafe(24)
    user, _created = get_user_model().objects.get_or_create(
        username=EDITOR_USERNAME, defaults={"email": "bench-editor@example.com"}
    )
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=NETWORK_EDITORS))
    return EDITOR_USERNAME, password


def procedure_to_edit():
    """A live procedure page of the generated content (the demo's when there is none)."""
    from procedures.models import ProcedurePage

    pages = ProcedurePage.objects.live().filter(locale__language_code="en").order_by("pk")
    return pages.filter(slug__startswith="load-procedure-").first() or pages.first()


class AdminClient:
    """An editor's browser, reduced: the cookies it was given, sent back on every request.

    The stack's cookies are marked Secure (production settings) while the bench talks
    plain HTTP to gunicorn, so they are kept here rather than by a cookie jar that would
    rightly refuse to send them.
    """

    def __init__(self, base_url):
        import requests

        self.base_url = base_url
        self.http = requests.Session()
        self.cookies = {}

    def request(self, method, path, data=None):
        response = self.http.request(
            method,
            self.base_url + path,
            data=data,
            cookies=self.cookies,
            allow_redirects=False,
            timeout=TIMEOUT_S,
        )
        self.cookies.update(response.cookies.get_dict())
        self.http.cookies.clear()
        if response.status_code >= 500:
            raise SaveFailed(f"{method} {path} answered {response.status_code}")
        return response

    def log_in(self, username, password):
        form = form_fields(self.request("GET", "/admin/login/").text, None)
        form.update(username=username, password=password)
        answer = self.request("POST", "/admin/login/", form)
        if answer.status_code != 302:
            raise SaveFailed(f"the login form refused {username} ({answer.status_code})")


def _field_values(element):
    """The (name, value) pairs a browser would send for one form control."""
    name = element.get("name")
    if not name or element.has_attr("disabled"):
        return []
    if element.name == "textarea":
        return [(name, element.text)]
    if element.name == "select":
        options = element.find_all("option")
        chosen = [option for option in options if option.has_attr("selected")]
        if not chosen and options and not element.has_attr("multiple"):
            chosen = options[:1]
        return [(name, option.get("value", option.text)) for option in chosen]
    kind = element.get("type", "text").lower()
    if kind in UNSENT_INPUT_TYPES:
        return []
    if kind in ("checkbox", "radio"):
        return [(name, element.get("value", "on"))] if element.has_attr("checked") else []
    return [(name, element.get("value", ""))]


def block_form_data(block, value, prefix):
    """The (name, value) pairs the admin's block editor posts for ``value``.

    The edit view renders StreamFields as data for its script, which builds their form
    controls in the browser; the bench has no browser, so it writes what that script
    would post, block by block (wagtail/blocks' value_from_datadict reads it back).
    """
    from wagtail import blocks

    if isinstance(block, (blocks.StreamBlock, blocks.ListBlock)):
        children = list(value) if isinstance(block, blocks.StreamBlock) else value.bound_blocks
        yield f"{prefix}-count", str(len(children))
        for index, child in enumerate(children):
            item = f"{prefix}-{index}"
            if isinstance(block, blocks.StreamBlock):
                yield f"{item}-type", child.block_type
            yield from ((f"{item}-id", child.id or ""), (f"{item}-deleted", ""))
            yield f"{item}-order", str(index)
            yield from block_form_data(child.block, child.value, f"{item}-value")
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from block_form_data(child_block, value.get(name), f"{prefix}-{name}")
    else:
        yield from _field_block_data(block.get_form_state(value), prefix)


def _field_block_data(state, prefix):
    if state is True:
        yield prefix, "on"
    elif isinstance(state, dict):  # a chooser's state: the chosen object's id
        yield prefix, str(state.get("id") or "")
    elif isinstance(state, list | tuple):
        yield from ((prefix, str(item)) for item in state)
    elif state not in (None, False):
        yield prefix, str(state)


def stream_form_data(page):
    """The posted form of each StreamField in the page's edit form, from its latest draft."""
    from wagtail.blocks.base import BlockField

    draft = page.get_latest_revision_as_object()
    form_class = page.get_edit_handler().get_form_class()
    return [
        pair
        for name, field in form_class.base_fields.items()
        if isinstance(field, BlockField)
        for pair in block_form_data(field.block, getattr(draft, name), name)
    ]


def form_fields(html, form_id):
    """The values of the form ``form_id`` (the page's first form when None), as a dict.

    Single values only: the edit form of a procedure page has no multiple choice.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", id=form_id) if form_id else soup.find("form")
    if form is None:
        raise SaveFailed(f"no form {form_id or ''} on the page")
    controls = form.find_all(["input", "select", "textarea"])
    if form_id:
        controls += soup.find_all(["input", "select", "textarea"], attrs={"form": form_id})
    return dict(pair for control in controls for pair in _field_values(control))


def timed_save(client, edit_path, streams, summary, publish):
    """Open the edit view, change the summary, post the form; (edit view load s, save s)."""
    started = time.perf_counter()
    edit_view = client.request("GET", edit_path)
    loaded = time.perf_counter() - started
    if edit_view.status_code != 200:
        raise SaveFailed(f"the edit view answered {edit_view.status_code}")
    form = form_fields(edit_view.text, EDIT_FORM_ID)
    form["summary"] = summary
    if publish:
        form["action-publish"] = "action-publish"
    started = time.perf_counter()
    answer = client.request("POST", edit_path, [*form.items(), *streams])
    saved = time.perf_counter() - started
    if not saved_answer(answer.status_code, answer.headers.get("Location", "")):
        raise SaveFailed(
            f"{'publish' if publish else 'save draft'} was refused ({answer.status_code}): "
            f"{form_errors(answer.text)}"
        )
    return loaded, saved


def saved_answer(status, location):
    """A save ends in a redirect to the admin; one to the login page saved nothing."""
    return status == 302 and "/admin/login/" not in location


def form_errors(html):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    errors = [
        " ".join(node.get_text(" ").split())
        for node in soup.select(".error-message, .help-critical, .messages .error")
    ]
    return "; ".join(errors)[:500] or "no error shown"


def queries_per_save(page, streams, publish):
    """SQL queries of one save, counted in-process: a figure the machine's load leaves alone."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=EDITOR_USERNAME))
    edit_path = f"/admin/pages/{page.pk}/edit/"
    form = form_fields(client.get(edit_path).content.decode(), EDIT_FORM_ID)
    form["summary"] = f"{page.summary} (counted)"
    if publish:
        form["action-publish"] = "action-publish"
    data = {}
    for name, value in [*form.items(), *streams]:
        data.setdefault(name, []).append(value)
    with CaptureQueriesContext(connection) as queries:
        answer = client.post(edit_path, data)
    if not saved_answer(answer.status_code, answer.get("Location", "")):
        raise SaveFailed(f"the counted save was refused ({answer.status_code})")
    return len(queries)


def measure_admin_saves(gunicorn_url, rounds):
    """Save draft and publish ``rounds`` times each; their timings, or the failure's reason."""
    try:
        page = procedure_to_edit()
        client = AdminClient(gunicorn_url)
        client.log_in(*bench_editor())
        edit_path = f"/admin/pages/{page.pk}/edit/"
        summary, streams = page.summary, stream_form_data(page)
        loads, drafts, publishes = [], [], []
        for n in range(rounds):
            for publish, into in ((False, drafts), (True, publishes)):
                changed = f"{summary} ({n}{publish:d})"
                loaded, saved = timed_save(client, edit_path, streams, changed, publish)
                loads.append(loaded)
                into.append(saved)
        sql_queries = {
            kind: queries_per_save(page, streams, publish)
            for kind, publish in (("save_draft", False), ("publish", True))
        }
    except Exception as error:  # a measurement that fails is reported, never raised
        return {"error": f"{type(error).__name__}: {error}"}
    return {
        "page": {"id": page.pk, "title": page.title},
        "rounds": rounds,
        "target_p50_s": TARGET_P50_S,
        "save_draft": timings(drafts) | {"sql_queries": sql_queries["save_draft"]},
        "publish": timings(publishes) | {"sql_queries": sql_queries["publish"]},
        "edit_view_load": timings(loads),
    }


def admin_save_checks(result):
    """The issue's target, met or not, for each kind of save."""
    if result is None:
        return []
    if "error" in result:
        return [("admin saves: measured", False)]
    return [
        (
            f"admin {kind.replace('_', ' ')}: p50 < {TARGET_P50_S:g} s",
            result[kind]["p50_s"] < TARGET_P50_S,
        )
        for kind in ("save_draft", "publish")
    ]


def print_admin_saves(result):
    if result is None:
        return
    if "error" in result:
        print(f"\nAdmin saves: FAILED to measure: {result['error']}")
        return
    print(
        f"\nAdmin saves of '{result['page']['title']}' ({result['rounds']} rounds, real POSTs to "
        f"the edit view, as a network editor):"
    )
    print(f"{'':<16} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'SQL':>4}  target p50 < 1 s")
    for kind, label in (
        ("save_draft", "save draft"),
        ("publish", "publish"),
        ("edit_view_load", "edit view load"),
    ):
        row = result[kind]
        verdict = (
            "" if kind == "edit_view_load" else ("pass" if row["p50_s"] < TARGET_P50_S else "FAIL")
        )
        print(
            f"{label:<16} {row['p50_s'] * 1000:>7.0f} {row['p95_s'] * 1000:>7.0f}"
            f" {row['max_s'] * 1000:>7.0f} {row.get('sql_queries', ''):>4}  {verdict}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--output", default=str(BASE_DIR / "bench" / "results" / "saves.json"))
    args = parser.parse_args()
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.stack")
    import django

    django.setup()
    result = measure_admin_saves(os.environ["STACK_GUNICORN_URL"], args.rounds)
    result["load_avg"] = os.getloadavg()
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(result, indent=2))
    print_admin_saves(result)
    checks = admin_save_checks(result)
    print(f"Targets: {sum(met for _label, met in checks)} of {len(checks)} met")


if __name__ == "__main__":
    main()
