"""Every section of a muscle record as HTML for the detail pane (plain strings, easy to test).

Section headings are links (`toggle:<key>`) so a click or Enter collapses them; related muscles are
`muscle:<id>` links. Only the subset of HTML/CSS that Qt's rich text understands is used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from html import escape

from studyapp.content.model import Muscle, TriggerPoint
from studyapp.ui.theme import Colours


@dataclass(frozen=True, slots=True)
class Lookups:
    """Names for the ids a record refers to."""

    muscle_names: Mapping[str, str]
    region_labels: Mapping[str, str]
    area_labels: Mapping[str, str]


SECTIONS: tuple[tuple[str, str], ...] = (
    ("anatomy", "Origin and insertion"),
    ("actions", "Actions"),
    ("innervation", "Innervation and blood supply"),
    ("related", "Related muscles"),
    ("trigger_points", "Trigger points and referred pain"),
    ("perpetuating", "Perpetuating factors"),
    ("differential", "Differential diagnosis"),
    ("palpation", "Palpation"),
    ("needling", "Needling"),
    ("self_care", "Self-care"),
    ("acupoints", "Acupoints"),
    ("notes", "Notes on the sources"),
    ("sources", "Sources"),
)
SECTION_KEYS = tuple(key for key, _ in SECTIONS)


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>" if text else ""


def _ul(items: Iterable[str], raw: bool = False) -> str:
    rows = [item if raw else escape(item) for item in items]
    return "<ul>" + "".join(f"<li>{row}</li>" for row in rows) + "</ul>" if rows else ""


def _field(label: str, value: str, raw: bool = False) -> str:
    if not value:
        return ""
    return f"<p><b>{escape(label)}:</b> {value if raw else escape(value)}</p>"


class _Renderer:
    def __init__(self, muscle: Muscle, lookups: Lookups, colours: Colours) -> None:
        self.m = muscle
        self.lookups = lookups
        self.c = colours

    def link(self, muscle_id: str) -> str:
        name = self.lookups.muscle_names.get(muscle_id)
        if name is None:  # the loader drops dangling links, but stay safe for hand-built records
            return escape(muscle_id)
        return f'<a href="muscle:{escape(muscle_id)}">{escape(name)}</a>'

    def zones(self, ids: Iterable[str], colour: str) -> str:
        labels = [escape(self.lookups.region_labels.get(rid, rid.replace("_", " "))) for rid in ids]
        return f'<span style="color:{colour}">{", ".join(labels)}</span>' if labels else ""

    def origin_tag(self, key: str) -> str:
        """ "(from course pack: ...)" after a part that a later content root added or replaced."""
        ref = self.m.provenance.of(key)
        if ref == self.m.provenance.record:
            return ""
        return f' <span style="color:{self.c.muted}"><i>({escape(ref.describe())})</i></span>'

    def anatomy(self) -> str:
        return _field("Origin", self.m.origin) + _field("Insertion", self.m.insertion)

    def actions(self) -> str:
        items = []
        for action in self.m.actions:
            note = (
                f' <span style="color:{self.c.muted}">— {escape(action.note)}</span>' if action.note else ""
            )
            items.append(f"<b>{escape(action.label.capitalize())}</b>{note}")
        return _ul(items, raw=True) + _p(self.m.action_notes)

    def innervation(self) -> str:
        nerve = self.m.innervation
        roots = ", ".join(nerve.roots)
        out = _field(
            "Nerve", f"{escape(nerve.nerve)} ({escape(roots)})" if roots else escape(nerve.nerve), True
        )
        if nerve.note:
            out += f'<p style="color:{self.c.muted}">{escape(nerve.note)}</p>'
        return out + _field("Blood supply", self.m.blood_supply)

    def related(self) -> str:
        out = ""
        for label, ids in (
            ("Synergists", self.m.synergists),
            ("Antagonists", self.m.antagonists),
            ("Associated muscles", self.m.associated_muscles),
        ):
            if ids:
                out += _field(label, ", ".join(self.link(i) for i in ids), raw=True)
        return out

    def trigger_point(self, tp: TriggerPoint) -> str:
        tag = self.origin_tag(f"trigger_points:{tp.id}")
        out = f'<h4 style="color:{self.c.heading}">{escape(tp.label)}</h4>{tag}'
        out += _field("Location", tp.location)
        out += _field("Essential pain zone", self.zones(tp.essential_zones, self.c.zone_essential), raw=True)
        out += _field("Spillover", self.zones(tp.spillover_zones, self.c.zone_spillover), raw=True)
        for zone in tp.zones:
            if zone.side != "same" and zone.regions:
                where = "on both sides" if zone.side == "both" else "on the opposite side"
                colour = self.c.zone_essential if zone.essential else self.c.zone_spillover
                out += _field(
                    f"{zone.kind.capitalize()} zone {where}", self.zones(zone.regions, colour), raw=True
                )
        if tp.symptoms:
            out += "<p><b>Symptoms:</b></p>" + _ul(tp.symptoms)
        if tp.note:
            out += f'<p style="color:{self.c.muted}"><i>{escape(tp.note)}</i></p>'
        return out

    def trigger_points(self) -> str:
        return "".join(self.trigger_point(tp) for tp in self.m.trigger_points)

    def perpetuating(self) -> str:
        return _ul(self.m.perpetuating_factors)

    def differential(self) -> str:
        return _ul(self.m.differential_diagnosis)

    def palpation(self) -> str:
        return _p(self.m.palpation)

    def caution_box(self, title: str, body: str) -> str:
        c = self.c
        return (
            f'<table width="100%" cellspacing="0" cellpadding="8" bgcolor="{c.caution_bg}" '
            f'style="border: 2px solid {c.caution_border}; margin: 6px 0px">'
            f'<tr><td style="color:{c.caution_text}"><b>⚠ {escape(title)}</b>{body}</td></tr></table>'
        )

    def needling(self) -> str:
        n = self.m.needling
        if n is None:
            return ""
        out = (
            _field("Patient position", n.patient_position)
            + _field("Direction", n.direction)
            + _field("Needle", n.needle)
            + _field("Depth", n.depth)
        )
        if n.structures_to_avoid:
            out += self.caution_box("Structures to avoid", _ul(n.structures_to_avoid))
        if n.cautions:
            out += self.caution_box("Cautions", _p(n.cautions))
        return out

    def self_care(self) -> str:
        out = ""
        for i, ex in enumerate(self.m.self_care):
            dosage = f' <span style="color:{self.c.muted}">({escape(ex.dosage)})</span>' if ex.dosage else ""
            tag = self.origin_tag(f"self_care:{i}")
            out += f"<p><b>{escape(ex.name)}</b>{dosage}{tag}<br>{escape(ex.instructions)}</p>"
        return out

    def acupoints(self) -> str:
        items = []
        for point in self.m.acupoints:
            note = f" — {escape(point.note)}" if point.note else ""
            tag = self.origin_tag(f"acupoints:{point.code}")
            items.append(f"<b>{escape(point.code)}</b> {escape(point.name)}{note}{tag}")
        return _ul(items, raw=True)

    def notes(self) -> str:
        return "".join(
            f"<p>{escape(note)}{self.origin_tag(f'notes:{i}')}</p>" for i, note in enumerate(self.m.notes)
        )

    def sources(self) -> str:
        return "<ol>" + "".join(f"<li>{escape(s.citation)}</li>" for s in self.m.sources) + "</ol>"


def stylesheet(colours: Colours, base_pt: float) -> str:
    """Default CSS for the QTextDocument (sizes relative to the chosen font size)."""
    c = colours
    return (
        f"body {{ color: {c.text}; font-size: {base_pt:.1f}pt; }}"
        f"a {{ color: {c.link}; }}"
        f"p, li {{ line-height: 140%; }}"
        f"p {{ margin-top: 2px; margin-bottom: 8px; }}"
        f"h2 {{ font-size: {base_pt * 1.25:.1f}pt; margin-top: 16px; margin-bottom: 6px; }}"
        f"h4 {{ font-size: {base_pt * 1.05:.1f}pt; margin-top: 10px; margin-bottom: 4px; }}"
        f"a.section {{ color: {c.heading}; text-decoration: none; }}"
        f"ul, ol {{ margin-top: 0px; margin-bottom: 8px; }}"
    )


def render(muscle: Muscle, lookups: Lookups, colours: Colours, collapsed: Iterable[str] = ()) -> str:
    """The whole record; sections named in `collapsed` show only their heading."""
    r = _Renderer(muscle, lookups, colours)
    closed = set(collapsed)
    builders: dict[str, Callable[[], str]] = {key: getattr(r, key) for key in SECTION_KEYS}
    area = lookups.area_labels.get(muscle.area, muscle.area)
    head = f'<p style="color:{colours.muted}"><i>{escape(muscle.latin_name)}</i><br>'
    head += f"{escape(area)} · {escape(muscle.group)}"
    if muscle.aliases:
        head += f"<br>Also called: {escape(', '.join(muscle.aliases))}"
    head += "</p>"
    parts = [head]
    for key, title in SECTIONS:
        body = builders[key]()
        if not body:
            continue
        marker = "▸" if key in closed else "▾"
        count = f" ({len(muscle.trigger_points)})" if key == "trigger_points" else ""
        parts.append(
            f'<h2><a class="section" href="toggle:{key}" '
            f'style="color:{colours.heading}; text-decoration:none">'
            f"{marker} {escape(title)}{count}</a></h2>"
        )
        if key not in closed:
            parts.append(body)
    parts.append(f'<p style="color:{colours.muted}; font-size: small">Record file: {escape(muscle.file)}</p>')
    parts.append(_provenance(muscle, colours))
    return "<html><body>" + "".join(parts) + "</body></html>"


def _provenance(muscle: Muscle, colours: Colours) -> str:
    """Where the record came from when it is not simply the bundled atlas's own."""
    prov = muscle.provenance
    lines = []
    if prov.record.kind != "bundled":
        lines.append(f"This muscle comes {prov.record.describe()}.")
    replaced = [(key, ref) for key, ref in prov.parts if ":" not in key]
    lines += [f"{key.replace('_', ' ').capitalize()} {ref.describe()}." for key, ref in replaced]
    added = dict.fromkeys(ref for key, ref in prov.parts if ":" in key)
    if added:
        lines.append("Marked parts were added " + "; ".join(r.describe() for r in added) + ".")
    if not lines:
        return ""
    body = "<br>".join(escape(line) for line in lines)
    return f'<p style="color:{colours.muted}; font-size: small">{body}</p>'


def present_sections(muscle: Muscle, lookups: Lookups, colours: Colours) -> list[str]:
    """Keys of the sections this record has content for (what "collapse all" acts on)."""
    r = _Renderer(muscle, lookups, colours)
    return [key for key in SECTION_KEYS if getattr(r, key)()]
