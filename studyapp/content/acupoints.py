"""The acupuncture point atlas: the 14 channels and the commonly taught extra points.

One YAML file per channel lives in resources/acupoints/ (`schema: 2` first, then the channel, its
sources and its points in channel order). This module declares that schema as data, reads and
cross-checks the files (codes, order, muscle ids, chart markers) and returns frozen records. It is
pure core: no Qt, so the loader, the export and the search share it with the tests.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studyapp.bodychart.geometry import Geometry, GeometryError, load_geometry
from studyapp.content.checks import check_mapping, check_value, problem, suggest
from studyapp.content.model import Marker, Source, View
from studyapp.content.schema import FieldSpec
from studyapp.content.yamlfile import PathKey, Problem, YamlDoc, read_yaml
from studyapp.paths import resources_dir

SCHEMA_VERSION = 2

# The WHO standard channels, in the conventional order of the qi circulation, with their point counts.
CHANNELS: dict[str, int] = {
    "LU": 11,
    "LI": 20,
    "ST": 45,
    "SP": 21,
    "HT": 9,
    "SI": 19,
    "BL": 67,
    "KI": 27,
    "PC": 9,
    "TE": 23,
    "GB": 44,
    "LR": 14,
    "GV": 28,
    "CV": 24,
}
EXTRA = "EX"
# Body parts of the WHO extra-point codes (EX-HN3 and so on).
EXTRA_PARTS = ("HN", "CA", "B", "UE", "LE")

# Point categories. A category is written "kind" or "kind: detail" (detail names the organ,
# element, channel or vessel: "front-mu: lung", "shu-stream: earth", "crossing: GB, TE").
CATEGORY_KINDS: dict[str, str] = {
    "jing-well": "five-shu: well point at the tip of the limb",
    "ying-spring": "five-shu: spring point",
    "shu-stream": "five-shu: stream point",
    "jing-river": "five-shu: river point",
    "he-sea": "five-shu: sea point near the elbow or knee",
    "lower-he-sea": "lower sea point of a yang organ on the leg",
    "yuan-source": "source point of the channel",
    "luo-connecting": "connecting point of the channel",
    "xi-cleft": "cleft (accumulation) point",
    "front-mu": "alarm point on the chest or abdomen",
    "back-shu": "transport point of an organ on the back",
    "influential": "one of the eight influential (meeting) points",
    "confluent": "opening point of one of the eight extraordinary vessels",
    "crossing": "meeting point of channels",
    "window-of-heaven": "one of the window of heaven points",
    "sea": "point of one of the four seas",
    "ghost": "one of Sun Simiao's thirteen ghost points",
    "entry": "where the channel receives qi from the previous one",
    "exit": "where the channel passes qi to the next one",
}
FIVE_SHU = ("jing-well", "ying-spring", "shu-stream", "jing-river", "he-sea")


def _s(required: bool = False, help: str = "") -> FieldSpec:
    return FieldSpec("str", required, help=help)


def _sl(required: bool = False, help: str = "") -> FieldSpec:
    return FieldSpec("str_list", required, help=help)


STRUCTURES = {
    "muscles": _sl(help="muscle ids of the atlas, superficial to deep"),
    "other": _sl(help="other tissues: muscles without an atlas record, tendons, bones, joints, organs"),
    "nerves": _sl(True),
    "vessels": _sl(True),
}
NEEDLING = {
    "angle": _s(True, "perpendicular, oblique or transverse, and the direction"),
    "depth": _s(True, "range in cun, e.g. 0.5-1 cun"),
    "cautions": _sl(True, "what is at risk and how to avoid it"),
}
POINT: dict[str, FieldSpec] = {
    "code": _s(True, "WHO standard code, e.g. GB30 or EX-HN3"),
    "pinyin": _s(True, "with tone marks"),
    "han": _s(True, "Han characters"),
    "english": _s(True),
    "aliases": _sl(help="other names and older codes"),
    "location": _s(True, "the project's own words: landmarks and proportional cun"),
    "structures": FieldSpec("map", True, STRUCTURES),
    "needling": FieldSpec("map", True, NEEDLING),
    "categories": _sl(help="'kind' or 'kind: detail'; kinds in CATEGORY_KINDS"),
    "markers": FieldSpec("number_pair_map", True, help="view id -> [x, y] on the patient's right side"),
    "sources": _sl(True, "ids from the file's sources"),
    "notes": _sl(),
}
CHANNEL: dict[str, FieldSpec] = {
    "id": _s(True, "LU, LI, ... CV, or EX for the extra points"),
    "name": _s(True),
    "pinyin": _s(True),
    "han": _s(True),
}
SOURCE = {"id": _s(True), "citation": _s(True, "full reference")}
FILE: dict[str, FieldSpec] = {
    "schema": FieldSpec("number", True, help="2"),
    "channel": FieldSpec("map", True, CHANNEL),
    "sources": FieldSpec("map_list", True, SOURCE),
    "points": FieldSpec("map_list", True, POINT),
}


@dataclass(frozen=True, slots=True)
class Structures:
    """What a needle passes or lies near: atlas muscles by id, the rest as text."""

    muscles: tuple[str, ...]
    other: tuple[str, ...]
    nerves: tuple[str, ...]
    vessels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PointNeedling:
    angle: str
    depth: str
    cautions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Point:
    """One acupuncture point (named `Point`; model.Acupoint is a muscle's reference to one)."""

    code: str
    channel: str
    number: int  # position in the channel (1-based); extra points: the number in the code
    pinyin: str
    han: str
    english: str
    location: str
    structures: Structures
    needling: PointNeedling
    categories: tuple[str, ...]
    markers: tuple[Marker, ...]
    sources: tuple[Source, ...]
    aliases: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    file: str = field(default="", compare=False)

    def has_category(self, kind: str) -> bool:
        return any(category_kind(c) == kind for c in self.categories)


@dataclass(frozen=True, slots=True)
class Channel:
    id: str
    name: str
    pinyin: str
    han: str
    points: tuple[str, ...]  # codes in channel order


@dataclass(frozen=True, slots=True)
class PointAtlas:
    """All points by code, in channel order (channels first, extra points last)."""

    points: dict[str, Point]
    channels: dict[str, Channel]

    def resolve(self, code: str) -> str | None:
        """The code of the point a typed or older code means ("gb-30" -> "GB30", "GV29" -> "EX-HN3")."""
        normal = normalise_code(code) or code.strip()
        if normal in self.points:
            return normal
        for point in self.points.values():
            if any((normalise_code(alias) or alias) == normal for alias in point.aliases):
                return point.code
        return None

    def channel_points(self) -> list[Point]:
        return [p for p in self.points.values() if p.channel != EXTRA]

    def extra_points(self) -> list[Point]:
        return [p for p in self.points.values() if p.channel == EXTRA]


@dataclass(slots=True)
class PointLoadResult:
    atlas: PointAtlas
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


_CHANNEL_CODE = re.compile(r"^([A-Z]{2})([1-9][0-9]*)$")
_EXTRA_CODE = re.compile(r"^EX-(HN|CA|B|UE|LE)([1-9][0-9]*)$")
# Codes taught before the WHO standard, and how people type them: "gb 30", "GB-30", "SJ5", "Liv3".
_OLD_PREFIXES = {
    "SJ": "TE",
    "TW": "TE",
    "TB": "TE",
    "LIV": "LR",
    "LV": "LR",
    "DU": "GV",
    "REN": "CV",
    "P": "PC",
    "HE": "HT",
    "H": "HT",
    "K": "KI",
    "UB": "BL",
    "B": "BL",
    "G": "GB",
    "L": "LU",
    "CO": "LI",
}
_LOOSE_CODE = re.compile(r"^([A-Z]{1,3})[\s.\-]*0*([1-9][0-9]*)$")
_LOOSE_EXTRA = re.compile(r"^EX[\s.\-]*(HN|CA|B|UE|LE)[\s.\-]*0*([1-9][0-9]*)$")


def normalise_code(text: str) -> str | None:
    """The WHO form of a typed code ("gb 30", "GB-30", "SJ5" -> "GB30", "GB30", "TE5"), or None."""
    compact = text.strip().upper()
    extra = _LOOSE_EXTRA.match(compact)
    if extra:
        return f"EX-{extra.group(1)}{extra.group(2)}"
    loose = _LOOSE_CODE.match(compact)
    if not loose:
        return None
    prefix = _OLD_PREFIXES.get(loose.group(1), loose.group(1))
    if prefix not in CHANNELS:
        return None
    return f"{prefix}{loose.group(2)}"


def is_standard_code(code: str) -> bool:
    """Whether `code` is one of the 361 channel points or a well-formed extra-point code."""
    match = _CHANNEL_CODE.match(code)
    if match:
        count = CHANNELS.get(match.group(1))
        return count is not None and int(match.group(2)) <= count
    return _EXTRA_CODE.match(code) is not None


def category_kind(category: str) -> str:
    return category.split(":", 1)[0].strip()


def points_dir(root: Path | None = None) -> Path:
    return (root or resources_dir()) / "acupoints"


def load_points(
    root: Path | None = None,
    *,
    muscle_ids: Collection[str] | None = None,
    views: Mapping[str, View] | None = None,
    geometry: Geometry | None = None,
    files: Sequence[Path] | None = None,
) -> PointLoadResult:
    """Read every point file under `root`/acupoints (or just `files`) and cross-check them.

    `muscle_ids` and `views` come from the muscle atlas (unknown muscle ids and views are errors
    when given); `geometry` is the drawn chart (markers must lie on the figure). A point with an
    error is left out and reported; the other points of the file still load.
    """
    root = root or resources_dir()
    if geometry is None:
        try:
            geometry = load_geometry(root / "bodychart" / "geometry.json")
        except GeometryError:
            geometry = None
    if files is None:
        files = sorted(points_dir(root).glob("*.yaml"))
    problems: list[Problem] = []
    points: dict[str, Point] = {}
    channels: dict[str, Channel] = {}
    seen_in: dict[str, str] = {}  # code -> file it was first defined in
    for path in files:
        parsed = read_yaml(Path(path), _display(Path(path), root))
        if isinstance(parsed, Problem):
            problems.append(parsed)
            continue
        checker = _FileCheck(parsed, muscle_ids, views, geometry, seen_in)
        channel, loaded = checker.run()
        problems.extend(checker.problems)
        if channel is not None:
            if channel.id in channels:
                problems.append(
                    problem(parsed, ("channel", "id"), f"channel '{channel.id}' is defined by another file")
                )
            else:
                channels[channel.id] = channel
        for point in loaded:
            points.setdefault(point.code, point)
    ordered = sorted(points.values(), key=_order_key)
    channel_order = {cid: i for i, cid in enumerate([*CHANNELS, EXTRA])}
    return PointLoadResult(
        PointAtlas(
            {p.code: p for p in ordered},
            dict(sorted(channels.items(), key=lambda kv: channel_order.get(kv[0], 99))),
        ),
        problems,
    )


def _order_key(point: Point) -> tuple[int, int, int]:
    order = [*CHANNELS, EXTRA]
    channel = order.index(point.channel) if point.channel in order else len(order)
    part = 0
    if point.channel == EXTRA:
        match = _EXTRA_CODE.match(point.code)
        part = EXTRA_PARTS.index(match.group(1)) if match else len(EXTRA_PARTS)
    return channel, part, point.number


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve().parent))
    except ValueError:
        return str(path)


