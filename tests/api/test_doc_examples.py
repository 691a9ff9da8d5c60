"""docs/api.md's examples run against the demo content (#16: docs that cannot go stale).

An example is a fenced ``sh`` block holding one ``curl`` request of an address under
``http://127.0.0.1:8000/api/`` (``-H`` headers, ``-X`` method and ``-d`` body allowed,
lines continued with a backslash; ``$TOKEN`` is a superuser's API token, no other
variable), directly followed by the answer:

- a fenced ``json`` block, whose info string may give the status (```` ```json 404 ````;
  200 without one). In the answer ``…`` stands for what was cut: as a value, any value;
  as a list item, more items; as an object member, more members. The status and the
  shape (keys, and the JSON type of each value) must be those the doc shows; the values
  themselves (ids, dates, text) may differ.
- or, for ``curl -si``, a plain fenced block with the status line and headers: the
  status must be the doc's and each header it names must be there. A conditional
  request (``If-None-Match``, ``If-Modified-Since``) is not run: its validator is that of
  the content the doc was written against.
"""

import json
import re
import shlex
from pathlib import Path

import pytest
from django.test import Client
from wagtail.models import APIToken

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
ORIGIN = "http://127.0.0.1:8000"
FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```[ \t]*$", re.M | re.S)
CUT = "…"


def fenced_blocks(text):
    """(info string, body, start, end) of each fenced block."""
    for match in FENCE.finditer(text):
        yield match.group(1).strip(), match.group(2), match.start(), match.end()


CONDITIONAL = ("If-None-Match", "If-Modified-Since")


def examples(text):
    """(curl command, status, answer kind, answer text, line) of each example, in the
    doc's order; the kind is "json" or "headers"."""
    blocks = list(fenced_blocks(text))
    for (info, body, start, end), (next_info, answer, next_start, _) in zip(
        blocks, blocks[1:], strict=False
    ):
        if info != "sh" or text[end:next_start].strip():
            continue
        command = " ".join(body.strip().split("\\\n"))
        language, *status = next_info.split() or [""]
        if language == "json":
            answer_kind, status = "json", int(status[0]) if status else 200
        elif not next_info and answer.startswith("HTTP/"):
            answer_kind, status = "headers", int(answer.split()[1])
        else:
            continue
        if runnable(command):
            line = text.count("\n", 0, start) + 1
            yield command, status, answer_kind, answer, line


def runnable(command):
    words = shlex.split(command) if "\n" not in command else []
    return (
        words[:1] == ["curl"]
        and not set(re.findall(r"\$\w+", command)) - {"$TOKEN"}
        and not any(word.startswith(CONDITIONAL) for word in words)
        and any(word.startswith(f"{ORIGIN}/api/") for word in words)
    )


def request_of(command, token):
    """(method, path with query, headers, body) of a curl command."""
    words = shlex.split(command.replace("$TOKEN", token))[1:]
    method, url, headers, body = "GET", None, {}, None
    while words:
        word = words.pop(0)
        if word == "-H":
            name, _, value = words.pop(0).partition(":")
            headers[name.strip()] = value.strip()
        elif word == "-X":
            method = words.pop(0)
        elif word in ("-d", "--data"):
            body = words.pop(0)
            method = "POST" if method == "GET" else method
        elif word.startswith(ORIGIN):
            url = word[len(ORIGIN) :]
    return method, url, headers, body


def shown_headers(answer):
    """The names of the headers an answer block shows (after its status line)."""
    return [line.partition(":")[0] for line in answer.strip().splitlines()[1:] if ":" in line]


def trimmed_json(text):
    """The doc's JSON, with each ``…`` outside strings made a value (or member) "…"."""
    out, stack, in_string, escaped, expecting_key = [], [], False, False, False
    for char in text:
        if in_string:
            escaped = char == "\\" and not escaped
            in_string = escaped or char != '"'
            out.append(char)
            continue
        if char == CUT:
            out.append(f'"{CUT}": "{CUT}"' if stack[-1:] == ["{"] and expecting_key else f'"{CUT}"')
            continue
        if char == '"':
            in_string = True
        elif char in "{[":
            stack.append(char)
            expecting_key = char == "{"
        elif char in "}]":
            stack.pop()
        elif char == ",":
            expecting_key = stack[-1:] == ["{"]
        elif char == ":":
            expecting_key = False
        out.append(char)
    return json.loads("".join(out))


def kind(value):
    if value is None or isinstance(value, bool | str | list | dict):
        return type(value).__name__
    return "number"


def shape_problems(shown, actual, where="answer"):
    """How ``actual`` differs in shape from what the doc ``shown``, as readable lines."""
    if shown == CUT:
        return []
    if kind(shown) != kind(actual):
        return [f"{where}: the doc shows a {kind(shown)}, the API gives a {kind(actual)}"]
    if isinstance(shown, dict):
        problems = []
        for key in (key for key in shown if key != CUT):
            if key not in actual:
                problems.append(f"{where}: the doc shows {key!r}, the API has none")
            else:
                problems += shape_problems(shown[key], actual[key], f"{where}.{key}")
        if CUT not in shown:
            extra = sorted(actual.keys() - shown.keys())
            problems += [f"{where}: the API also gives {key!r}" for key in extra]
        return problems
    if isinstance(shown, list):
        return list_problems(shown, actual, where)
    return []


def list_problems(shown, actual, where):
    if CUT not in shown:
        if len(shown) != len(actual):
            return [f"{where}: the doc shows {len(shown)} items, the API gives {len(actual)}"]
        head, tail = shown, []
    else:
        cut = shown.index(CUT)
        head, tail = shown[:cut], [item for item in shown[cut + 1 :] if item != CUT]
        if len(actual) < len(head) + len(tail):
            return [f"{where}: the doc shows more items than the API gives ({len(actual)})"]
    problems = []
    for index, item in enumerate(head):
        problems += shape_problems(item, actual[index], f"{where}[{index}]")
    for index, item in enumerate(tail, start=len(actual) - len(tail)):
        problems += shape_problems(item, actual[index], f"{where}[{index}]")
    return problems


EXAMPLES = list(examples(DOC.read_text()))


@pytest.fixture
def token(django_user_model):
    user = django_user_model.objects.create_superuser("docs-admin", "docs@example.com", "x")
    return APIToken.create_token(user=user, name="docs")[1]


def test_the_doc_has_examples_of_both_apis_reads_writes_and_headers():
    commands = " ".join(command for command, *_ in EXAMPLES)
    assert "/api/v2/" in commands
    assert "/api/v3/" in commands
    assert "$TOKEN" in commands and "-X PATCH" in commands
    assert {answer_kind for _, _, answer_kind, *_ in EXAMPLES} == {"json", "headers"}


@pytest.mark.parametrize(
    ("command", "status", "answer_kind", "answer"),
    [example[:4] for example in EXAMPLES],
    ids=[f"line {example[4]}" for example in EXAMPLES],
)
def test_the_example_answers_as_the_doc_shows(command, status, answer_kind, answer, token):
    method, path, headers, body = request_of(command, token)
    client = Client(headers={"Host": "127.0.0.1:8000", **headers})
    content_type = headers.get("Content-Type", "application/octet-stream")
    response = client.generic(method, path, body or "", content_type=content_type)
    assert response.status_code == status, response.content[:300]
    if answer_kind == "headers":
        missing = [name for name in shown_headers(answer) if not response.has_header(name)]
        assert not missing, f"the doc shows {missing}, the API sends none"
    else:
        problems = shape_problems(trimmed_json(answer), response.json())
        assert not problems, "\n".join(problems)


def test_the_shape_comparison_catches_what_makes_a_doc_stale():
    shown = trimmed_json('{"id": 1, "items": [{"title": "x"}, …], "meta": {…}}')
    assert shape_problems(shown, {"id": 2, "items": [{"title": "y"}, {}], "meta": {"a": 1}}) == []
    assert shape_problems(shown, {"id": "2", "items": [], "meta": {}}) == [
        "answer.id: the doc shows a number, the API gives a str",
        "answer.items: the doc shows more items than the API gives (0)",
    ]
    assert shape_problems(shown, {"id": 1, "items": [{"title": "x"}], "meta": {}, "new": 1}) == [
        "answer: the API also gives 'new'"
    ]
    assert shape_problems(shown, {"id": None, "items": [{"title": 3}], "meta": {}}) == [
        "answer.id: the doc shows a number, the API gives a NoneType",
        "answer.items[0].title: the doc shows a str, the API gives a number",
    ]
