"""Study settings the student chooses (daily limits, exam date, leech threshold), kept in QSettings.

Only the choices a student understands are stored; the scheduler's other knobs keep the defaults of
`StudySettings`. Values are read defensively: a hand-edited or older settings file falls back to the
default for a bad value instead of stopping the app.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QDate, QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studyapp.quiz.study import StudySettings

GROUP = "study"
LIMITS = {"new_per_day": (0, 9999), "reviews_per_day": (0, 99999), "leech_threshold": (2, 99)}


def _int(store: QSettings, key: str, default: int) -> int:
    low, high = LIMITS[key]
    try:
        value = int(str(store.value(f"{GROUP}/{key}", default)))
    except ValueError:
        return default
    return value if low <= value <= high else default


def load_study_settings(store: QSettings, base: StudySettings | None = None) -> StudySettings:
    """`base` (default: `StudySettings()`) with the student's stored choices applied."""
    base = base or StudySettings()
    exam_text = str(store.value(f"{GROUP}/exam_date", "") or "")
    try:
        exam = date.fromisoformat(exam_text) if exam_text else None
    except ValueError:
        exam = None
    return replace(
        base,
        new_per_day=_int(store, "new_per_day", base.new_per_day),
        reviews_per_day=_int(store, "reviews_per_day", base.reviews_per_day),
        leech_threshold=_int(store, "leech_threshold", base.leech_threshold),
        exam_date=exam,
    )


def save_study_settings(store: QSettings, settings: StudySettings) -> None:
    store.setValue(f"{GROUP}/new_per_day", settings.new_per_day)
    store.setValue(f"{GROUP}/reviews_per_day", settings.reviews_per_day)
    store.setValue(f"{GROUP}/leech_threshold", settings.leech_threshold)
    store.setValue(f"{GROUP}/exam_date", settings.exam_date.isoformat() if settings.exam_date else "")
    store.sync()


def _spin(key: str, value: int, name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(*LIMITS[key])
    spin.setValue(value)
    spin.setAccessibleName(name)
    spin.setMinimumWidth(110)
    return spin


class StudySettingsDialog(QDialog):
    """Edits a `StudySettings`; `settings()` returns the edited copy when the dialog is accepted."""

    def __init__(self, current: StudySettings, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current = current
        self.setWindowTitle("Study settings")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.new_spin = _spin("new_per_day", current.new_per_day, "New cards per day")
        form.addRow("New cards per day:", self.new_spin)
        self.reviews_spin = _spin("reviews_per_day", current.reviews_per_day, "Reviews per day")
        form.addRow("Reviews per day:", self.reviews_spin)
        self.no_exam_box = QCheckBox("No exam")
        self.no_exam_box.setAccessibleName("No exam date")
        self.exam_edit = QDateEdit()
        self.exam_edit.setCalendarPopup(True)
        self.exam_edit.setDisplayFormat("d MMM yyyy")
        self.exam_edit.setAccessibleName("Exam date")
        self.exam_edit.setMinimumDate(QDate(today.year, today.month, today.day))
        shown = current.exam_date or today + timedelta(days=30)
        self.exam_edit.setDate(QDate(shown.year, shown.month, shown.day))
        self.no_exam_box.toggled.connect(lambda checked: self.exam_edit.setEnabled(not checked))
        self.no_exam_box.setChecked(current.exam_date is None)
        self.exam_edit.setEnabled(current.exam_date is not None)
        exam_row = QHBoxLayout()
        exam_row.addWidget(self.exam_edit, 1)
        exam_row.addWidget(self.no_exam_box)
        form.addRow("Exam date:", exam_row)
        self.leech_spin = _spin("leech_threshold", current.leech_threshold, "Leech threshold")
        self.leech_spin.setSuffix(" lapses")
        form.addRow("Leech after:", self.leech_spin)
        note = QLabel(
            "With an exam date, reviews due after the exam are brought forward into the week before it. "
            "A card becomes a leech after you forget it this many times."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def exam_date(self) -> date | None:
        if self.no_exam_box.isChecked():
            return None
        picked = self.exam_edit.date()
        return date(picked.year(), picked.month(), picked.day())

    def set_exam_date(self, when: date | None) -> None:
        self.no_exam_box.setChecked(when is None)
        if when is not None:
            self.exam_edit.setDate(QDate(when.year, when.month, when.day))

    def settings(self) -> StudySettings:
        return replace(
            self.current,
            new_per_day=self.new_spin.value(),
            reviews_per_day=self.reviews_spin.value(),
            leech_threshold=self.leech_spin.value(),
            exam_date=self.exam_date(),
        )
