"""How long the loader takes to answer hostile content files of about 1 MiB (issue #18: under a second).

Run `python bench/content_bounds.py`: each input is written next to one good muscle file and the
whole atlas (region catalogue included) is loaded; the table shows the wall time and the answer.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studyapp.content.loader import load_atlas
from studyapp.content.yamlfile import MAX_FILE_BYTES, MAX_VALUES
from tests.helpers.atlas_files import make_root, muscle, write_muscle


def _zones(count: int, width: int = 11) -> str:
    ids = [f"zone_{i:06d}".ljust(width, "x") for i in range(count)]
    tp = {**muscle()["trigger_points"][0], "essential_zones": ids}
    return yaml.safe_dump(muscle(id="bad", name="Bad", aliases=[], trigger_points=[tp]), sort_keys=False)


def _fill(line: str, head: str = "id: bad\n") -> str:
    return head + line * ((MAX_FILE_BYTES - len(head)) // len(line))


INPUTS: dict[str, Callable[[], str]] = {
    "100k unknown zone ids (1.6 MB)": lambda: _zones(100_000),
    f"{MAX_VALUES - 100:,} unknown zone ids (0.3 MB)": lambda: _zones(MAX_VALUES - 100),
    f"{MAX_VALUES - 100:,} long unknown zone ids (1 MiB)": lambda: _zones(MAX_VALUES - 100, 46),
    "1 MiB of one text value": lambda: "id: bad\nname: " + "x" * (MAX_FILE_BYTES - 20) + "\n",
    "1 MiB of unknown fields": lambda: (
        "id: bad\n" + "".join(f"k{i}: 1\n" for i in range(MAX_VALUES // 2 - 10))
    ),
    "1 MiB of one repeated key": lambda: _fill("name: x\n"),
    "1 MiB of nested lists": lambda: "id: bad\nname: " + "[" * 500_000 + "]" * 500_000 + "\n",
    "1 MiB of aliases": lambda: "id: bad\na: &a [x]\nb: [" + "*a, " * 250_000 + "]\n",
    "1 MiB of short list items": lambda: "id: bad\nname: [" + "1," * 500_000 + "]\n",
}


def main() -> None:
    rows: list[tuple[str, float, str]] = []
    for name, make in INPUTS.items():
        with tempfile.TemporaryDirectory() as folder:
            root = make_root(Path(folder))
            write_muscle(root, muscle())
            (root / "muscles" / "hip_thigh" / "bad.yaml").write_text(make(), encoding="utf-8")
            start = time.perf_counter()
            result = load_atlas(root)
            elapsed = time.perf_counter() - start
            assert "test_muscle" in result.atlas.muscles
            first = next(str(p) for p in result.problems if "bad.yaml" in p.file)
            rows.append((name, elapsed, f"{len(result.problems)} problem(s): {first[:70]}"))
    width = max(len(name) for name, _, _ in rows)
    for name, elapsed, answer in rows:
        print(f"{name:<{width}}  {elapsed * 1000:7.0f} ms  {answer}")


if __name__ == "__main__":
    main()
