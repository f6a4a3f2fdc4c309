"""The injected clock: every quiz function takes `now` instead of reading the system time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_ms(when: datetime) -> int:
    if when.tzinfo is None:
        raise ValueError("times must be timezone-aware (UTC)")
    return int(when.timestamp() * 1000)


def from_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)
