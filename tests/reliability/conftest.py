"""The reliability suite's summary: every test adds its figures; pytest prints one table at the end."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest


@dataclass
class Tally:
    """What one hostile test tried and what came of it."""

    name: str
    inputs: int = 0
    opened_ok: int = 0
    clear_errors: int = 0  # detected and said in words (damage offered a good backup, full disk, ...)
    tracebacks: int = 0
    hangs: int = 0
    answers_lost: int = 0
    notes: list[str] = field(default_factory=list)


TALLIES: list[Tally] = []


@pytest.fixture
def tally(request: pytest.FixtureRequest) -> Iterator[Tally]:
    entry = Tally(request.node.name.removeprefix("test_"))
    TALLIES.append(entry)
    yield entry


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TALLIES:
        return
    write = terminalreporter.write_line
    terminalreporter.section("reliability summary")
    header = f"{'test':58} {'inputs':>6} {'ok':>5} {'clear':>5} {'tb':>3} {'hang':>4} {'lost':>4}"
    write(header)
    for t in TALLIES:
        write(
            f"{t.name[:58]:58} {t.inputs:6d} {t.opened_ok:5d} {t.clear_errors:5d} {t.tracebacks:3d} "
            f"{t.hangs:4d} {t.answers_lost:4d}"
        )
        for note in t.notes[:5]:
            write(f"    {note}")
