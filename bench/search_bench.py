"""Search-as-you-type speed: one keystroke, from the text change to the list model and view updated.

`search_ms` types real queries into the real window over the bundled atlas; `search_ms_10k` does the
same over a synthetic atlas of 10,000 muscles (real records renamed from word pools, so names, aliases
and facets look like the real thing). Both are medians over every keystroke.
"""

from __future__ import annotations

import dataclasses
import itertools
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

from studyapp.content.model import Atlas, Muscle  # noqa: E402

REAL_QUERIES = ["glut med", "TFL", "piriformus", "SCM", "quadratus lumborum", "lev scap", "vastus lat"]
# Searches from the complaint (conditions, roots, acupoints, actions) must stay as fast as names.
COMPLAINT_QUERIES = ["sciatica", "tennis elbow", "L5", "GB30", "hip abduction", "jaw pain"]
SYNTHETIC_QUERIES = ["flex dig", "abductr hallucis", "lev scap", "ext carpi rad", "tfl", "deep rotator"]

_PREFIXES = [
    "anterior",
    "posterior",
    "superior",
    "inferior",
    "medial",
    "lateral",
    "deep",
    "superficial",
    "long",
    "short",
    "great",
    "lesser",
    "transverse",
    "oblique",
    "upper",
    "lower",
    "middle",
    "accessory",
    "internal",
    "external",
]
_CORES = [
    "flexor",
    "extensor",
    "abductor",
    "adductor",
    "rotator",
    "levator",
    "depressor",
    "tensor",
    "sphincter",
    "constrictor",
    "dilator",
    "compressor",
    "elevator",
    "pronator",
    "supinator",
    "opponens",
    "interosseous",
    "lumbrical",
    "serratus",
    "rhomboid",
    "scalene",
    "gluteal",
    "pectoral",
    "deltoid",
    "trapezoid",
]
_SUFFIXES = [
    "digitorum",
    "hallucis",
    "pollicis",
    "carpi",
    "scapulae",
    "capitis",
    "cervicis",
    "thoracis",
    "lumborum",
    "femoris",
    "tibialis",
    "radialis",
    "ulnaris",
    "costarum",
    "labii",
    "oris",
    "nasi",
    "palpebrae",
    "auris",
    "mandibulae",
]


def synthetic_atlas(base: Atlas, count: int = 10_000) -> Atlas:
    """`count` muscles cloned from `base`'s records with new ids, names and aliases."""
    templates = list(base.muscles.values())
    if not templates:
        raise RuntimeError("the bundled atlas has no muscles to clone")
    names = itertools.product(_PREFIXES, _CORES, _SUFFIXES)
    muscles: dict[str, Muscle] = {}
    for i, (prefix, core, suffix) in enumerate(itertools.islice(names, count)):
        template = templates[i % len(templates)]
        mid = f"syn_{i:05d}"
        name = f"{core.capitalize()} {suffix} {prefix}"
        muscles[mid] = dataclasses.replace(
            template,
            id=mid,
            name=name,
            latin_name=f"Musculus {core} {suffix} {prefix}",
            aliases=(f"{core[:4]} {suffix[:4]}", f"{core[0]}{suffix[0]}{prefix[0]}".upper()),
            group=f"{core.capitalize()} group",
            synergists=(),
            antagonists=(),
            associated_muscles=(),
        )
    return Atlas(muscles, base.regions, base.views, base.areas)


def keystroke_times(atlas: Atlas, queries: list[str]) -> list[float]:
    """Milliseconds per keystroke while typing each query into a shown main window."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from studyapp.storage.userdata import UserData
    from studyapp.ui.app import application
    from studyapp.ui.main_window import MainWindow

    app = application(["bench"])
    times: list[float] = []
    with tempfile.TemporaryDirectory() as scratch:
        settings = QSettings(str(Path(scratch) / "s.ini"), QSettings.Format.IniFormat)
        store = UserData.in_memory()
        window = MainWindow(
            atlas,
            store,
            settings,
            panel_factories={key: None for key in ("chart", "finder", "quiz", "progress")},
        )
        window.resize(1400, 900)
        window.show()
        app.processEvents()
        box = window.navigator.search_box
        for query in queries:
            box.clear()
            app.processEvents()
            for end in range(1, len(query) + 1):
                started = time.perf_counter()
                box.setText(query[:end])  # textChanged runs the search and refills the model
                app.processEvents()  # layout and paint of the list
                times.append((time.perf_counter() - started) * 1000)
        window.close()
        window.deleteLater()
        QApplication.processEvents()
        store.close()
    return times


def run() -> dict[str, float]:
    from studyapp.content.loader import load_atlas

    real = load_atlas().atlas
    return {
        "search_ms": statistics.median(keystroke_times(real, (REAL_QUERIES + COMPLAINT_QUERIES) * 3)),
        "search_ms_10k": statistics.median(keystroke_times(synthetic_atlas(real), SYNTHETIC_QUERIES * 2)),
    }


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value:.2f} ms")
