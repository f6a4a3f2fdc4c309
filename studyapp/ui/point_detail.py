"""The detail pane of one acupuncture point: its card, what lies under it, categories, the trigger
points near it with distances, and sources. Links open muscles ("muscle:<id>") and points
("point:<code>")."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from studyapp.bodychart.tp_acupoints import TpAcupointLinks
from studyapp.content.acupoints import CATEGORY_KINDS, category_kind
from studyapp.ui.point_card import point_card_html
from studyapp.ui.qtcompat import emit


def point_detail_html(code: str, links: TpAcupointLinks) -> str:
    """The whole record of a point as HTML (a short message for an unknown code)."""
    point = links.points.points.get(code)
    if point is None:
        return f"<p>No acupoint {escape(code)} in the atlas.</p>"
    atlas = links.atlas
    parts = [point_card_html(point)]
    if point.aliases:
        parts.append(f"<p><b>Also written:</b> {escape(', '.join(point.aliases))}</p>")
    s = point.structures
    names = {m: atlas.muscles[m].name for m in s.muscles if m in atlas.muscles}
    muscles = [_muscle_link(m, names[m]) if m in names else escape(m) for m in s.muscles]
    rows = [("Muscles", ", ".join(muscles)), ("Other tissues", ", ".join(map(escape, s.other)))]
    rows += [("Nerves", ", ".join(map(escape, s.nerves))), ("Vessels", ", ".join(map(escape, s.vessels)))]
    parts.append("<h3>Structures</h3><ul>")
    parts += [f"<li><b>{label}:</b> {text}</li>" for label, text in rows if text]
    parts.append("</ul>")
    if point.categories:
        kinds = "".join(
            f"<li>{escape(c)} <small>({escape(CATEGORY_KINDS.get(category_kind(c), ''))})</small></li>"
            for c in point.categories
        )
        parts.append(f"<h3>Categories</h3><ul>{kinds}</ul>")
    near = links.near_point(code)
    parts.append("<h3>Trigger points nearby</h3>")
    if near:
        items = []
        for link in near:
            muscle = atlas.muscles[link.muscle_id]
            tp = next((t for t in muscle.trigger_points if t.id == link.tp_id), None)
            label = tp.label if tp is not None else link.tp_id
            same = " — same muscle" if link.same_muscle else ""
            items.append(
                f"<li><a href='muscle:{escape(muscle.id)}'>{escape(muscle.name)}</a> {escape(label)}: "
                f"{link.cm:.1f} cm on the {escape(link.nearest.view.replace('_', ' '))} view{same}</li>"
            )
        parts.append(f"<ul>{''.join(items)}</ul>")
    else:
        parts.append("<p>No trigger point of the atlas is drawn within 3 cm of this point.</p>")
    if point.notes:
        parts.append("<h3>Notes</h3><ul>" + "".join(f"<li>{escape(n)}</li>" for n in point.notes) + "</ul>")
    sources = "".join(f"<li>{escape(src.citation)}</li>" for src in point.sources)
    parts.append(f"<h3>Sources</h3><ul>{sources}</ul>")
    return "".join(parts)


def _muscle_link(muscle_id: str, name: str) -> str:
    return f"<a href='muscle:{escape(muscle_id)}'>{escape(name)}</a>"


class PointDetail(QTextBrowser):
    """Shows one point; `muscleLinkActivated(id)` / `pointLinkActivated(code)` on a link click."""

    muscleLinkActivated = Signal(str)
    pointLinkActivated = Signal(str)

    def __init__(self, links: TpAcupointLinks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.links = links
        self.code = ""
        self.setOpenLinks(False)
        self.setAccessibleName("Acupoint details")
        self.anchorClicked.connect(self._on_link)
        self.setHtml("<p>Choose a point on the left.</p>")

    def show_point(self, code: str) -> None:
        self.code = code
        self.setHtml(point_detail_html(code, self.links))

    def _on_link(self, url: QUrl) -> None:
        text = url.toString()
        kind, _, target = text.partition(":")
        if kind == "muscle":
            emit(self.muscleLinkActivated, target)
        elif kind == "point":
            emit(self.pointLinkActivated, target)
