"""Load the atlas: region catalogue first, then every muscle file, then the links between them.

A record with a structural problem is skipped (and reported); a dangling link is dropped from an
otherwise good record (and reported), so one typo never hides a whole muscle from a student.

Content comes from an ordered list of roots (`Root`): the bundled atlas, then course packs, then
the user's own folder. A later root adds muscles and regions, and may extend an earlier muscle with
an `extends:` record (see `layers.py`); a translation overlay (see `i18n.py`) is merged last.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from studyapp.bodychart.geometry import Geometry, default_path, load_geometry
from studyapp.content import schema
from studyapp.content.checks import capped, check_id, check_mapping, problem, suggest
from studyapp.content.model import (
    BUNDLED,
    ROOT_KINDS,
    SCHEMA_VERSION,
    Action,
    Acupoint,
    Atlas,
    AuthoredQuestion,
    BodyArea,
    Exercise,
    Innervation,
    Marker,
    Muscle,
    Needling,
    Provenance,
    Region,
    Root,
    RootRef,
    Source,
    TriggerPoint,
    View,
    Zone,
)
from studyapp.content.result import LoadResult
from studyapp.content.roots import PACKS_FOLDER as PACKS_FOLDER  # re-exported: callers' old home
from studyapp.content.roots import USER_FOLDER as USER_FOLDER
from studyapp.content.roots import bundled_root as bundled_root
from studyapp.content.roots import content_roots as content_roots
from studyapp.content.roots import pack_label as pack_label
from studyapp.content.yamlfile import Problem, YamlDoc, read_yaml
from studyapp.content.zones import read_zones

SIDES = ("bilateral", "midline")
READABLE_VERSIONS = (1, 2)


@dataclass(slots=True)
class _Catalogue:
    areas: dict[str, BodyArea]
    views: dict[str, View]
    regions: dict[str, Region]


@dataclass(slots=True)
class _Context:
    """What the record checks need besides the file: the catalogue and, lazily, the drawing."""

    catalogue: _Catalogue
    geometry_path: Path
    _geometry: Geometry | None = None
    zones: dict[int, tuple[Zone, ...]] = field(default_factory=dict)  # id(trigger point dict) -> zones

    def geometry(self) -> Geometry:
        if self._geometry is None:
            self._geometry = load_geometry(self.geometry_path)
        return self._geometry


def _display(path: Path, root: Path) -> str:
    try:  # the folder is resolved, not the file: a file may be a link (even a loop), refused later
        return str((path.parent.resolve() / path.name).relative_to(root.resolve().parent))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a link loop, before Python 3.13
        return str(path)


def load_atlas(
    root: Path | None = None,
    muscle_files: Sequence[Path] | None = None,
    *,
    roots: Sequence[Root] | None = None,
    language: str = "en",
) -> LoadResult:
    """Load the atlas from `roots` in order (default: the bundled resources, or `root` alone).

    `muscle_files` limits which muscle files of the first root are read (validating a few files
    against the rest). `language` merges that translation overlay, English field by field otherwise.
    """
    from studyapp.content import i18n, layers  # here: both import this module's helpers

    if roots is None:
        roots = [Root(root, BUNDLED.label, "bundled") if root is not None else bundled_root()]
    problems: list[Problem] = []
    for extra in roots:
        if extra.kind not in ROOT_KINDS:
            problems.append(Problem(str(extra.path), None, "", f"unknown root kind '{extra.kind}'"))
    first = roots[0].path
    catalogue = _load_catalogue(first / "bodychart" / "regions.yaml", first, problems)
    for extra in roots[1:]:
        regions_file = extra.path / "bodychart" / "regions.yaml"
        if regions_file.is_file():
            _add_regions(regions_file, extra, catalogue, problems)
    geometry_path = first / "bodychart" / "geometry.json"
    context = _Context(catalogue, geometry_path if geometry_path.is_file() else default_path())
    docs: list[tuple[YamlDoc, RootRef]] = []
    old_files: list[str] = []
    for index, layer in enumerate(roots):
        paths = muscle_files if index == 0 and muscle_files is not None else None
        if paths is None:
            paths = sorted((layer.path / "muscles").glob("*/*.yaml"))
        for path in paths:
            parsed = read_yaml(Path(path), _display(Path(path), layer.path))
            if isinstance(parsed, Problem):
                problems.append(parsed)
                continue
            version = _schema_version(parsed, problems)
            if version is None:
                continue
            if version == 1:
                old_files.append(parsed.display)
            docs.append((parsed, layer.ref))
    base = [(doc, ref) for doc, ref in docs if not (isinstance(doc.data, dict) and "extends" in doc.data)]
    extensions = [(doc, ref) for doc, ref in docs if isinstance(doc.data, dict) and "extends" in doc.data]
    raw, skipped = _check_records(base, context, problems)
    layers.apply_extensions(raw, extensions, context, problems, skipped)
    report = None
    if language != "en":
        report = i18n.apply_translations(raw, roots, language, problems)
    muscles = _build(raw, context, problems)
    atlas = Atlas(
        muscles,
        catalogue.regions,
        catalogue.views,
        catalogue.areas,
        roots=tuple(r.ref for r in roots),
        language=language,
    )
    return LoadResult(atlas, problems, skipped, old_files, report)


def _schema_version(doc: YamlDoc, problems: list[Problem]) -> int | None:
    """The file's `schema:` (1 when absent); None, with a problem, for a version this code cannot read."""
    value = doc.data.get("schema", 1) if isinstance(doc.data, dict) else 1
    if isinstance(value, bool) or value not in READABLE_VERSIONS:
        newer = isinstance(value, int) and not isinstance(value, bool) and value > SCHEMA_VERSION
        why = "was written for a newer studyapp" if newer else "is not a content format version"
        problems.append(problem(doc, ("schema",), f"{value!r} {why}; this version reads schema 1 and 2"))
        return None
    return int(value)


