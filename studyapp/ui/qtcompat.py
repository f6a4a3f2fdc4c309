"""Work around a reference-count bug in `SignalInstance.emit()` (seen in PySide6 6.12 on Python 3.11).

`emit()` returns True without taking a reference to it, so every emit from Python drops one reference
to True. On Python 3.12+ True is immortal and nothing happens; on 3.11 a few thousand emits (a long
study session) bring its count to zero and the interpreter aborts ("bool_dealloc: deallocating True
or False"). `emit()` below measures the leak once and gives the reference back, so it is exact on a
fixed PySide6 too (it then does nothing).
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 16


class _Probe(QObject):
    ping = Signal()


def _measure_leak() -> int:
    """References lost per emit (0 when PySide6 is fine or the interpreter has immortal bools)."""
    if sys.version_info >= (3, 12):
        return 0
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    if lost > 0:  # pay back what the measurement itself took
        for _ in range(lost):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return round(lost / _PROBES)


_LEAK = _measure_leak()


def emit(signal: SignalInstance, *args: Any) -> None:
    """`signal.emit(*args)` without the reference leak."""
    result: object = signal.emit(*args)  # type: ignore[func-returns-value]  # the stubs say None; it is a bool
    for _ in range(_LEAK):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))


def leak_per_emit() -> int:
    return _LEAK
