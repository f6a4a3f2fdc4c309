"""PDFs a course needs: the certificate of completion and printable lesson handouts.

Qt's own PDF writer draws both, so no dependency is added. The certificate prints every field a
board asks for (participant, date, the title exactly as approved, course type, provider with its
numbers and contact, a signature, the hours as "CEs") plus the score and the verification code.
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

from PySide6.QtCore import QLineF, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from studyapp.content.model import Atlas, Muscle
from studyapp.course.completion import CertificateFields
from studyapp.course.model import Course, Lesson

INK = QColor("#1d2b36")
ACCENT = QColor("#0b6e99")
MUTED = QColor("#5a6772")


class PrintError(Exception):
    """A PDF that could not be written (one line for the user)."""


def _writer(path: Path, landscape: bool) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.Letter),
            orientation,
            QMarginsF(12, 12, 12, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    return writer


def _partial(path: Path) -> Path:
    return path.with_name(path.name + ".partial")


def write_certificate(fields: CertificateFields, out: Path, signature: Path | None = None) -> None:
    """Write the certificate PDF (landscape Letter); the file appears whole or not at all."""
    partial = _partial(out)
    writer = _writer(partial, landscape=True)
    writer.setTitle(f"Certificate of completion: {fields.course_title}")
    writer.setCreator("studyapp")
    painter = QPainter()
    if not painter.begin(writer):
        partial.unlink(missing_ok=True)
        raise PrintError(f"cannot write {out}")
    try:
        paint_certificate(painter, QRectF(0, 0, writer.width(), writer.height()), fields, signature)
    finally:
        painter.end()
    try:
        partial.replace(out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise PrintError(f"cannot write {out}: {exc.strerror or exc}") from None


def _text(
    painter: QPainter,
    rect: QRectF,
    text: str,
    size: float,
    *,
    bold: bool = False,
    colour: QColor = INK,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignHCenter,
) -> float:
    """Draw wrapped text at the top of `rect`; returns the height used."""
    font = QFont("Serif" if size > 20 else "Sans Serif")
    font.setPixelSize(max(1, round(size)))
    font.setBold(bold)
    painter.setFont(font)
    painter.setPen(colour)
    flags = int(align | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
    bounds = painter.boundingRect(rect, flags, text)
    painter.drawText(rect, flags, text)
    return bounds.height()


def paint_certificate(
    painter: QPainter, page: QRectF, fields: CertificateFields, signature: Path | None
) -> None:
    """Lay the certificate out on `page` (device pixels); used for the PDF and for previews."""
    unit = page.width() / 100.0  # layout in hundredths of the page width
    painter.fillRect(page, QColor("white"))
    painter.setPen(QPen(ACCENT, unit * 0.45))
    painter.drawRect(page.adjusted(unit, unit, -unit, -unit))
    painter.setPen(QPen(ACCENT, unit * 0.12))
    painter.drawRect(page.adjusted(unit * 1.8, unit * 1.8, -unit * 1.8, -unit * 1.8))
    inner = page.adjusted(unit * 6, unit * 4.5, -unit * 6, -unit * 3)
    y = inner.top()

    def line(text: str, size: float, gap: float = 0.8, **kw: object) -> None:
        nonlocal y
        y += _text(painter, QRectF(inner.left(), y, inner.width(), page.height()), text, size * unit, **kw)  # type: ignore[arg-type]
        y += gap * unit

    y += unit * 1.5
    line("CERTIFICATE OF COMPLETION", 3.6, 3.5, bold=True, colour=ACCENT)
    line("This certifies that", 1.7, 1.0, colour=MUTED)
    line(fields.participant, 4.2, 0.6, bold=True)
    if fields.licence:
        line(f"Licence number {fields.licence}", 1.6, 0.6, colour=MUTED)
    line(f"has completed the {fields.course_type.lower()} course", 1.7, 1.2, colour=MUTED)
    line(fields.course_title, 3.0, 2.5, bold=True)
    line(f"{fields.hours}  ·  completed {fields.completed}  ·  post-test score {fields.score}", 1.8, 2.2)

    # Provider block (left) and signature (right) along the bottom.
    bottom = inner.bottom() - unit * 12
    left = QRectF(inner.left(), bottom, inner.width() * 0.55, unit * 12)
    right = QRectF(inner.left() + inner.width() * 0.6, bottom, inner.width() * 0.4, unit * 12)
    provider = f"{fields.provider}\n{fields.provider_numbers}\n{fields.provider_contact}"
    _text(
        painter,
        left,
        "Approved provider",
        1.3 * unit,
        bold=True,
        colour=MUTED,
        align=Qt.AlignmentFlag.AlignLeft,
    )
    _text(painter, left.adjusted(0, 2 * unit, 0, 0), provider, 1.3 * unit, align=Qt.AlignmentFlag.AlignLeft)
    sign_line = right.top() + unit * 6
    if signature is not None:
        image = QImage(str(signature))
        if not image.isNull():
            box = QRectF(right.left(), right.top(), right.width(), unit * 5.5)
            scaled = QSizeF(image.size()).scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(
                QRectF(box.left(), box.bottom() - scaled.height(), scaled.width(), scaled.height()), image
            )
    painter.setPen(QPen(INK, unit * 0.08))
    painter.drawLine(QLineF(right.left(), sign_line, right.right(), sign_line))
    _text(
        painter,
        QRectF(right.left(), sign_line + unit * 0.5, right.width(), unit * 5),
        fields.signatory or "Signature",
        1.4 * unit,
        align=Qt.AlignmentFlag.AlignLeft,
    )
    code = f"Verification code {fields.code}  ·  check with: studyapp course verify RECORD.json {fields.code}"
    _text(
        painter,
        QRectF(inner.left(), inner.bottom() - unit * 1.6, inner.width(), unit * 2),
        code,
        1.1 * unit,
        colour=MUTED,
    )


def _muscle_html(muscle: Muscle, picture: str | None) -> str:
    e = html.escape
    parts = [f"<h2>{e(muscle.name)}</h2>"]
    if picture:
        parts.append(f'<p><img src="{picture}" width="300"></p>')
    rows = [
        ("Origin", muscle.origin),
        ("Insertion", muscle.insertion),
        ("Actions", "; ".join(a.label for a in muscle.actions)),
        ("Innervation", f"{muscle.innervation.nerve} ({', '.join(muscle.innervation.roots)})"),
    ]
    parts.append("".join(f"<p><b>{e(k)}.</b> {e(v)}</p>" for k, v in rows))
    for tp in muscle.trigger_points:
        parts.append(f"<p><b>{e(tp.label)}.</b> {e(tp.location)}</p>")
    if muscle.needling and muscle.needling.structures_to_avoid:
        avoid = "".join(f"<li>{e(s)}</li>" for s in muscle.needling.structures_to_avoid)
        parts.append(f"<p><b>Structures to avoid when needling</b></p><ul>{avoid}</ul>")
    if muscle.self_care:
        care = "".join(f"<li><b>{e(x.name)}</b>: {e(x.instructions)}</li>" for x in muscle.self_care)
        parts.append(f"<p><b>Self-care</b></p><ul>{care}</ul>")
    parts.append(
        "<p style='color:#5a6772'>Sources: " + e("; ".join(s.citation for s in muscle.sources)) + "</p>"
    )
    return "".join(parts)


def write_handout(
    out: Path,
    atlas: Atlas,
    muscles: list[str],
    title: str,
    reading: str = "",
    course: Course | None = None,
    pictures: dict[str, Path] | None = None,
) -> None:
    """A printable PDF: the lesson's reading, then each muscle's facts and referral picture."""
    document = QTextDocument()
    document.setDefaultFont(QFont("Sans Serif", 10))
    e = html.escape
    body = [f"<h1>{e(title)}</h1>"]
    if course is not None:
        body.append(f"<p style='color:#5a6772'>{e(course.title)} · {e(course.provider.name)}</p>")
    if reading:
        body.append("".join(f"<p>{e(p)}</p>" for p in reading.split("\n\n")))
    for mid in muscles:
        muscle = atlas.muscles[mid]
        picture = None
        if pictures and mid in pictures:
            image = QImage(str(pictures[mid]))
            if not image.isNull():
                picture = f"picture://{mid}"
                document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(picture), image)
        body.append(_muscle_html(muscle, picture))
    document.setHtml("".join(body))
    partial = _partial(out)
    writer = _writer(partial, landscape=False)
    writer.setTitle(title)
    writer.setCreator("studyapp")
    document.print_(writer)
    if not partial.exists() or partial.stat().st_size == 0:
        partial.unlink(missing_ok=True)
        raise PrintError(f"cannot write {out}")
    try:
        partial.replace(out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise PrintError(f"cannot write {out}: {exc.strerror or exc}") from None


def lesson_handout(
    out: Path, atlas: Atlas, course: Course, lesson: Lesson, pictures: dict[str, Path] | None = None
) -> None:
    write_handout(out, atlas, list(lesson.muscles), lesson.title, lesson.reading, course, pictures)


def render_pictures(atlas: Atlas, muscle_ids: list[str], folder: Path) -> dict[str, Path]:
    """Each muscle's composed referral picture (studyapp.ui.picture) as a PNG, for the handout."""
    from studyapp.ui.picture import PictureRenderer, PictureSpec

    renderer = PictureRenderer(atlas, "light")  # paper is white whatever the desktop's theme
    found: dict[str, Path] = {}
    try:
        for mid in muscle_ids:
            muscle = atlas.muscles.get(mid)
            if muscle is None or not muscle.trigger_points or not renderer.available():
                continue
            spec = PictureSpec(mid, 900, 1000, legend=True)
            if not renderer.composition(spec).views:
                continue
            path = folder / f"{mid}.png"
            if renderer.write(spec, path):  # one size for every muscle: the handout prints them alike
                found[mid] = path
    finally:
        renderer.close()
    return found


def handout_with_pictures(out: Path, atlas: Atlas, course: Course, lesson: Lesson) -> None:
    with tempfile.TemporaryDirectory(prefix="studyapp-handout-") as scratch:
        pictures = render_pictures(atlas, list(lesson.muscles), Path(scratch))
        lesson_handout(out, atlas, course, lesson, pictures)


def muscle_handout(out: Path, atlas: Atlas, muscle_id: str) -> None:
    """One muscle on paper: its facts and referral picture."""
    with tempfile.TemporaryDirectory(prefix="studyapp-handout-") as scratch:
        pictures = render_pictures(atlas, [muscle_id], Path(scratch))
        write_handout(out, atlas, [muscle_id], atlas.muscles[muscle_id].name, pictures=pictures)
