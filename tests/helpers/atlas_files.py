"""Small, valid content trees written into tmp_path, so tests never depend on the bundled atlas."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from studyapp.paths import resources_dir

MINIMAL: dict[str, Any] = {
    "id": "test_muscle",
    "name": "Test muscle",
    "latin_name": "Musculus testis",
    "aliases": ["tm"],
    "area": "hip_thigh",
    "group": "Gluteal",
    "origin": "Outer surface of the ilium.",
    "insertion": "Greater trochanter.",
    "actions": [{"movement": "abduction", "joint": "hip"}],
    "innervation": {"nerve": "Superior gluteal nerve", "roots": ["L4", "L5", "S1"]},
    "blood_supply": "Superior gluteal artery.",
    "trigger_points": [
        {
            "id": "tp1",
            "label": "TP1",
            "location": "Below the iliac crest.",
            "markers": {"posterior": [260, 460]},
            "essential_zones": ["greater_trochanter"],
            "spillover_zones": ["lateral_thigh_upper"],
        }
    ],
    "sources": [{"id": "a", "citation": "Reference A."}, {"id": "b", "citation": "Reference B."}],
}


def muscle(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(MINIMAL)
    data.update(changes)
    return data


def make_root(tmp_path: Path) -> Path:
    """A resources tree with the real region catalogue and no muscles."""
    root = tmp_path / "resources"
    (root / "bodychart").mkdir(parents=True)
    shutil.copy(resources_dir() / "bodychart" / "regions.yaml", root / "bodychart" / "regions.yaml")
    (root / "muscles").mkdir()
    return root


def write_muscle(
    root: Path, data: dict[str, Any] | str, name: str | None = None, area: str = "hip_thigh"
) -> Path:
    folder = root / "muscles" / area
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path = folder / f"{name or 'raw'}.yaml"
        path.write_text(data, encoding="utf-8")
    else:
        path = folder / f"{name or data.get('id', 'unnamed')}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def trigger_point(
    tp_id: str = "tp1",
    essential: Sequence[str] = (),
    spillover: Sequence[str] = (),
    markers: dict[str, list[float]] | None = None,
) -> dict[str, Any]:
    """A trigger point as content writes it; the label is the id in capitals ("TP1")."""
    return {
        "id": tp_id,
        "label": tp_id.upper(),
        "location": "Somewhere.",
        "markers": markers or {"posterior": [250, 470]},
        "essential_zones": list(essential),
        "spillover_zones": list(spillover),
    }