def _load_catalogue(path: Path, root: Path, problems: list[Problem]) -> _Catalogue:
    empty = _Catalogue({}, {}, {})
    parsed = read_yaml(path, _display(path, root))
    if isinstance(parsed, Problem):
        problems.append(parsed)
        return empty
    doc = parsed
    if not isinstance(doc.data, dict):
        problems.append(problem(doc, (), "must be a mapping with 'areas', 'views' and 'regions'"))
        return empty
    if _schema_version(doc, problems) is None:
        return empty
    areas = {
        item["id"]: BodyArea(item["id"], item["label"], order)
        for order, item in enumerate(_entries(doc, "areas", schema.AREA, problems))
    }
    views = {
        item["id"]: View(item["id"], item["label"], float(item["width"]), float(item["height"]))
        for item in _entries(doc, "views", schema.VIEW, problems)
    }
    catalogue = _Catalogue(areas, views, {})
    _read_regions(doc, catalogue, BUNDLED, problems)
    return catalogue


def _add_regions(path: Path, root: Root, catalogue: _Catalogue, problems: list[Problem]) -> None:
    """A later root's own regions (its `bodychart/regions.yaml` lists only `regions:`)."""
    parsed = read_yaml(path, _display(path, root.path))
    if isinstance(parsed, Problem):
        problems.append(parsed)
        return
    if not isinstance(parsed.data, dict):
        problems.append(problem(parsed, (), "must be a mapping with 'regions'"))
        return
    if _schema_version(parsed, problems) is not None:
        _read_regions(parsed, catalogue, root.ref, problems)


