"""studyapp benchmarks: a table for people, `--json` for scripts.

Figures are medians, and the headline ones are ratios against a baseline measured in the same run
(a bare Qt window, Anki's own library), because absolute times on a shared machine drift.
Figure names are a contract: add new ones, never rename.
"""

from __future__ import annotations

import argparse
import compileall
import importlib
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Each figure's unit and the target an issue set for it (None: no target, just reported).
FIGURES: dict[str, tuple[str, float | None]] = {
    "startup_cold_s": ("s", None),
    "startup_s": ("s", None),
    "bare_qt_s": ("s", None),
    "startup_ratio": ("x bare Qt", 3.0),
    "atlas_load_ms": ("ms", None),
    "peak_rss_mib": ("MiB", None),
    "overlay_switch_ms": ("ms", 16),
    "pain_finder_ms": ("ms", 5),
    "picture_ms": ("ms", 100),  # compose + render one muscle's picture to PNG at 800x1000
    "search_ms": ("ms", 16),
    "search_ms_10k": ("ms", 50),
    "acupoint_layer_ms": ("ms", 16),
    "quiz_next_answer_ms": ("ms", None),
    "anki_next_answer_ms": ("ms", None),
    "quiz_vs_anki_ratio": ("x Anki", 1.0),
    "quiz_counts_ms": ("ms", None),
    "roster_5k_s": ("s", 10),
}

# Optional suites contributed by features; each module exposes run() -> dict[str, float].
SUITES = [
    "bench.bodychart_bench",
    "bench.search_bench",
    "bench.quiz_bench",
    "bench.course_bench",
    "bench.acupoint_bench",
]


def _add_interop_suite() -> None:
    """Anki export of the whole atlas with pictures (issue #16: under 20 s)."""
    FIGURES["apkg_export_s"] = ("s", 20)
    SUITES.append("bench.interop_bench")


_add_interop_suite()


def _probe(kind: str, folder: Path | None = None) -> tuple[float, float]:
    """Seconds to first paint as the probe measures it, and the children's peak RSS in MiB."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("STUDYAPP_DATA_DIR", None)  # the folder is passed explicitly; nothing else is used
    command = [sys.executable, str(ROOT / "bench" / "startup_probe.py"), kind]
    if folder is not None:
        command.append(str(folder))
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"startup probe '{kind}' failed: {done.stderr.strip()[-800:]}")
    first_paint = float(done.stdout.split()[0])
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child so far
    return first_paint, rss / 1024


def bench_startup(runs: int = 5) -> dict[str, float]:
    """Cold (no atlas cache), warm (cache from the cold run) and a bare window, interleaved.

    Every app run gets its own throw-away data folder, so the student's data folder is never read
    or written and "cold" really starts without a cache.
    """
    bare, cold, warm, ratios = [], [], [], []
    rss = 0.0
    # An installed app has its bytecode compiled (pip does it on install); a checkout run with
    # PYTHONDONTWRITEBYTECODE would otherwise compile every module on every start.
    compileall.compile_dir(ROOT / "studyapp", quiet=1)
    with tempfile.TemporaryDirectory(prefix="startup_bench_") as scratch:
        for run in range(runs):  # interleaved so drift on a shared machine hits all alike
            folder = Path(scratch) / f"data{run}"
            folder.mkdir()
            bare_s, _ = _probe("bare")
            cold_s, _ = _probe("app", folder)
            warm_s, rss = _probe("app", folder)  # the cold run left its atlas cache behind
            bare.append(bare_s)
            cold.append(cold_s)
            warm.append(warm_s)
            ratios.append(warm_s / bare_s)
    return {
        "startup_cold_s": statistics.median(cold),
        "startup_s": statistics.median(warm),
        "bare_qt_s": statistics.median(bare),
        "startup_ratio": statistics.median(ratios),
        "peak_rss_mib": rss,
    }


def bench_atlas_load(runs: int = 7) -> dict[str, float]:
    from studyapp.content.loader import load_atlas

    times = []
    for _ in range(runs):
        started = time.perf_counter()
        load_atlas()
        times.append((time.perf_counter() - started) * 1000)
    return {"atlas_load_ms": statistics.median(times)}


def collect(only: set[str] | None = None, quick: bool = False) -> tuple[dict[str, float], list[str]]:
    figures: dict[str, float] = {}
    notes: list[str] = []
    steps: list[tuple[str, Callable[[], dict[str, float]]]] = [
        ("startup", lambda: bench_startup(3 if quick else 5)),
        ("atlas", bench_atlas_load),
    ]
    for module_name in SUITES:
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            notes.append(f"{module_name}: not available ({exc})")
            continue
        steps.append((module_name.split(".")[-1].removesuffix("_bench"), module.run))
    for name, step in steps:
        if only and name not in only:
            continue
        print(f"measuring {name}...", file=sys.stderr, flush=True)
        try:
            figures.update(step())
        except Exception as exc:  # a broken suite must not hide the other figures
            notes.append(f"{name}: failed ({exc.__class__.__name__}: {exc})")
    return figures, notes


def table(figures: dict[str, float], notes: list[str]) -> str:
    lines = [f"{'figure':<24}{'value':>12}  {'unit':<11}{'target':>8}  ok", "-" * 62]
    for name, value in figures.items():
        unit, target = FIGURES.get(name, ("", None))
        ok = "" if target is None or math.isnan(value) else ("yes" if value <= target else "NO")
        target_text = "" if target is None else f"<= {target:g}"
        lines.append(f"{name:<24}{value:>12.3f}  {unit:<11}{target_text:>8}  {ok}")
    lines += [f"note: {n}" for n in notes]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print one JSON object of named figures")
    parser.add_argument("--only", nargs="*", help="run only these steps: startup atlas bodychart search quiz")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    figures, notes = collect(set(args.only) if args.only else None, args.quick)
    if args.json:
        print(json.dumps({k: (None if math.isnan(v) else round(v, 4)) for k, v in figures.items()}))
    else:
        print(table(figures, notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
