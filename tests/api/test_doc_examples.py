"""docs/api.md's examples run against the demo content (#16: docs that cannot go stale).

An example is a fenced ``sh`` block holding one anonymous ``curl`` GET of an
address under ``http://127.0.0.1:8000/api/`` (``-H`` headers allowed; no
``$VARIABLES``, ``-X`` or ``-d``), directly followed by a fenced ``json`` block:
the answer. The ``json`` block's info string may give the status (```` ```json 404 ````;
200 without one). In the answer ``…`` stands for what was cut: as a value, any
value; as a list item, more items; as an object member, more members. Each example
is requested, and its status and shape (keys, and the JSON type of each value) must
be those the doc shows; the values themselves (ids, dates, text) may differ.
"""

import json
import re
import shlex
from pathlib import Path

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
ORIGIN = "http://127.0.0.1:8000"
FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```[ \t]*$", re.M | re.S)
CUT = "…"


def fenced_blocks(text):
    """(info string, body, start, end) of each fenced block."""
    for match in FENCE.finditer(text):
        yield match.group(1).strip(), match.group(2), match.start(), match.end()


def examples(text):
    """(curl command, status, answer text, line) of each example, in the doc's order."""
    blocks = list(fenced_blocks(text))
    for (info, body, start, end), (next_info, answer, next_start, _) in zip(
        blocks, blocks[1:], strict=False
    ):
        language, *status = next_info.split() or [""]
        if info != "sh" or language != "json" or text[end:next_start].strip():
            continue
        command = body.strip()
        if runnable(command):
            line = text.count("\n", 0, start) + 1
            yield command, int(status[0]) if status else 200, answer, line


def runnable(command):
    words = shlex.split(command) if "\n" not in command else []
    return (
        words[:1] == ["curl"]
        and "$" not in command
        and not {"-X", "-d", "--data"} & set(words)
        and any(word.startswith(f"{ORIGIN}/api/") for word in words)
    )


def request_of(command):
    """(path with query, headers) of a curl command."""
    words = shlex.split(command)[1:]
    headers = {}
    url = None
    while words:
        word = words.pop(0)
        if word == "-H":
            name, _, value = words.pop(0).partition(":")
            headers[name.strip()] = value.strip()
        elif word.startswith(ORIGIN):
            url = word[len(ORIGIN) :]
    return url, headers


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


def test_the_doc_has_examples_of_both_apis():
    commands = " ".join(command for command, *_ in EXAMPLES)
    assert "/api/v2/" in commands
    assert "/api/v3/" in commands


@pytest.mark.parametrize(
    ("command", "status", "answer"),
    [example[:3] for example in EXAMPLES],
    ids=[f"line {example[3]}" for example in EXAMPLES],
)
def test_the_example_answers_as_the_doc_shows(command, status, answer):
    path, headers = request_of(command)
    response = Client(headers={"Host": "127.0.0.1:8000", **headers}).get(path)
    assert response.status_code == status, response.content[:300]
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