def _read_regions(doc: YamlDoc, catalogue: _Catalogue, ref: RootRef, problems: list[Problem]) -> None:
    regions, views, areas = catalogue.regions, catalogue.views, catalogue.areas
    for index, item in _indexed_entries(doc, "regions", schema.REGION, problems):
        key: tuple[str | int, ...] = ("regions", index)
        rid = item["id"]
        errors = []
        if rid in regions:
            errors.append(problem(doc, (*key, "id"), f"duplicate region id '{rid}'"))
        also_in = item.get("also_in") or []
        view_fields: list[tuple[tuple[str | int, ...], str]] = [(("view",), item["view"])]
        view_fields += [(("also_in", i), view) for i, view in enumerate(also_in)]
        for sub, view in view_fields:
            if view not in views:
                errors.append(problem(doc, (*key, *sub), f"unknown view '{view}'{suggest(view, views)}"))
        if item["side"] not in SIDES:
            errors.append(problem(doc, (*key, "side"), f"must be one of {', '.join(SIDES)}"))
        if item["parent"] not in areas:
            errors.append(
                problem(
                    doc,
                    (*key, "parent"),
                    f"unknown body area '{item['parent']}'{suggest(item['parent'], areas)}",
                )
            )
        problems.extend(errors)
        if not errors:
            regions[rid] = Region(
                rid, item["label"], item["view"], item["side"], item["parent"], tuple(also_in), ref
            )


def _indexed_entries(
    doc: YamlDoc, name: str, spec: dict[str, schema.FieldSpec], problems: list[Problem]
) -> Iterable[tuple[int, dict[str, Any]]]:
    items = doc.data.get(name)
    if not isinstance(items, list):
        problems.append(problem(doc, (name,), "must be a list"))
        return
    for index, item in enumerate(items):
        found = check_mapping(doc, (name, index), item, spec)
        problems.extend(found)
        if not found:
            yield index, item


def _entries(
    doc: YamlDoc, name: str, spec: dict[str, schema.FieldSpec], problems: list[Problem]
) -> Iterable[dict[str, Any]]:
    return (item for _, item in _indexed_entries(doc, name, spec, problems))


@dataclass(slots=True)
class RawRecord:
    """A checked muscle record before it becomes a `Muscle`: merged data plus where it came from."""

    doc: YamlDoc
    data: dict[str, Any]
    root: RootRef
    parts: dict[str, RootRef] = field(default_factory=dict)  # provenance of added/replaced parts
    files: list[str] = field(default_factory=list)
    language: str = "en"  # set when a translation supplied at least one field


def _check_records(
    docs: list[tuple[YamlDoc, RootRef]], context: _Context, problems: list[Problem]
) -> tuple[dict[str, RawRecord], list[str]]:
    raw: dict[str, RawRecord] = {}
    skipped: list[str] = []
    names_seen: dict[str, str] = {}  # lower-cased name or alias -> muscle id
    for doc, ref in docs:
        data = doc.data if isinstance(doc.data, dict) else {}
        mid = data.get("id") if isinstance(data.get("id"), str) else None
        try:
            found = check_mapping(doc, (), doc.data, schema.MUSCLE)
            found.extend(check_id(doc, ("id",), data.get("id"), doc.path.stem))
            if mid and mid in raw:
                found.append(
                    problem(doc, ("id",), f"duplicate muscle id '{mid}' (also in {raw[mid].doc.display})")
                )
            found.extend(check_record(doc, data, context))
        except Exception as exc:  # a bug must cost one record, never the atlas (issue #18)
            found = [internal_error(doc, exc)]
        if not found:
            for i, label in enumerate([data["name"], *data.get("aliases", [])]):
                key = label.strip().lower()
                other = names_seen.get(key)
                if other is not None and other != mid:
                    where: tuple[str | int, ...] = ("name",) if i == 0 else ("aliases", i - 1)
                    found.append(problem(doc, where, f"'{label}' is already the name or alias of '{other}'"))
                names_seen.setdefault(key, data["id"])
        problems.extend(capped(found))
        if found:
            skipped.append(f"{doc.display} ({mid or 'no id'})")
            continue
        assert mid is not None
        raw[mid] = RawRecord(doc, data, ref, files=[doc.display])
    return raw, skipped