class _FileCheck:
    """All checks of one channel file; collects problems instead of stopping at the first."""

    def __init__(
        self,
        doc: YamlDoc,
        muscle_ids: Collection[str] | None,
        views: Mapping[str, View] | None,
        geometry: Geometry | None,
        seen_in: dict[str, str],
    ) -> None:
        self.doc = doc
        self.muscle_ids = muscle_ids
        self.views = views
        self.geometry = geometry
        self.seen_in = seen_in
        self.problems: list[Problem] = []

    def error(self, key: PathKey, message: str) -> None:
        self.problems.append(problem(self.doc, key, message))

    def run(self) -> tuple[Channel | None, list[Point]]:
        data = self.doc.data
        if not isinstance(data, dict):
            self.error((), "must be a mapping with 'schema', 'channel', 'sources' and 'points'")
            return None, []
        if next(iter(data), None) != "schema":
            self.error((), "'schema: 2' must be the first key")
        for name in data:
            if name not in FILE:
                self.error((str(name),), f"unknown field '{name}'{suggest(str(name), FILE)}")
        for name in ("schema", "channel", "sources", "points"):
            if data.get(name) is None:
                self.error((), f"missing required field '{name}'")
        if data.get("schema") is not None and data.get("schema") != SCHEMA_VERSION:
            self.error(("schema",), f"must be {SCHEMA_VERSION}, found {data.get('schema')!r}")
        channel_found: list[Problem] = []
        if data.get("channel") is not None:
            channel_found = check_mapping(self.doc, ("channel",), data["channel"], CHANNEL)
            self.problems.extend(channel_found)
        channel_data: dict[str, Any] = data["channel"] if isinstance(data.get("channel"), dict) else {}
        cid = channel_data.get("id") if isinstance(channel_data.get("id"), str) else None
        if cid is not None and cid not in CHANNELS and cid != EXTRA:
            self.error(("channel", "id"), f"unknown channel '{cid}'{suggest(cid, [*CHANNELS, EXTRA])}")
            cid = None
        sources = self._sources(data.get("sources"))
        raw_points = data.get("points")
        if raw_points is not None and not isinstance(raw_points, list):
            self.error(("points",), "must be a list of mappings")
            raw_points = []
        points: list[Point] = []
        for index, item in enumerate(raw_points or []):
            point = self._point(index, item, cid, sources)
            if point is not None:
                points.append(point)
        if cid is not None and cid != EXTRA and isinstance(raw_points, list):
            self._check_order(raw_points, cid)
        channel = None
        if cid is not None and not channel_found:
            channel = Channel(
                cid,
                channel_data["name"].strip(),
                channel_data["pinyin"].strip(),
                channel_data["han"].strip(),
                tuple(p.code for p in points),
            )
        return channel, points

    def _sources(self, raw: Any) -> dict[str, Source]:
        if raw is None:
            return {}
        spec = FieldSpec("map_list", True, SOURCE)
        found = check_value(self.doc, ("sources",), raw, spec)
        self.problems.extend(found)
        sources: dict[str, Source] = {}
        for index, item in enumerate(raw if isinstance(raw, list) else []):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue
            if item["id"] in sources:
                self.error(("sources", index, "id"), f"duplicate source id '{item['id']}'")
            elif isinstance(item.get("citation"), str):
                sources[item["id"]] = Source(item["id"], item["citation"].strip())
        return sources

    def _check_order(self, raw_points: list[Any], cid: str) -> None:
        """Channel points must run 1, 2, 3 ... in order, so the pathway is drawn the right way."""
        expected = 1
        for index, item in enumerate(raw_points):
            code = item.get("code") if isinstance(item, dict) else None
            match = _CHANNEL_CODE.match(code) if isinstance(code, str) else None
            if match is None or match.group(1) != cid:
                continue
            number = int(match.group(2))
            if number != expected:
                self.error(
                    ("points", index, "code"),
                    f"'{code}' is out of order: {cid}{expected} was expected here "
                    "(points run in channel order)",
                )
            expected = number + 1
        count = CHANNELS[cid]
        if expected - 1 < count:
            last = f"{cid}{expected - 1}"
            self.error(("points",), f"the {cid} channel has {count} points; the file stops at {last}")

    def _point(self, index: int, item: Any, cid: str | None, sources: Mapping[str, Source]) -> Point | None:
        key: PathKey = ("points", index)
        before = len(self.problems)
        self.problems.extend(check_mapping(self.doc, key, item, POINT))
        if not isinstance(item, dict):
            return None
        code = item.get("code")
        number = 0
        if isinstance(code, str):
            number = self._check_code(key, code, cid)
        self._check_filled(key, item)
        self._check_categories(key, item.get("categories"))
        self._check_links(key, item, sources)
        self._check_markers(key, item.get("markers"))
        if len(self.problems) != before or cid is None:
            return None
        assert isinstance(code, str)
        structures = item["structures"]
        needling = item["needling"]
        return Point(
            code=code,
            channel=cid,
            number=number,
            pinyin=item["pinyin"].strip(),
            han=item["han"].strip(),
            english=item["english"].strip(),
            aliases=_strs(item.get("aliases")),
            location=item["location"].strip(),
            structures=Structures(
                _strs(structures.get("muscles")),
                _strs(structures.get("other")),
                _strs(structures["nerves"]),
                _strs(structures["vessels"]),
            ),
            needling=PointNeedling(
                needling["angle"].strip(), needling["depth"].strip(), _strs(needling["cautions"])
            ),
            categories=_strs(item.get("categories")),
            markers=tuple(Marker(view, float(x), float(y)) for view, (x, y) in item["markers"].items()),
            sources=tuple(sources[s] for s in item["sources"]),
            notes=_strs(item.get("notes")),
            file=self.doc.display,
        )

    def _check_code(self, key: PathKey, code: str, cid: str | None) -> int:
        where = (*key, "code")
        if code in self.seen_in:
            self.error(where, f"duplicate point code '{code}' (also in {self.seen_in[code]})")
        else:
            self.seen_in[code] = self.doc.display
        channel_match = _CHANNEL_CODE.match(code)
        extra_match = _EXTRA_CODE.match(code)
        if cid == EXTRA:
            if extra_match is None:
                self.error(where, f"unknown extra-point code '{code}' (expected EX-HN3, EX-B2 and so on)")
                return 0
            return int(extra_match.group(2))
        if channel_match is None or not is_standard_code(code):
            hint = ""
            prefix = channel_match.group(1) if channel_match else ""
            if prefix in CHANNELS:
                hint = f" (the {prefix} channel has {CHANNELS[prefix]} points)"
            normal = normalise_code(code)
            if normal and normal != code:
                hint = f" (did you mean '{normal}'?)"
            self.error(where, f"unknown point code '{code}'{hint}")
            return 0
        if cid is not None and channel_match.group(1) != cid:
            self.error(where, f"'{code}' does not belong to the {cid} channel of this file")
        return int(channel_match.group(2))

    def _check_filled(self, key: PathKey, item: dict[str, Any]) -> None:
        """Lists a student relies on may not be empty (the shape check allows empty lists)."""
        wanted: list[PathKey] = [("structures", "nerves"), ("structures", "vessels")]
        wanted += [("needling", "cautions"), ("sources",)]
        for sub in wanted:
            value: Any = item
            for part in sub:
                value = value.get(part) if isinstance(value, dict) else None
            if isinstance(value, list) and not value:
                self.error((*key, *sub), "must list at least one entry")
        markers = item.get("markers")
        if isinstance(markers, dict) and not markers:
            self.error((*key, "markers"), "must place the point on at least one view")

    def _check_categories(self, key: PathKey, categories: Any) -> None:
        for i, category in enumerate(categories if isinstance(categories, list) else []):
            if not isinstance(category, str):
                continue
            kind = category_kind(category)
            if kind not in CATEGORY_KINDS:
                self.error(
                    (*key, "categories", i), f"unknown category '{kind}'{suggest(kind, CATEGORY_KINDS)}"
                )

    def _check_links(self, key: PathKey, item: dict[str, Any], sources: Mapping[str, Source]) -> None:
        ids = item.get("sources")
        for i, sid in enumerate(ids if isinstance(ids, list) else []):
            if isinstance(sid, str) and sid not in sources:
                self.error((*key, "sources", i), f"unknown source id '{sid}'{suggest(sid, sources)}")
        structures = item.get("structures")
        if not isinstance(structures, dict):
            return
        if not structures.get("muscles") and not structures.get("other"):
            self.error((*key, "structures"), "name at least one muscle or other tissue under the point")
        muscles = structures.get("muscles")
        if self.muscle_ids is None:
            return
        for i, mid in enumerate(muscles if isinstance(muscles, list) else []):
            if isinstance(mid, str) and mid not in self.muscle_ids:
                self.error(
                    (*key, "structures", "muscles", i),
                    f"unknown muscle id '{mid}'{suggest(mid, self.muscle_ids)} "
                    "(muscles without an atlas record go under 'other')",
                )

    def _check_markers(self, key: PathKey, markers: Any) -> None:
        for view_id, pair in markers.items() if isinstance(markers, dict) else []:
            where = (*key, "markers", str(view_id))
            if self.views is not None and view_id not in self.views:
                self.error(where, f"unknown view '{view_id}'{suggest(str(view_id), self.views)}")
                continue
            numbers = isinstance(pair, list) and len(pair) == 2
            if not (numbers and all(isinstance(n, int | float) and not isinstance(n, bool) for n in pair)):
                continue  # the shape check reports it
            x, y = float(pair[0]), float(pair[1])
            view = self.views.get(view_id) if self.views is not None else None
            if view is not None and not (0 <= x <= view.width and 0 <= y <= view.height):
                self.error(
                    where,
                    f"marker [{x:g}, {y:g}] is outside the '{view_id}' view "
                    f"(0..{view.width:g} x 0..{view.height:g})",
                )
                continue
            drawn = self.geometry.views.get(view_id) if self.geometry is not None else None
            if drawn is not None and not drawn.contains(x, y):
                self.error(where, f"marker [{x:g}, {y:g}] lies outside the drawn figure in '{view_id}'")


def _strs(values: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in values or ())
