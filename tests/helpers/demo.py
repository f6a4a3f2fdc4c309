"""The demo atlas: eight hand-written muscle records in tests/fixtures/demo_atlas, loaded by the real loader.

Tests must not depend on the bundled atlas, which is written and corrected independently; this one
is fixed. Its regions are a subset of the bundled catalogue with the same sides (see
tests/test_demo_atlas.py), so a fixture cannot drift from what the app draws.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from studyapp.content.loader import load_atlas
from studyapp.content.model import Atlas

DEMO_ROOT = Path(__file__).resolve().parents[1] / "fixtures" / "demo_atlas"


@cache
def demo_atlas() -> Atlas:
    result = load_atlas(DEMO_ROOT)
    if result.problems:
        raise AssertionError(f"the demo atlas fixture has problems: {result.problems}")
    return result.atlas