def _build(raw: dict[str, RawRecord], context: _Context, problems: list[Problem]) -> dict[str, Muscle]:
    muscles: dict[str, Muscle] = {}
    order = {area: i for i, area in enumerate(context.catalogue.areas)}
    for mid, rec in sorted(raw.items(), key=lambda kv: (order.get(kv[1].data["area"], 99), kv[0])):
        links = {
            link: _known_links(rec.doc, rec.data, link, raw, problems)
            for link in ("synergists", "antagonists", "associated_muscles")
        }
        provenance = Provenance(rec.root, tuple(rec.parts.items()), tuple(rec.files))
        try:
            muscles[mid] = _to_muscle(rec.data, links, rec.doc.display, context, provenance, rec.language)
        except Exception as exc:  # as above: a checked record that still cannot be built
            problems.append(internal_error(rec.doc, exc))
    return muscles


def internal_error(doc: YamlDoc, exc: Exception) -> Problem:
    """A check that raised: reported against the file, so one record's bug never costs the atlas."""
    return problem(doc, (), f"could not be checked ({exc.__class__.__name__}: {exc}); please report this")


def check_record(doc: YamlDoc, data: dict[str, Any], context: _Context) -> list[Problem]:
    """Checks that need the catalogue: area, regions, views and marker bounds.

    Runs on records with shape errors too (skipping what is malformed), so an author sees every
    problem of a file in one pass.
    """
    catalogue = context.catalogue
    found: list[Problem] = []
    area = data.get("area")
    if isinstance(area, str):
        if catalogue.areas and area not in catalogue.areas:
            found.append(
                problem(doc, ("area",), f"unknown body area '{area}'{suggest(area, catalogue.areas)}")
            )
        folder = doc.path.parent.name
        if folder != area and doc.path.parent.parent.name == "muscles":
            found.append(problem(doc, ("area",), f"is '{area}' but the file is in the folder '{folder}'"))
    trigger_points = data.get("trigger_points")
    tp_ids: set[str] = set()
    for i, tp in enumerate(trigger_points if isinstance(trigger_points, list) else []):
        if not isinstance(tp, dict):
            continue
        key: tuple[str | int, ...] = ("trigger_points", i)
        tp_id = tp.get("id")
        found.extend(check_id(doc, (*key, "id"), tp_id))
        if isinstance(tp_id, str):
            if tp_id in tp_ids:
                found.append(problem(doc, (*key, "id"), f"duplicate trigger point id '{tp_id}'"))
            tp_ids.add(tp_id)
        zones, zone_problems = read_zones(doc, key, tp, catalogue.regions, catalogue.views, context.geometry)
        found.extend(zone_problems)
        context.zones[id(tp)] = zones
        markers = tp.get("markers")
        for view_id, pair in markers.items() if isinstance(markers, dict) else []:
            view = catalogue.views.get(view_id)
            if view is None:
                found.append(
                    problem(
                        doc,
                        (*key, "markers", view_id),
                        f"unknown view '{view_id}'{suggest(view_id, catalogue.views)}",
                    )
                )
                continue
            if not (
                isinstance(pair, list) and len(pair) == 2 and all(isinstance(n, int | float) for n in pair)
            ):
                continue  # the shape check reports it
            x, y = pair
            if not (0 <= x <= view.width and 0 <= y <= view.height):
                found.append(
                    problem(
                        doc,
                        (*key, "markers", view_id),
                        f"marker [{x}, {y}] is outside the '{view_id}' view "
                        f"(0..{view.width:g} x 0..{view.height:g})",
                    )
                )
    sources = data.get("sources")
    ids = [s.get("id") for s in sources if isinstance(s, dict)] if isinstance(sources, list) else []
    ids = [source_id for source_id in ids if isinstance(source_id, str)]
    if len(set(ids)) != len(ids):
        found.append(problem(doc, ("sources",), "source ids must be unique"))
    return found


