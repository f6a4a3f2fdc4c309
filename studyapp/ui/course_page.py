"""One course: its objectives and lessons with mastery, the course deck, the post-test and certificates.

The page is built from the course, the attempt records and a mastery source (the quiz's mastery per
muscle); it asks for study through `studyRequested` and never reaches into the quiz or the window.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studyapp.content.model import Atlas
from studyapp.course import posttest
from studyapp.course.completion import certificate_fields, completion_record, record_csv
from studyapp.course.model import Course, ShowAnswers
from studyapp.course.records import Attempt, CourseRecords
from studyapp.ui.course_print import PrintError, handout_with_pictures, write_certificate
from studyapp.ui.posttest_dialog import PostTestDialog
from studyapp.ui.quiz_chart import ChartFactory

MasterySource = Callable[[], Mapping[str, float]]


class CoursePage(QWidget):
    """One course: objectives, lessons with mastery, the course deck, post-test and certificates."""

    studyRequested = Signal(str, list)
    muscleChosen = Signal(str)

    def __init__(
        self,
        atlas: Atlas,
        course: Course,
        records: CourseRecords,
        mastery: MasterySource,
        chart_factory: ChartFactory,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.atlas = atlas
        self.course = course
        self.records = records
        self.mastery = mastery
        self.chart_factory = chart_factory
        self.now = now
        self.last_outcome: posttest.Outcome | None = None
        layout = QVBoxLayout(self)
        provider = course.provider
        header = QLabel(
            f"<h2>{_e(course.title)}</h2><p>{_e(course.course_type.label)} · {course.ce_hours:g} CE hours · "
            f"version {_e(course.version)}<br>{_e(provider.name)} · "
            + _e("; ".join(f"{a.board} {a.number}" for a in provider.approvals))
            + (f"</p><p>{_e(course.description)}</p>" if course.description else "</p>")
        )
        header.setWordWrap(True)
        layout.addWidget(header)
        objectives = QGroupBox("Learning objectives")
        objectives_layout = QVBoxLayout(objectives)
        text = QLabel("<ul>" + "".join(f"<li>{_e(o)}</li>" for o in course.objectives) + "</ul>")
        text.setWordWrap(True)
        objectives_layout.addWidget(text)
        layout.addWidget(objectives)

        lessons = QGroupBox("Lessons")
        self.lessons_layout = QVBoxLayout(lessons)
        self.lesson_bars: dict[str, QProgressBar] = {}
        for lesson in course.lessons:
            self.lessons_layout.addWidget(self._lesson_row(lesson.id))
        deck = QPushButton("Study the whole course deck")
        deck.clicked.connect(lambda: self.studyRequested.emit(course.title, list(course.muscles)))
        self.lessons_layout.addWidget(deck)
        layout.addWidget(lessons)

        self.test_box = QGroupBox("Post-test and certificate")
        test_layout = QVBoxLayout(self.test_box)
        self.test_status = QLabel()
        self.test_status.setWordWrap(True)
        self.test_status.setAccessibleName("Post-test status")
        test_layout.addWidget(self.test_status)
        row = QHBoxLayout()
        self.start_button = QPushButton("Start the post-test")
        self.start_button.clicked.connect(self.run_post_test)
        self.certificate_button = QPushButton("Save certificate…")
        self.certificate_button.clicked.connect(self._certificate_dialog)
        self.record_button = QPushButton("Export completion record…")
        self.record_button.clicked.connect(self._record_dialog)
        for button in (self.start_button, self.certificate_button, self.record_button):
            row.addWidget(button)
        row.addStretch(1)
        test_layout.addLayout(row)
        self.review = QLabel()
        self.review.setWordWrap(True)
        self.review.setTextFormat(Qt.TextFormat.RichText)
        test_layout.addWidget(self.review)
        layout.addWidget(self.test_box)
        self.test_box.setVisible(course.post_test is not None)
        layout.addStretch(1)
        self.refresh()

    def _lesson_row(self, lesson_id: str) -> QWidget:
        lesson = next(lesson for lesson in self.course.lessons if lesson.id == lesson_id)
        box = QWidget()
        grid = QVBoxLayout(box)
        grid.setContentsMargins(0, 4, 0, 8)
        names = ", ".join(
            f"<a href='{mid}'>{_e(self.atlas.muscles[mid].name)}</a>"
            for mid in lesson.muscles
            if mid in self.atlas.muscles
        )
        title = QLabel(f"<b>{_e(lesson.title)}</b><br>{names}")
        title.setWordWrap(True)
        title.linkActivated.connect(self.muscleChosen)
        grid.addWidget(title)
        if lesson.reading:
            reading = QLabel(lesson.reading)
            reading.setWordWrap(True)
            grid.addWidget(reading)
        row = QHBoxLayout()
        bar = QProgressBar()
        bar.setRange(0, 100)
        bar.setFormat("mastery %p %")
        bar.setAccessibleName(f"Mastery of {lesson.title}")
        self.lesson_bars[lesson.id] = bar
        study = QPushButton("Study this lesson")
        study.clicked.connect(lambda: self.studyRequested.emit(lesson.title, list(lesson.muscles)))
        handout = QPushButton("Handout PDF…")
        handout.clicked.connect(lambda: self._handout_dialog(lesson.id))
        row.addWidget(bar, 1)
        row.addWidget(study)
        row.addWidget(handout)
        grid.addLayout(row)
        return box

    # -- state --------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Mastery bars and post-test status, from the quiz and the attempt records."""
        by_lesson = posttest.lesson_mastery(self.course, self.mastery())
        for lesson_id, bar in self.lesson_bars.items():
            bar.setValue(round(100 * by_lesson.get(lesson_id, 0.0)))
        test = self.course.post_test
        if test is None:
            return
        attempts = self.records.attempts(self.course.id)
        left = posttest.attempts_left(self.course, len(attempts))
        best = self.records.best_pass(self.course.id)
        rules = (
            f"{test.questions} questions, pass mark {test.pass_mark:g} %, "
            + (f"{test.time_limit_minutes:g} minutes" if test.time_limit_minutes else "untimed")
            + (f", {test.attempts} attempt(s) allowed" if test.attempts else ", unlimited attempts")
            + ". Closed book: the atlas and the chart are out of reach until you finish."
        )
        if best is not None:
            status = f"<b>Passed</b> with {best.score:g} % on {best.finished.date().isoformat()}."
        elif attempts:
            status = f"Last attempt: {attempts[-1].score:g} % (not passed)."
        else:
            status = "Not taken yet."
        if left is not None:
            status += f" Attempts left: {left}."
        self.test_status.setText(f"{rules}<br>{status}")
        self.start_button.setEnabled(best is None and (left is None or left > 0))
        self.certificate_button.setEnabled(best is not None)
        self.record_button.setEnabled(best is not None)

    # -- post-test ----------------------------------------------------------------------------------
    def run_post_test(
        self, dialog_hook: Callable[[PostTestDialog], None] | None = None
    ) -> posttest.Outcome | None:
        """Run one attempt in a modal dialog; `dialog_hook` lets tests answer instead of a person."""
        drawn = posttest.draw(self.course, seed=random.SystemRandom().randrange(2**31))
        started = self.now()
        dialog = PostTestDialog(self.course, drawn, self.chart_factory, self.now, self)
        if dialog_hook is not None:
            dialog_hook(dialog)
        else:
            dialog.exec()
        outcome = posttest.grade(self.course, drawn, dialog.answers())
        dialog.deleteLater()
        self.records.record_attempt(self.course.id, self.course.version, self.course.title, started, outcome)
        self.last_outcome = outcome
        self._show_review(outcome)
        self.refresh()
        return outcome

    def _show_review(self, outcome: posttest.Outcome) -> None:
        assert self.course.post_test is not None
        verdict = "Passed" if outcome.passed else "Not passed"
        lines = [f"<h3>{verdict}: {outcome.score:g} % ({outcome.correct} of {outcome.total})</h3>"]
        policy = self.course.post_test.show_answers
        if policy is ShowAnswers.ALWAYS or (policy is ShowAnswers.AFTER_PASS and outcome.passed):
            for item in outcome.items:
                mark = "✓" if item.correct else "✗"
                given = self._readable(item.given) or "(none)"
                lines.append(
                    f"<p>{mark} {_e(item.prompt)}<br>Your answer: {_e(given)}"
                    + ("" if item.correct else f"<br>Right answer: <b>{_e(self._readable(item.right))}</b>")
                    + (f"<br><i>{_e(item.explanation)}</i>" if item.explanation else "")
                    + "</p>"
                )
        elif not outcome.passed:
            lines.append("<p>The answers are shown after you pass. Review the lessons and try again.</p>")
        self.review.setText("".join(lines))

    def _readable(self, text: str) -> str:
        """Region ids (a click answer) as the labels the chart shows; other answers unchanged."""
        parts = [p.strip() for p in text.split(",")]
        if parts and all(p in self.atlas.regions for p in parts):
            return ", ".join(self.atlas.regions[p].label for p in parts)
        return text

    # -- certificate and record ---------------------------------------------------------------------
    def passed_attempt(self) -> Attempt | None:
        return self.records.best_pass(self.course.id)

    def save_certificate(self, participant: str, licence: str, out: Path) -> str:
        """Write the certificate PDF and log its issue; returns the verification code."""
        attempt = self.passed_attempt()
        if attempt is None:
            raise ValueError("pass the post-test first")
        if not participant.strip():
            raise ValueError("enter your name as it should appear on the certificate")
        local_date = attempt.finished.astimezone().date().isoformat()
        fields = certificate_fields(self.course, attempt, participant, licence, local_date)
        signature = (
            Path(self.course.folder) / self.course.provider.signature_image
            if self.course.provider.signature_image
            else None
        )
        write_certificate(fields, out, signature)
        self.records.issue(attempt, fields.participant, fields.licence, fields.code)
        return fields.code

    def export_record(self, participant: str, licence: str, out: Path) -> None:
        """The completion record as JSON, and the same as CSV beside it (same name, .csv)."""
        attempt = self.passed_attempt()
        if attempt is None:
            raise ValueError("pass the post-test first")
        mastery = posttest.course_mastery(self.course, self.mastery())
        record = completion_record(self.course, attempt, participant, licence, mastery, self.now())
        for path, text in (
            (out, json.dumps(record, ensure_ascii=False, indent=1)),
            (out.with_suffix(".csv"), record_csv(record)),
        ):
            partial = path.with_name(path.name + ".partial")
            partial.write_text(text, encoding="utf-8")
            partial.replace(path)

    def _ask_person(self) -> tuple[str, str] | None:
        issued = self.records.certificates_for(self.course.id)
        default = issued[-1].participant if issued else ""
        name, ok = QInputDialog.getText(
            self,
            "Your name",
            "Your name as it should appear on the certificate:",
            QLineEdit.EchoMode.Normal,
            default,
        )
        if not ok or not name.strip():
            return None
        licence = ""
        if self.course.ask_licence_number:
            licence, ok = QInputDialog.getText(
                self,
                "Licence number",
                "Your licence number:",
                QLineEdit.EchoMode.Normal,
                issued[-1].licence if issued else "",
            )
            if not ok:
                return None
        return name.strip(), licence.strip()

    def _certificate_dialog(self) -> None:
        person = self._ask_person()
        if person is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, "Save certificate", f"{self.course.id}-certificate.pdf", "PDF (*.pdf)"
        )
        if not name:
            return
        try:
            code = self.save_certificate(*person, Path(name))
        except (PrintError, OSError, ValueError) as exc:
            QMessageBox.warning(self, "Certificate not saved", str(exc))
            return
        QMessageBox.information(self, "Certificate saved", f"Saved {name}.\nVerification code: {code}")

    def _record_dialog(self) -> None:
        person = self._ask_person()
        if person is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, "Export completion record", f"{self.course.id}-record.json", "JSON (*.json)"
        )
        if not name:
            return
        try:
            self.export_record(*person, Path(name))
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, "Record not exported", str(exc))

    def _handout_dialog(self, lesson_id: str) -> None:
        lesson = next(lesson for lesson in self.course.lessons if lesson.id == lesson_id)
        name, _ = QFileDialog.getSaveFileName(self, "Save handout", f"{lesson.id}.pdf", "PDF (*.pdf)")
        if not name:
            return
        try:
            handout_with_pictures(Path(name), self.atlas, self.course, lesson)
        except (PrintError, OSError) as exc:
            QMessageBox.warning(self, "Handout not saved", str(exc))


def _e(text: str) -> str:
    import html

    return html.escape(text)
