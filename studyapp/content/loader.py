"""Load the atlas: region catalogue first, then every muscle file, then the links between them.

A record with a structural problem is skipped (and reported); a dangling link is dropped from an
otherwise good record (and reported), so one typo never hides a whole muscle from a student.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studyapp.content import schema
from studyapp.content.checks import capped, check_id, check_mapping, problem, suggest
from studyapp.content.model import (
    Action,
    Acupoint,
    Atlas,
    BodyArea,
    Exercise,
    Innervation,
    Marker,
    Muscle,
    Needling,
    Region,
    Source,
    TriggerPoint,
    View,
)
from studyapp.content.yamlfile import Problem, YamlDoc, read_yaml
from studyapp.paths import resources_dir

SIDES = ("bilateral", "midline")


@dataclass(slots=True)
class LoadResult:
    atlas: Atlas
    problems: list[Problem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "file (muscle id)" of records left out

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(slots=True)
class _Catalogue:
    areas: dict[str, BodyArea]
    views: dict[str, View]
    regions: dict[str, Region]


def _display(path: Path, root: Path) -> str:
    try:  # the folder is resolved, not the file: a file may be a link (even a loop), refused later
        return str((path.parent.resolve() / path.name).relative_to(root.resolve().parent))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a link loop, before Python 3.13
        return str(path)


def load_atlas(root: Path | None = None, muscle_files: Sequence[Path] | None = None) -> LoadResult:
    """Load `root` (default: bundled resources); `muscle_files` limits which muscle files are read."""
    root = root or resources_dir()
    problems: list[Problem] = []
    catalogue = _load_catalogue(root / "bodychart" / "regions.yaml", root, problems)
    if muscle_files is None:
        muscle_files = sorted((root / "muscles").glob("*/*.yaml"))
    docs: list[YamlDoc] = []
    for path in muscle_files:
        parsed = read_yaml(Path(path), _display(Path(path), root))
        if isinstance(parsed, Problem):
            problems.append(parsed)
        else:
            docs.append(parsed)
    muscles, skipped = _build_muscles(docs, catalogue, problems)
    atlas = Atlas(muscles, catalogue.regions, catalogue.views, catalogue.areas)
    return LoadResult(atlas, problems, skipped)


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
    areas = {
        item["id"]: BodyArea(item["id"], item["label"], order)
        for order, item in enumerate(_entries(doc, "areas", schema.AREA, problems))
    }
    views = {
        item["id"]: View(item["id"], item["label"], float(item["width"]), float(item["height"]))
        for item in _entries(doc, "views", schema.VIEW, problems)
    }
    regions: dict[str, Region] = {}
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
                rid, item["label"], item["view"], item["side"], item["parent"], tuple(also_in)
            )
    return _Catalogue(areas, views, regions)


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


def _build_muscles(
    docs: list[YamlDoc], catalogue: _Catalogue, problems: list[Problem]
) -> tuple[dict[str, Muscle], list[str]]:
    raw: dict[str, tuple[YamlDoc, dict[str, Any]]] = {}
    skipped: list[str] = []
    names_seen: dict[str, str] = {}  # lower-cased name or alias -> muscle id
    for doc in docs:
        data = doc.data if isinstance(doc.data, dict) else {}
        mid = data.get("id") if isinstance(data.get("id"), str) else None
        try:
            found = check_mapping(doc, (), doc.data, schema.MUSCLE)
            found.extend(check_id(doc, ("id",), data.get("id"), doc.path.stem))
            if mid and mid in raw:
                found.append(
                    problem(doc, ("id",), f"duplicate muscle id '{mid}' (also in {raw[mid][0].display})")
                )
            found.extend(_check_record(doc, data, catalogue))
        except Exception as exc:  # a bug must cost one record, never the atlas (issue #18)
            found = [_internal_error(doc, exc)]
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
        raw[mid] = (doc, data)
    muscles: dict[str, Muscle] = {}
    order = {area: i for i, area in enumerate(catalogue.areas)}
    for mid, (doc, data) in sorted(raw.items(), key=lambda kv: (order.get(kv[1][1]["area"], 99), kv[0])):
        links = {
            link: _known_links(doc, data, link, raw, problems)
            for link in ("synergists", "antagonists", "associated_muscles")
        }
        try:
            muscles[mid] = _to_muscle(data, links, doc.display)
        except Exception as exc:  # as above: a checked record that still cannot be built
            problems.append(_internal_error(doc, exc))
            skipped.append(f"{doc.display} ({mid})")
    return muscles, skipped


def _internal_error(doc: YamlDoc, exc: Exception) -> Problem:
    return problem(doc, (), f"could not be checked ({exc.__class__.__name__}: {exc}); please report this")


def _check_record(doc: YamlDoc, data: dict[str, Any], catalogue: _Catalogue) -> list[Problem]:
    """Checks that need the catalogue: area, regions, views and marker bounds.

    Runs on records with shape errors too (skipping what is malformed), so an author sees every
    problem of a file in one pass.
    """
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
        for zone_field in ("essential_zones", "spillover_zones"):
            zones = tp.get(zone_field)
            for j, rid in enumerate(zones if isinstance(zones, list) else []):
                if isinstance(rid, str) and rid not in catalogue.regions:
                    found.append(
                        problem(
                            doc,
                            (*key, zone_field, j),
                            f"unknown region id '{rid}'{suggest(rid, catalogue.regions)}",
                        )
                    )
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
    doc: YamlDoc, data: dict[str, Any], link: str, known: dict[str, Any], problems: list[Problem]
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


def _to_muscle(data: dict[str, Any], links: dict[str, tuple[str, ...]], display: str) -> Muscle:
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
        trigger_points=tuple(
            TriggerPoint(
                id=tp["id"],
                label=tp["label"],
                location=tp["location"].strip(),
                markers=tuple(Marker(view, float(x), float(y)) for view, (x, y) in tp["markers"].items()),
                essential_zones=_strs(tp["essential_zones"]),
                spillover_zones=_strs(tp.get("spillover_zones")),
                symptoms=_strs(tp.get("symptoms")),
                note=(tp.get("note") or "").strip(),
            )
            for tp in data["trigger_points"]
        ),
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
        file=display,
    )
