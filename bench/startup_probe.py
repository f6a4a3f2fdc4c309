"""Run in a fresh interpreter by bench/run.py: open a window, wait for its first paint, exit.

`bare` opens a plain QWidget (the baseline); `app FOLDER` opens studyapp's main window with the
atlas, its data (atlas cache, notes, reviews) and its settings in FOLDER, a throw-away folder: the
student's own data folder is never read or written. Prints the seconds from the start of this
script to the first painted frame, measured here (not the life of the process).
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
START = time.perf_counter()


def main(kind: str, folder: str | None) -> None:
    from pathlib import Path

    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    if kind == "bare":
        window: QWidget = QWidget()
        window.resize(1400, 900)
    else:
        from studyapp.ui.app import create_main_window

        if folder is None:
            raise SystemExit("startup_probe.py app FOLDER: the throw-away data folder is required")
        data = Path(folder)
        settings = QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat)
        window = create_main_window(app, settings=settings, folder=data)

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                print(f"{time.perf_counter() - START:.4f}", flush=True)
                QTimer.singleShot(0, app.quit)
            return False

    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    QTimer.singleShot(20_000, app.quit)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "app", sys.argv[2] if len(sys.argv) > 2 else None)
