"""The injected clock: every quiz function takes `now` instead of reading the system time.

Also the student's time zone: study days begin at a chosen hour on the student's own clock, so the
scheduler needs the zone with its daylight-saving rules, not just today's UTC offset.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo

Clock = Callable[[], datetime]
_EPOCH = datetime(1970, 1, 1)


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_ms(when: datetime) -> int:
    if when.tzinfo is None:
        raise ValueError("times must be timezone-aware (UTC)")
    return int(when.timestamp() * 1000)


def from_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


class SystemZone(tzinfo):
    """The operating system's local zone, daylight saving included, on every platform.

    `datetime.now().astimezone().tzinfo` is a fixed offset (today's), which would put the start of
    the day an hour off for half the year; the C library's `localtime` knows the rules instead.
    """

    def _offset_at(self, stamp: float) -> timedelta:
        try:
            return timedelta(seconds=time.localtime(stamp).tm_gmtoff)
        except (OverflowError, OSError, ValueError):  # outside the platform's time_t range
            return timedelta(seconds=time.localtime().tm_gmtoff)

    def utcoffset(self, dt: datetime | None) -> timedelta:
        if dt is None:
            return self._offset_at(time.time())
        wall = (dt.replace(tzinfo=None) - _EPOCH).total_seconds()
        # The offset in force at this wall time: try the offset of the instant read as UTC, then
        # correct once (enough for every real zone, whose offsets change by at most a few hours).
        guess = self._offset_at(wall)
        return self._offset_at(wall - guess.total_seconds())

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)  # not needed for arithmetic; utcoffset carries the whole offset

    def tzname(self, dt: datetime | None) -> str:
        return "local"

    def fromutc(self, dt: datetime) -> datetime:
        stamp = (dt.replace(tzinfo=None) - _EPOCH).total_seconds()
        return (dt + self._offset_at(stamp)).replace(tzinfo=self)

    def __repr__(self) -> str:
        return "SystemZone()"


def local_zone() -> tzinfo:
    """The student's zone: the system's own (the default of `StudySettings.timezone`)."""
    return SystemZone()
