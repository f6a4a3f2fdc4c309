"""A clock the quiz tests move by hand, so scheduling is tested without waiting or flakiness."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

START = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)  # a Monday, noon UTC


class Clock:
    def __init__(self, start: datetime = START) -> None:
        self.t = start

    def __call__(self) -> datetime:
        return self.t

    def advance(self, **kw: float) -> None:
        self.t += timedelta(**kw)
