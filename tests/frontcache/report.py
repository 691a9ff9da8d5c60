"""The result table of the runs against the production stack: `make security`'s replay
(tests/security/replay.py) and `make faults` (tests/resilience/faults.py).

A ``Result`` counts a check's requests and their answers by status, and holds its data
checks: what the check found the stack kept, each true or false.
"""

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Result:
    check: str
    tried: int = 0
    errors: int = 0  # answers of 5xx
    data: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # what the table tells beside the data checks
    statuses: Counter = field(default_factory=Counter)
    #: False when 5xx answers are expected of the check (a 503 while a dependency is
    #: away): its data checks then say which answers would have been wrong.
    strict: bool = True

    def answered(self, status):
        """One request sent; ``status`` is None when no answer came (refused, timed out)."""
        self.tried += 1
        self.statuses[status] += 1
        if status is not None and status >= 500:
            self.errors += 1

    @property
    def answers(self):
        return self.tried - self.statuses[None]

    def errors_by_status(self):
        """'503×4 429×1', the 4xx and 5xx answers and the requests left unanswered."""
        counts = [
            (str(status) if status else "no answer", count)
            for status, count in sorted(self.statuses.items(), key=lambda item: item[0] or 0)
            if status is None or status >= 400
        ]
        return " ".join(f"{name}×{count}" for name, count in counts) or "none"

    def expect(self, what, holds):
        self.data.append((what, bool(holds)))
        return bool(holds)

    @property
    def passed(self):
        errors_fail = self.strict and self.errors
        return not errors_fail and bool(self.data) and all(holds for _, holds in self.data)

    def failures(self):
        failed = [what for what, holds in self.data if not holds]
        if self.strict and self.errors:
            failed.insert(0, f"{self.errors} answer(s) of 5xx")
        return failed


def _cells(result, by_status):
    good = sum(holds for _, holds in result.data)
    counts = (
        [str(result.tried), str(result.answers), result.errors_by_status()]
        if by_status
        else [str(result.tried), str(result.errors)]
    )
    verdict = "pass" if result.passed else "FAIL"
    return [result.check, *counts, f"{good}/{len(result.data)}", verdict]


def table(results, *, heading="check", by_status=False):
    """The results aligned in columns, then every failed data check on a line of its own.

    ``by_status``: requests sent, answered and the errors by status, rather than the
    requests and their 5xx answers.
    """
    counts = ["requests sent", "answered", "errors by status"] if by_status else ["requests", "5xx"]
    rows = [[heading, *counts, "data checks", "result"]]
    rows += [_cells(result, by_status) for result in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    for result in results:
        lines += [f"NOTE {result.check}: {note}" for note in result.notes]
        lines += [f"FAILED {result.check}: {what}" for what in result.failures()]
    return "\n".join(lines)
