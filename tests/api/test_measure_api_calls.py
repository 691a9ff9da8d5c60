"""manage.py measure_api_calls, whose table README and docs/api.md show: on the demo content,
a partner renders a procedure and a location in both languages with one compact call instead
of one indented call per language, and gzip shrinks that call further."""

import io
import re

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]


def table_rows():
    out = io.StringIO()
    call_command("measure_api_calls", stdout=out)
    rows = {}
    for line in out.getvalue().splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        name = re.match(r"\w+", cells[0])[0]
        numbers = [int(cell.replace(",", "")) for cell in cells[2:]]
        rows[name] = (cells[1], *numbers)
    return rows


def test_both_pages_take_one_compact_call_for_every_language():
    rows = table_rows()
    assert set(rows) == {"procedure", "location"}
    for languages, stock_calls, stock_bytes, calls, compact, gzipped in rows.values():
        assert languages == "en, es"
        assert (stock_calls, calls) == (2, 1)
        assert 0 < gzipped < compact < stock_bytes
