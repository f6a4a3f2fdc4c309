"""Before an exam: how many questions and how much time, for the deck the student chose."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)


class ExamSetupDialog(QDialog):
    """Number of questions and time limit for an exam on the current deck."""

    def __init__(self, deck_name: str, available: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Start an exam")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.deck_label = QLabel(f"{deck_name} ({available} questions available)")
        self.deck_label.setAccessibleName("Exam deck")
        form.addRow("Deck:", self.deck_label)
        self.questions_spin = QSpinBox()
        self.questions_spin.setRange(1, max(1, available))
        self.questions_spin.setValue(min(20, max(1, available)))
        self.questions_spin.setAccessibleName("Number of questions")
        form.addRow("Questions:", self.questions_spin)
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(1, 240)
        self.minutes_spin.setValue(20)
        self.minutes_spin.setSuffix(" min")
        self.minutes_spin.setAccessibleName("Time limit in minutes")
        form.addRow("Time limit:", self.minutes_spin)
        note = QLabel("Exam answers are scored by body area and never change your review schedule.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Start exam")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def n_questions(self) -> int:
        return self.questions_spin.value()

    def time_limit(self) -> timedelta:
        return timedelta(minutes=self.minutes_spin.value())
