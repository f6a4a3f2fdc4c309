"""The app never opens a network connection: a whole session runs with network sockets blocked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SESSION = r"""
import socket, sys
attempts = []

def refuse(*args, **kwargs):
    attempts.append(repr(args)[:80])
    raise OSError("network access is blocked in this test")

class NoNetworkSocket(socket.socket):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if family in (socket.AF_INET, socket.AF_INET6, -1) and fileno is None:
            refuse(family, type)
        super().__init__(family, type, proto, fileno)

socket.socket = NoNetworkSocket
socket.create_connection = refuse
socket.getaddrinfo = refuse

from PySide6.QtWidgets import QApplication
from studyapp.ui.app import create_main_window
from studyapp.ui.quiz_panel import QuizPanel

app = QApplication([])
window = create_main_window(app)
window.resize(1200, 800)
window.show()
for muscle in ("gluteus_medius", "piriformis", "masseter"):
    assert window.select_muscle(muscle), muscle
app.processEvents()
finder = window.panels["finder"]
finder.set_regions(["greater_trochanter", "lateral_thigh_upper"])
quiz = window.panels["quiz"]
assert isinstance(quiz, QuizPanel) and quiz.view is not None
quiz.view.reveal()
quiz.view.grade(3)
window.grab()
window.close()
from studyapp.selftest import run_self_test
assert run_self_test(lambda line: None) == 0
print("attempts:", len(attempts), attempts)
"""


def test_a_whole_session_runs_with_network_sockets_blocked(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "STUDYAPP_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(
        [sys.executable, "-c", SESSION], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "attempts: 0 []" in done.stdout, done.stdout
