"""The post-test, closed book: a modal dialog, one question at a time, with the pack's time limit.

Being modal, it keeps the atlas, the body chart's overlays and the pain finder out of reach until
the student finishes (or the time runs out, which finishes the attempt with what was answered).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studyapp.course.model import Course, QuestionKind
from studyapp.course.posttest import Drawn
from studyapp.ui.quiz_chart import ChartFactory, QuizChart

Answer = str | list[str]


class PostTestDialog(QDialog):
    """Collects answers; `answers()` after `finished` holds what the student gave, by question id."""

    timeUp = Signal()

    def __init__(
        self,
        course: Course,
        drawn: Sequence[Drawn],
        chart_factory: ChartFactory,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.setWindowTitle(f"Post-test: {course.title}")
        self.setMinimumSize(640, 520)
        self.course = course
        self.drawn = list(drawn)
        self.now = now
        self.started = now()
        assert course.post_test is not None
        self.limit_s = course.post_test.time_limit_minutes * 60
        self._given: dict[str, Answer] = {}
        self.index = 0

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.position = QLabel()
        self.position.setAccessibleName("Question number")
        self.clock_label = QLabel()
        self.clock_label.setAccessibleName("Time left")
        top.addWidget(self.position, 1)
        top.addWidget(self.clock_label)
        layout.addLayout(top)
        self.bar = QProgressBar()
        self.bar.setRange(0, len(self.drawn))
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(6)
        layout.addWidget(self.bar)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.prompt.setAccessibleName("Question")
        font = self.prompt.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.prompt.setFont(font)
        layout.addWidget(self.prompt)
        self.picture = QLabel()
        self.picture.setAccessibleName("Question picture")
        self.picture.hide()
        layout.addWidget(self.picture)

        self.stack = QStackedWidget()
        self.choices = QListWidget()
        self.choices.setWordWrap(True)
        self.choices.setAccessibleName("Choices")
        self.choices.itemSelectionChanged.connect(self._store_choice)
        self.typed = QLineEdit()
        self.typed.setPlaceholderText("Type your answer")
        self.typed.setAccessibleName("Your answer")
        self.typed.textEdited.connect(self._store_typed)
        self.chart: QuizChart = chart_factory(self)
        for widget in (self.choices, self.typed, self.chart.widget):
            self.stack.addWidget(widget)
        layout.addWidget(self.stack, 1)

        buttons = QHBoxLayout()
        self.back = QPushButton("◀ Previous")
        self.back.clicked.connect(lambda: self.go(self.index - 1))
        self.next = QPushButton("Next ▶")
        self.next.setDefault(True)
        self.next.clicked.connect(self._next_or_finish)
        self.finish_button = QPushButton("Finish and grade")
        self.finish_button.clicked.connect(self.confirm_finish)
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        buttons.addWidget(self.finish_button)
        buttons.addWidget(self.next)
        layout.addLayout(buttons)
        for number in range(1, 10):
            key = QShortcut(QKeySequence(str(number)), self)
            key.activated.connect(lambda n=number: self.choose(n - 1))
        finish_key = QShortcut(QKeySequence("Ctrl+Return"), self)
        finish_key.activated.connect(self.confirm_finish)

        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        if self.limit_s > 0:
            self.timer.start()
        self._tick()
        self.go(0)

    # -- answers ------------------------------------------------------------------------------------
    def answers(self) -> dict[str, Answer]:
        self._store_clicks()
        return dict(self._given)

    def choose(self, index: int) -> None:
        """Pick choice `index` of the current question (keys 1-9; they toggle on "select all")."""
        if self.stack.currentWidget() is self.choices and 0 <= index < self.choices.count():
            entry = self.drawn[self.index]
            if entry.question.select_all:
                given = self._given.get(entry.question.id)
                toggled = set(given if isinstance(given, list) else []) ^ {entry.choices[index]}
                self._given[entry.question.id] = [c for c in entry.choices if c in toggled]
                self.choices.blockSignals(True)
                for row, choice in enumerate(entry.choices):
                    self.choices.item(row).setSelected(choice in toggled)
                self.choices.blockSignals(False)
            else:
                self.choices.setCurrentRow(index)

    def answer_typed(self, text: str) -> None:
        self.typed.setText(text)
        self._store_typed(text)

    def _store_choice(self) -> None:
        question = self.drawn[self.index].question
        picked = [str(item.data(Qt.ItemDataRole.UserRole)) for item in self.choices.selectedItems()]
        if question.select_all:
            self._given[question.id] = picked
        elif picked:
            self._given[question.id] = picked[0]

    def _store_typed(self, text: str) -> None:
        self._given[self.drawn[self.index].question.id] = text

    def _store_clicks(self) -> None:
        if self.drawn and self.drawn[self.index].question.kind is QuestionKind.CLICK:
            self._given[self.drawn[self.index].question.id] = self.chart.picked_regions()

    # -- navigation ---------------------------------------------------------------------------------
    def go(self, index: int) -> None:
        if not 0 <= index < len(self.drawn):
            return
        self._store_clicks()
        self.index = index
        entry = self.drawn[index]
        question = entry.question
        self.position.setText(f"Question {index + 1} of {len(self.drawn)}")
        self.bar.setValue(sum(1 for d in self.drawn if self._given.get(d.question.id)))
        hint = " (select every right answer)" if question.select_all else ""
        self.prompt.setText(question.prompt + hint)
        self._show_picture(question.picture)
        given = self._given.get(question.id)
        if question.kind is QuestionKind.CHOICE:
            self.choices.blockSignals(True)
            self.choices.clear()
            mode = (
                QListWidget.SelectionMode.MultiSelection
                if question.select_all
                else QListWidget.SelectionMode.SingleSelection
            )
            self.choices.setSelectionMode(mode)
            chosen = set(given) if isinstance(given, list) else {given}
            for number, choice in enumerate(entry.choices, start=1):
                item = QListWidgetItem(f"{number}.  {choice}")
                item.setData(Qt.ItemDataRole.UserRole, choice)
                self.choices.addItem(item)
                item.setSelected(choice in chosen)
            self.choices.blockSignals(False)
            self.stack.setCurrentWidget(self.choices)
            self.choices.setFocus()
        elif question.kind is QuestionKind.TYPED:
            self.typed.setText(given if isinstance(given, str) else "")
            self.stack.setCurrentWidget(self.typed)
            self.typed.setFocus()
        else:
            self.chart.clear()
            self.chart.start_picking(question.answers)
            self.stack.setCurrentWidget(self.chart.widget)
        self.back.setEnabled(index > 0)
        self.next.setText("Next ▶" if index < len(self.drawn) - 1 else "Review and finish")

    def _show_picture(self, name: str) -> None:
        pixmap = QPixmap(str(Path(self.course.folder) / name)) if name else QPixmap()
        if pixmap.isNull():
            self.picture.clear()
            self.picture.hide()
            return
        self.picture.setPixmap(
            pixmap.scaled(
                480, 280, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )
        self.picture.show()

    def _next_or_finish(self) -> None:
        if self.index < len(self.drawn) - 1:
            self.go(self.index + 1)
        else:
            self.confirm_finish()

    def confirm_finish(self) -> None:
        answers = self.answers()
        blank = sum(1 for d in self.drawn if not answers.get(d.question.id))
        if blank:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                "Finish the post-test?",
                f"{blank} question(s) have no answer and will count as wrong. Finish and grade now?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                self,
            )
            if box.exec() != QMessageBox.StandardButton.Yes:
                return
        self.finish()

    def finish(self) -> None:
        self.timer.stop()
        self._store_clicks()
        self.accept()

    def seconds_left(self) -> float | None:
        if self.limit_s <= 0:
            return None
        return max(0.0, self.limit_s - (self.now() - self.started).total_seconds())

    def _tick(self) -> None:
        left = self.seconds_left()
        if left is None:
            self.clock_label.setText("Untimed")
            return
        minutes, seconds = divmod(int(left), 60)
        self.clock_label.setText(f"Time left {minutes:d}:{seconds:02d}")
        if left <= 0:
            self.timeUp.emit()
            self.finish()

    def reject(self) -> None:
        """Escape or closing the window asks first: leaving counts as finishing the attempt."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Leave the post-test?",
            "Leaving now grades the attempt with the answers given so far. Leave?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        if box.exec() == QMessageBox.StandardButton.Yes:
            self.finish()
