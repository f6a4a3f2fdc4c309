"""Regenerate the study-path pictures under docs/screenshots/ (issue #13).

Run from the repository root: `QT_QPA_PLATFORM=offscreen .venv/bin/python tools/study_screenshots.py`.
Each picture is the whole window, offscreen, on throw-away settings and an in-memory store:
the quiz with the longest needling card (answer shown) at 1024x640, an exam review, Progress at
1024x640, and the pain finder at 1280x720 with a result chosen.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from studyapp.content.loader import load_atlas
    from studyapp.quiz.cards import Template
    from studyapp.quiz.clock import utc_now
    from studyapp.quiz.questions import AnswerMode
    from studyapp.storage.userdata import UserData
    from studyapp.ui.app import application
    from studyapp.ui.main_window import MainWindow
    from studyapp.ui.painfinder_panel import PainFinderPanel
    from studyapp.ui.quiz_panel import QuizPanel
    from studyapp.ui.state import AppState

    application(["studyapp"])
    atlas = load_atlas().atlas
    OUT.mkdir(parents=True, exist_ok=True)

    def settle() -> None:
        for _ in range(5):
            QApplication.processEvents()

    def window_at(scratch: str, size: tuple[int, int]) -> MainWindow:
        settings = QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat)
        state = AppState(atlas, UserData.in_memory(), settings, Path(scratch), now=utc_now)
        window = MainWindow(state)
        window.set_theme("light")
        window.resize(*size)
        window.show()
        settle()
        return window

    def save(window: MainWindow, name: str) -> None:
        settle()
        window.grab().save(str(OUT / name))
        print(f"wrote {OUT / name}")

    def tab(window: MainWindow, title: str) -> None:
        window.tabs.setCurrentIndex(
            next(i for i in range(window.tabs.count()) if window.tabs.tabText(i) == title)
        )
        settle()

    with tempfile.TemporaryDirectory(prefix="studyapp-shot-") as scratch:
        window = window_at(scratch, (1024, 640))
        tab(window, "Quiz")
        quiz = window.panel("quiz")
        assert isinstance(quiz, QuizPanel) and quiz.view is not None
        # the longest card: piriformis needling, a 1,400-character answer recalled, then graded
        needling = [c for c in quiz.cards if c.template is Template.NEEDLING and c.muscle_id == "piriformis"]
        quiz.study.set_deck(needling)
        quiz.view.start()
        quiz.view.reveal()
        save(window, "quiz-needling-1024x640.png")
        # one fact of it as a multiple-choice card, answered wrongly
        risk = [c for c in quiz.cards if c.template is Template.NEEDLING_RISK and c.muscle_id == "piriformis"]
        quiz.view.set_mode(AnswerMode.CHOICE)
        quiz.study.set_deck(risk[:1] + [c for c in quiz.cards if c.template is Template.NEEDLING_RISK][:40])
        quiz.view.start()
        quiz.view.choose(0)
        save(window, "quiz-choice-1024x640.png")

        quiz.study.set_deck([c for c in quiz.cards if c.area == "hip_thigh"])
        exam = quiz.start_exam(8, timedelta(minutes=10), seed=4)
        for n, question in enumerate(exam.exam.questions):
            pick = (
                min(question.correct) if n % 3 else max(set(range(len(question.options))) - question.correct)
            )
            exam.pick(pick)
            exam.confirm()
        window.resize(1280, 820)
        save(window, "exam-review-1280x820.png")
        quiz.close_exam()

        quiz.study.set_deck([c for c in quiz.cards if not c.point])  # a first session, some forgotten
        for n in range(24):
            if quiz.view.question is None:
                break
            quiz.view.reveal()
            quiz.view.grade(1 if n % 4 == 0 else 3)
        window.resize(1024, 640)
        tab(window, "Progress")
        save(window, "progress-1024x640.png")
        window.close()

    with tempfile.TemporaryDirectory(prefix="studyapp-shot-") as scratch:
        window = window_at(scratch, (1280, 720))
        finder = window.panels["finder"]
        assert isinstance(finder, PainFinderPanel)
        finder.region_edit.setText("greater trochanter")
        finder.region_edit.returnPressed.emit()  # typed, as a student would
        settle()
        chosen = finder.model.index(2, 0)  # gluteus minimus: its spillover zone covers the trochanter
        finder.results.setCurrentIndex(chosen)
        finder.results.clicked.emit(chosen)
        settle()
        save(window, "painfinder-1280x720.png")
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
