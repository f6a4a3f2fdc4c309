"""Guard against Qt bindings that leak references to None/True (PySide6 6.12.0 on Python 3.11).

Such a leak aborts the interpreter after a few thousand calls, i.e. in the middle of a student's
session, so a binding that shows it must never be installed with the app.
"""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
class Probe(QObject):
    ping = Signal()
probe = Probe()
none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(3000):
    label.setText("x")
    probe.ping.emit()
print(none_before - sys.getrefcount(None), true_before - sys.getrefcount(True))
"""


def test_qt_calls_do_not_leak_references_to_none_or_true() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-1000:]
    lost_none, lost_true = (int(n) for n in done.stdout.split())
    assert lost_none < 100, f"{lost_none} references to None lost in 3000 Qt calls"
    assert lost_true < 100, f"{lost_true} references to True lost in 3000 signal emits"
