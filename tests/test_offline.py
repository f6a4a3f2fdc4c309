"""The app never opens a network connection, whoever would open it: Python, Qt or a C library.

A whole scripted session runs under `strace -f`, which sees every `socket` and `connect` system
call of the process and its threads and children, so a QTcpSocket, a raw socket made through libc
or Python's own `socket` module are all caught alike. Any Internet socket (AF_INET / AF_INET6)
fails the test; local ones (AF_UNIX, AF_NETLINK) are what a desktop program uses to talk to its own
machine. The harness is proved by a session that makes one raw connection through libc.

strace is a Linux tool; CI installs it (`.ci/run`) when the machine lacks it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INTERNET = re.compile(r"\b(socket\(AF_INET6?\b|connect\(.*sa_family=AF_INET6?\b)")

SESSION = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from studyapp.ui.app import create_main_window
from studyapp.ui.quiz_panel import QuizPanel

folder = Path(sys.argv[1])
app = QApplication([])
settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
window = create_main_window(app, settings=settings, folder=folder)
window.resize(1200, 800)
window.show()
for muscle in ("gluteus_medius", "piriformis", "masseter"):
    assert window.select_muscle(muscle), muscle
app.processEvents()
window.state.set_regions(["greater_trochanter", "lateral_thigh_upper"])
window.tabs.setCurrentIndex(1)
quiz = window.panel("quiz")
assert isinstance(quiz, QuizPanel) and quiz.view is not None
quiz.view.reveal()
quiz.view.grade(3)
window.tabs.setCurrentIndex(2)
app.processEvents()
window.grab()
window.close()
window.state.close()
from studyapp.selftest import run_self_test
assert run_self_test(lambda line: None) == 0
print("session done")
"""

RAW_CONNECT = r"""
import ctypes, socket, struct
libc = ctypes.CDLL(None, use_errno=True)
fd = libc.socket(socket.AF_INET, socket.SOCK_STREAM, 0)
address = struct.pack("=H", socket.AF_INET) + struct.pack("!H4s8x", 9, socket.inet_aton("127.0.0.1"))
libc.connect(fd, address, len(address))  # refused (nothing listens on port 9), but attempted
print("session done")
"""


def network_calls(script: str, folder: Path) -> list[str]:
    """Run `script` under strace; the Internet socket/connect calls it (or any child) made."""
    strace = shutil.which("strace")
    assert strace is not None, "strace is needed to watch for network calls (apt-get install strace)"
    log = folder / "strace.log"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "STUDYAPP_DATA_DIR": str(folder / "unused")}
    command = [strace, "-f", "-qq", "-e", "trace=socket,connect", "-e", "signal=none", "-o", str(log)]
    command += [sys.executable, "-c", script, str(folder)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "session done" in done.stdout, done.stdout
    calls = log.read_text(encoding="utf-8", errors="replace").splitlines()
    return [line for line in calls if INTERNET.search(line)]


QT_CONNECT = r"""
from PySide6.QtCore import QCoreApplication
from PySide6.QtNetwork import QTcpSocket
app = QCoreApplication([])
connection = QTcpSocket()
connection.connectToHost("127.0.0.1", 9)
connection.waitForConnected(500)
print("session done")
"""


def test_a_whole_session_opens_no_internet_socket(tmp_path: Path) -> None:
    assert network_calls(SESSION, tmp_path) == []


def test_the_watch_catches_a_raw_connection_made_outside_python_and_qt(tmp_path: Path) -> None:
    caught = network_calls(RAW_CONNECT, tmp_path)
    assert any(line.split(maxsplit=1)[1].startswith("socket(AF_INET,") for line in caught), caught
    assert any("connect(" in line and 'inet_addr("127.0.0.1")' in line for line in caught), caught


def test_the_watch_catches_a_qt_connection(tmp_path: Path) -> None:
    caught = network_calls(QT_CONNECT, tmp_path)
    assert any("connect(" in line and "htons(9)" in line for line in caught), caught
