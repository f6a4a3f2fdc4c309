"""The words shown with the body chart: tooltips for markers and regions, and the legend's lines."""

from __future__ import annotations

import html

from studyapp.bodychart.overlay import OverlayModel
from studyapp.content.model import Atlas
from studyapp.ui.bodychart_figure import Hit
from studyapp.ui.bodychart_paint import LegendEntry, MarkerItem


def marker_tooltip(atlas: Atlas, marker: MarkerItem) -> str:
    """The muscle and trigger point a marker stands for, and where the point lies."""
    muscle = atlas.muscles.get(marker.muscle_id)
    if muscle is None:
        return marker.label
    tp = next((t for t in muscle.trigger_points if t.id == marker.tp_id), None)
    where = f"<br>{html.escape(tp.location)}" if tp else ""
    return f"<b>{html.escape(muscle.name)}</b>, trigger point: {html.escape(marker.label)}{where}"


def region_tooltip(atlas: Atlas, overlay: OverlayModel, hit: Hit, fill_line: str | None) -> str:
    """The region's label and side, its fill's line (e.g. mastery), then which shown trigger points
    refer pain to it and how (essential or spillover)."""
    region = atlas.regions.get(hit.shape.region)
    label = html.escape(region.label if region else hit.shape.region)
    side = hit.panel.side_label.lower() or hit.shape.side
    lines = [f"<b>{label}</b> ({side})" if side != "midline" else f"<b>{label}</b>"]
    if fill_line is not None:
        lines.append(fill_line)
    names = {s.muscle.id: s.muscle.name for s in overlay.shown}
    seen: set[tuple[str, str]] = set()
    for zone in reversed(overlay.zones()):
        if zone.region == hit.shape.region and (zone.muscle_id, zone.tp_id) not in seen:
            seen.add((zone.muscle_id, zone.tp_id))
            kind = "essential" if zone.essential else "spillover"
            name = html.escape(names.get(zone.muscle_id, zone.muscle_id))
            lines.append(f"{name}, {html.escape(zone.tp_label)}: {kind} zone")
    return "<br>".join(lines)


def legend_entries(overlay: OverlayModel) -> list[LegendEntry]:
    """One line per shown muscle, naming its trigger points when some are hidden."""
    entries = []
    for shown in overlay.shown:
        tps = [tp.label for tp in shown.muscle.trigger_points if tp.id not in shown.hidden_tps]
        hidden = len(shown.muscle.trigger_points) - len(tps)
        suffix = f" ({', '.join(tps)})" if hidden and tps else (" (all points hidden)" if not tps else "")
        entries.append(LegendEntry(shown.muscle.name + suffix, shown.colour, shown.hatch_angle))
    return entries
