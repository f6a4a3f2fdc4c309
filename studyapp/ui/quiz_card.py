"""The card on the flashcard screen: kind, question, picture, options, typed answer, feedback, answer.

Only the widgets; `QuizView` fills them for each question.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from fsrs import Rating
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from studyapp.quiz.questions import AnswerMode
from studyapp.storage.errors import StorageError
from studyapp.ui.option_button import OptionButton
from studyapp.ui.quiz_labels import MODE_LABELS

RETRY_MS = 10_000  # how soon an answer the disk refused is saved again


class CardPage(QFrame):
    """One card's widgets in a centred column at most `max_column` pixels wide (long lines are hard
    to read on a wide screen)."""

    def __init__(self, max_column: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        centre = QHBoxLayout(self)
        centre.setContentsMargins(16, 12, 16, 12)
        column = QWidget()
        column.setMaximumWidth(max_column)  # long lines are hard to read on a wide screen
        centre.addStretch(0)
        centre.addWidget(column, 1)
        centre.addStretch(0)
        card = QVBoxLayout(column)
        card.setContentsMargins(0, 0, 0, 0)
        self.card_layout = card
        self.kind_label = QLabel()
        self.kind_label.setAccessibleName("Kind of card")
        self.prompt_label = QLabel()
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.prompt_label.setAccessibleName("Question")
        font = QFont(self.prompt_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.prompt_label.setFont(font)
        card.addWidget(self.kind_label)
        card.addWidget(self.prompt_label)
        self.chart_box = QWidget()
        self.chart_layout = QVBoxLayout(self.chart_box)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        card.addWidget(self.chart_box, 3)
        self.options_box = QWidget()
        self.options_layout = QVBoxLayout(self.options_box)
        self.options_layout.setContentsMargins(0, 4, 0, 4)
        card.addWidget(self.options_box)
        self.typed_edit = QLineEdit()
        self.typed_edit.setPlaceholderText("Type the name, then press Enter")
        self.typed_edit.setAccessibleName("Your answer")
        card.addWidget(self.typed_edit)
        self.feedback_label = QLabel()
        self.feedback_label.setWordWrap(True)
        self.feedback_label.setAccessibleName("Feedback")
        card.addWidget(self.feedback_label)
        self.answer_label = QLabel()
        self.answer_label.setWordWrap(True)
        self.answer_label.setTextFormat(Qt.TextFormat.RichText)
        self.answer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer_label.setAccessibleName("Answer")
        self.answer_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        card.addWidget(self.answer_label)
        card.addStretch(1)
        self.option_buttons: list[OptionButton] = []

    def set_options(
        self, options: Sequence[str], *, ticked: bool, choose: Callable[[int], None]
    ) -> list[OptionButton]:
        """One wrapping button per option, numbered for the keys 1-9: checkable when several may be
        right, else buttons that call `choose(index)`."""
        self.clear_options()
        for i, option in enumerate(options):
            text = f"{i + 1}   {option}" if i < 9 else option
            button = OptionButton(text, ticked=ticked)
            if not ticked:
                button.clicked.connect(lambda _checked=False, i=i: choose(i))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAccessibleName(f"Option {i + 1}: {option}")
            self.options_layout.addWidget(button)
            self.option_buttons.append(button)
        return list(self.option_buttons)

    def clear_options(self) -> None:
        for button in self.option_buttons:
            self.options_layout.removeWidget(button)
            button.hide()  # deleteLater waits for the event loop; the old options must go now
            button.deleteLater()
        self.option_buttons = []


class QuizHeader(QWidget):
    """Above the card: cards left today, the leech tag, the answer mode and Undo."""

    def __init__(self, mode: AnswerMode, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        header = QHBoxLayout(self)
        header.setContentsMargins(0, 0, 0, 0)
        self.counts_label = QLabel()
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        self.counts_label.setAccessibleName("Cards left today")
        self.leech_label = QLabel("Leech")
        self.leech_label.setToolTip(
            "You have forgotten this card many times. Consider rewriting it in your own words or "
            "studying the muscle in the atlas first."
        )
        self.leech_label.setAccessibleName("This card is a leech")
        self.leech_label.hide()
        self.mode_combo = QComboBox()
        self.mode_combo.setAccessibleName("Answer mode")
        self.mode_combo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for each, label in MODE_LABELS.items():
            self.mode_combo.addItem(label, each.value)
        self.mode_combo.setCurrentIndex(max(0, self.mode_combo.findData(mode.value)))
        self.undo_button = QPushButton("Undo")
        self.undo_button.setToolTip("Undo the last answer (Ctrl+Z)")
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header.addWidget(self.counts_label)
        header.addWidget(self.leech_label)
        header.addStretch(1)
        header.addWidget(QLabel("Answer by:"))
        header.addWidget(self.mode_combo)
        header.addWidget(self.undo_button)


class SaveError(QLabel):
    """Shown when an answer could not be saved (disk full, I/O error, read-only folder): the answer
    stays on screen, the student is told why, and `retry()` is called again after `RETRY_MS`."""

    def __init__(self, retry: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rating = Rating.Good
        self.setWordWrap(True)
        self.setAccessibleName("Answer not saved")
        self.setStyleSheet("color: #b3261e; font-weight: bold")
        self.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RETRY_MS)
        self._timer.timeout.connect(retry)

    def failed(self, rating: Rating, error: StorageError) -> None:
        self.setText(
            f"Your answer was not saved ({error.why()}). It stays on screen: grade it "
            f"again, or studyapp tries again in {RETRY_MS // 1000} s."
        )
        self.show()
        self.rating = rating
        self._timer.start()

    def saved(self) -> None:
        self._timer.stop()
        self.hide()
