"""A point's card as HTML: what hovering a dot on the chart shows and what heads the detail pane."""

from __future__ import annotations

from html import escape

from studyapp.content.acupoints import Point


def point_card_html(point: Point) -> str:
    """Code, pinyin, Han characters and English name; location; needling with its cautions."""
    cautions = "".join(f"<li>{escape(c)}</li>" for c in point.needling.cautions)
    return (
        f"<b>{escape(point.code)}</b> {escape(point.pinyin)} {escape(point.han)}"
        f" — {escape(point.english)}"
        f"<p><b>Location:</b> {escape(point.location)}</p>"
        f"<p><b>Needling:</b> {escape(point.needling.angle)}, {escape(point.needling.depth)}</p>"
        + (f"<b>Cautions:</b><ul style='margin-top:0'>{cautions}</ul>" if cautions else "")
    )