def _known_links(
    doc: YamlDoc, data: dict[str, Any], link: str, known: Mapping[str, Any], problems: list[Problem]
) -> tuple[str, ...]:
    kept: list[str] = []
    for i, target in enumerate(data.get(link) or []):
        if target == data["id"]:
            problems.append(problem(doc, (link, i), f"'{target}' links the muscle to itself"))
        elif target not in known:
            problems.append(problem(doc, (link, i), f"unknown muscle id '{target}'{suggest(target, known)}"))
        else:
            kept.append(target)
    return tuple(kept)


def _strs(values: Any) -> tuple[str, ...]:
    return tuple(v.strip() for v in values or ())


def _trigger_point(tp: dict[str, Any], context: _Context) -> TriggerPoint:
    zones = context.zones.get(id(tp), ())
    own = ("same", "both")
    point = TriggerPoint(
        id=tp["id"],
        label=tp["label"],
        location=tp["location"].strip(),
        markers=tuple(Marker(view, float(x), float(y)) for view, (x, y) in tp["markers"].items()),
        essential_zones=(),
        spillover_zones=(),
        symptoms=_strs(tp.get("symptoms")),
        note=(tp.get("note") or "").strip(),
        zones=zones,
    )
    essential = point.regions("essential", own)
    return replace(point, essential_zones=essential, spillover_zones=point.regions("spillover", own))


def _to_muscle(
    data: dict[str, Any],
    links: dict[str, tuple[str, ...]],
    display: str,
    context: _Context,
    provenance: Provenance,
    language: str,
) -> Muscle:
    needling = data.get("needling")
    return Muscle(
        id=data["id"],
        name=data["name"].strip(),
        latin_name=data["latin_name"].strip(),
        aliases=_strs(data.get("aliases")),
        area=data["area"],
        group=data["group"],
        origin=data["origin"].strip(),
        insertion=data["insertion"].strip(),
        actions=tuple(Action(a["movement"], a["joint"], a.get("note") or "") for a in data["actions"]),
        action_notes=(data.get("action_notes") or "").strip(),
        innervation=Innervation(
            data["innervation"]["nerve"],
            _strs(data["innervation"]["roots"]),
            data["innervation"].get("note") or "",
        ),
        blood_supply=data["blood_supply"].strip(),
        synergists=links["synergists"],
        antagonists=links["antagonists"],
        associated_muscles=links["associated_muscles"],
        trigger_points=tuple(_trigger_point(tp, context) for tp in data["trigger_points"]),
        perpetuating_factors=_strs(data.get("perpetuating_factors")),
        differential_diagnosis=_strs(data.get("differential_diagnosis")),
        palpation=(data.get("palpation") or "").strip(),
        needling=None
        if not needling
        else Needling(
            patient_position=needling["patient_position"].strip(),
            direction=needling["direction"].strip(),
            needle=needling["needle"].strip(),
            depth=needling["depth"].strip(),
            structures_to_avoid=_strs(needling["structures_to_avoid"]),
            cautions=(needling.get("cautions") or "").strip(),
        ),
        self_care=tuple(
            Exercise(e["name"].strip(), e["instructions"].strip(), (e.get("dosage") or "").strip())
            for e in data.get("self_care") or ()
        ),
        acupoints=tuple(
            Acupoint(a["code"].strip(), a["name"].strip(), (a.get("note") or "").strip())
            for a in data.get("acupoints") or ()
        ),
        sources=tuple(Source(s["id"], s["citation"].strip()) for s in data["sources"]),
        notes=_strs(data.get("notes")),
        questions=tuple(
            AuthoredQuestion(q["prompt"].strip(), q["answer"].strip()) for q in data.get("questions") or ()
        ),
        file=display,
        provenance=provenance,
        language=language,
    )
