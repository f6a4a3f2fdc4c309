"""Run in a fresh interpreter by bench/run.py: open a window, wait for its first paint, exit.

`bare` opens a plain QWidget (the baseline); `app` opens studyapp's main window with the atlas.
Prints the seconds from interpreter start to the first painted frame.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
START = time.perf_counter()


def main(kind: str) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    if kind == "bare":
        window: QWidget = QWidget()
        window.resize(1400, 900)
    else:
        from studyapp.ui.app import create_main_window

        window = create_main_window(app)

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
    main(sys.argv[1] if len(sys.argv) > 1 else "app")
