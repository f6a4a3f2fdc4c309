"""Anki export speed: `apkg_export_s` is the whole atlas written as an .apkg with every referral picture.

It times what `studyapp export --format apkg -o FILE` does after the atlas is loaded: generating the
cards, drawing each referral picture offscreen, and writing the package. The median of a few runs.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def run(runs: int = 3) -> dict[str, float]:
    from studyapp.content.loader import load_atlas
    from studyapp.interop.commands import ExportRequest, export
    from studyapp.ui.referral_pictures import picture_renderer

    atlas = load_atlas().atlas
    times = []
    with tempfile.TemporaryDirectory(prefix="studyapp-bench-") as scratch:
        for i in range(runs):
            request = ExportRequest("apkg", Path(scratch) / f"atlas{i}.apkg")
            started = time.perf_counter()
            export(request, atlas, Path(scratch), picture_renderer)
            times.append(time.perf_counter() - started)
    return {"apkg_export_s": statistics.median(times)}


if __name__ == "__main__":
    print(run())
