"""Pictures of the course-pack features for the README: the Course tab and a certificate.

Run `QT_QPA_PLATFORM=offscreen python tools/course_screenshots.py`; it uses the example pack in
examples/hip-low-back and a throw-away data folder, and writes docs/screenshots/course*.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from studyapp.content.loader import load_atlas
    from studyapp.course import posttest
    from studyapp.course.completion import certificate_fields
    from studyapp.course.pack import build_pack
    from studyapp.course.records import CourseRecords
    from studyapp.ui.course_panel import CoursePanel
    from studyapp.ui.course_print import paint_certificate
    from studyapp.ui.quiz_chart import text_chart_factory

    app = QApplication.instance() or QApplication(["studyapp"])
    out = ROOT / "docs" / "screenshots"
    atlas = load_atlas().atlas

    def now() -> datetime:
        return datetime(2026, 12, 5, 15, 30, tzinfo=UTC)

    with tempfile.TemporaryDirectory(prefix="studyapp-shots-") as scratch:
        folder = Path(scratch)
        records = CourseRecords.open(folder, now=now, keep_backups=0)
        mastery = {
            "gluteus_medius": 0.9,
            "gluteus_minimus": 0.6,
            "piriformis": 0.5,
            "quadratus_lumborum": 0.2,
        }
        panel = CoursePanel(
            atlas, folder / "course_packs", records, lambda: mastery, text_chart_factory(atlas), now
        )
        build_pack(ROOT / "examples" / "hip-low-back", folder / "hip.studypack", atlas)
        course = panel.install(folder / "hip.studypack")
        page = panel.page
        assert page is not None
        drawn = posttest.draw(course, seed=4)
        answers = {
            d.question.id: list(d.question.answers)
            if d.question.select_all or d.question.kind.value == "click"
            else d.question.answers[0]
            for d in drawn
        }
        first = drawn[0].question
        answers[first.id] = "no idea"
        outcome = posttest.grade(course, drawn, answers)
        attempt = records.record_attempt(course.id, course.version, course.title, now(), outcome)
        page.refresh()
        page._show_review(outcome)
        panel.resize(1280, 1000)
        panel.show()
        app.processEvents()
        panel.grab().save(str(out / "course.png"))
        fields = certificate_fields(course, attempt, "Alexandra Q. Student", "LMT-123456", "2026-12-05")
        image = QImage(1650, 1275, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_certificate(painter, QRectF(0, 0, 1650, 1275), fields, None)
        painter.end()
        image.scaledToWidth(1100).save(str(out / "course-certificate.png"))
        panel.close()
        records.close()
    print(f"wrote {out / 'course.png'} and {out / 'course-certificate.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
