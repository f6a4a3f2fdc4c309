"""Generate the body chart: resources/bodychart/geometry.json and one SVG per view.

    .venv/bin/python tools/bodychart/generate.py          # write the files
    .venv/bin/python tools/bodychart/generate.py --check  # exit 1 if the files are out of date

The figure is described in chartgen/ (one module per body part or view); see its README.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from chartgen.build import RESOURCES, build_geometry, dumps, svg_for


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="only compare with the files on disk")
    parser.add_argument("--only", nargs="*", help="build only these views (while working on them)")
    parser.add_argument("--out", type=Path, default=RESOURCES, help="folder to write to (default: resources)")
    args = parser.parse_args(argv)
    geometry = build_geometry(set(args.only) if args.only else None)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    files = {out / "geometry.json": dumps(geometry)}
    for view_id, view in geometry["views"].items():
        files[out / f"{view_id}.svg"] = svg_for(view_id, view)
    stale = [p for p, text in files.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for p in stale:
            print(f"out of date: {p}")
        return 1 if stale else 0
    for p in stale:
        p.write_text(files[p], encoding="utf-8")
        print(f"wrote {p}")
    regions = sum(len(v["regions"]) for v in geometry["views"].values())
    print(f"{len(geometry['views'])} views, {regions} region shapes, {len(json.dumps(geometry)) // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
