"""The Course tab: every installed course pack, one at a time, and opening and removing packs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from studyapp.content.model import Atlas
from studyapp.course.model import Course
from studyapp.course.pack import PackError, install_pack, installed_courses, remove_course
from studyapp.course.records import CourseRecords
from studyapp.ui.course_page import CoursePage, MasterySource
from studyapp.ui.quiz_chart import ChartFactory


class CoursePanel(QWidget):
    """Every installed course, one at a time; opening and removing packs."""

    studyRequested = Signal(str, list)  # deck name, muscle ids
    muscleChosen = Signal(str)

    def __init__(
        self,
        atlas: Atlas,
        courses_dir: Path,
        records: CourseRecords,
        mastery: MasterySource,
        chart_factory: ChartFactory,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.atlas = atlas
        self.courses_dir = courses_dir
        self.records = records
        self.mastery = mastery
        self.chart_factory = chart_factory
        self.now = now
        self.courses: list[Course] = []
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.picker = QComboBox()
        self.picker.setAccessibleName("Installed courses")
        self.picker.currentIndexChanged.connect(self._show_current)
        self.open_button = QPushButton("Open course pack…")
        self.open_button.clicked.connect(self.open_pack_dialog)
        self.remove_button = QPushButton("Remove course")
        self.remove_button.clicked.connect(self._remove_current)
        bar.addWidget(self.picker, 1)
        bar.addWidget(self.open_button)
        bar.addWidget(self.remove_button)
        layout.addLayout(bar)
        self.holder = QScrollArea()
        self.holder.setWidgetResizable(True)
        self.holder.setFrameShape(QScrollArea.Shape.NoFrame)
        layout.addWidget(self.holder, 1)
        self.page: CoursePage | None = None
        self.reload()

    def reload(self, select: str | None = None) -> None:
        self.courses = installed_courses(self.courses_dir, self.atlas)
        shown = self.current_course()
        current = select or (shown.id if shown else None)
        self.picker.blockSignals(True)
        self.picker.clear()
        for course in self.courses:
            self.picker.addItem(f"{course.title} ({course.version})", course.id)
        index = next((i for i, c in enumerate(self.courses) if c.id == current), 0)
        self.picker.setCurrentIndex(index)
        self.picker.blockSignals(False)
        self.picker.setVisible(bool(self.courses))
        self.remove_button.setEnabled(bool(self.courses))
        self._show_current()

    def current_course(self) -> Course | None:
        index = self.picker.currentIndex()
        return self.courses[index] if 0 <= index < len(self.courses) else None

    def _show_current(self) -> None:
        course = self.current_course()
        if course is None:
            empty = QLabel(
                "<h3>No course installed yet</h3><p>A continuing-education provider gives you a "
                "<b>.studypack</b> file. Open it with <b>Open course pack…</b> (or File ▸ Open course "
                "pack, Ctrl+O) to see its lessons, study its deck and take the post-test.</p>"
            )
            empty.setWordWrap(True)
            empty.setAlignment(Qt.AlignmentFlag.AlignTop)
            empty.setMargin(24)
            self.page = None
            self.holder.setWidget(empty)
            return
        self.page = CoursePage(self.atlas, course, self.records, self.mastery, self.chart_factory, self.now)
        self.page.studyRequested.connect(self.studyRequested)
        self.page.muscleChosen.connect(self.muscleChosen)
        self.holder.setWidget(self.page)

    def install(self, path: Path) -> Course:
        """Install a pack (raises PackError with a one-line reason); the page shows it."""
        installed = install_pack(path, self.courses_dir, self.atlas)
        self.reload(select=installed.course.id)
        return installed.course

    def open_pack_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open course pack", "", "Course packs (*.studypack)")
        if not name:
            return
        try:
            course = self.install(Path(name))
        except PackError as exc:
            QMessageBox.warning(self, "Course pack not installed", str(exc))
            return
        QMessageBox.information(
            self, "Course installed", f"“{course.title}” ({course.version}) is installed."
        )

    def _remove_current(self) -> None:
        course = self.current_course()
        if course is None:
            return
        answer = QMessageBox.question(
            self,
            "Remove course",
            f"Remove “{course.title}”? Your review history, attempts and certificates are kept.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            remove_course(self.courses_dir, course.id)
            self.reload()
