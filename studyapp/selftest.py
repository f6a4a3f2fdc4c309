"""`studyapp --self-test`: prove an installation works, offscreen, without touching user data.

Used by the packaging script on the frozen bundle and by support ("run this and send me the
output"). Each check returns one line; the exit status is 0 only when all pass.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

CheckResult = tuple[bool, str]


def check_resources() -> CheckResult:
    from studyapp.content.loader import load_atlas

    result = load_atlas()
    atlas = result.atlas
    if result.problems:
        first = result.problems[0]
        return False, f"{len(result.problems)} content problem(s), first: {first}"
    if not atlas.muscles or not atlas.regions:
        return False, "no muscles or regions were found in the bundled resources"
    counts = f"{len(atlas.muscles)} muscles, {atlas.trigger_point_count()} trigger points"
    return True, f"{counts}, {len(atlas.regions)} regions"


def check_svg() -> CheckResult:
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    from studyapp.paths import resource

    files = [resource("icons", "studyapp.svg"), *sorted(resource("bodychart").glob("*.svg"))]
    for path in files:
        renderer = QSvgRenderer(str(path))
        if not renderer.isValid():
            return False, f"{path.name} could not be parsed"
        image = QImage(64, 64, QImage.Format.Format_ARGB32)
        image.fill(0)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        if not any(image.pixel(x, y) >> 24 for x in range(0, 64, 4) for y in range(0, 64, 4)):
            return False, f"{path.name} rendered empty"
    return True, f"{len(files)} SVG file(s) rendered"


def exercise_reviews(folder: Path) -> str:
    """Answer, undo, back up and integrity-check a review store in `folder`, on the bundled atlas."""
    from fsrs import Rating

    from studyapp.content.loader import load_atlas
    from studyapp.quiz.cards import generate_cards
    from studyapp.quiz.store import ReviewStore
    from studyapp.quiz.study import Study, StudySettings
    from studyapp.storage.backups import list_backups
    from studyapp.storage.verify import check_file

    now = datetime.now(UTC)
    store = ReviewStore.open(folder, now=lambda: now)
    try:
        cards = generate_cards(load_atlas().atlas)
        study = Study(store, cards, StudySettings(fuzz=False), now=lambda: now)
        card = study.next_card()
        if card is None:
            raise RuntimeError("the bundled atlas offered no card")
        study.answer(card.id, Rating.Good)
        if study.undo() != card or store.state(card.id) is not None:
            raise RuntimeError("undo did not restore the card")
        logged = [e.kind for e in store.entries()]
        store.db.backup(folder / "backups", now)  # what the next start would do: a verified copy
    finally:
        store.close()
    if logged != ["review", "undo"]:
        raise RuntimeError(f"unexpected review log {logged}")
    backups = list_backups(folder / "backups", "reviews")
    problem = check_file(ReviewStore.path_in(folder)) or (
        check_file(backups[0].path) if backups else "no backup"
    )
    if problem:
        raise RuntimeError(f"review database check failed: {problem}")
    return "reviews (answer, undo, backup, integrity)"


def check_data_store() -> CheckResult:
    from studyapp.storage.selfcheck import exercise_notes

    with tempfile.TemporaryDirectory(prefix="studyapp-selftest-") as folder:
        reviews = exercise_reviews(Path(folder))
        notes = exercise_notes(Path(folder))
    return True, f"{reviews} and {notes}"


def check_window() -> CheckResult:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from studyapp.ui.app import create_main_window

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="studyapp-selftest-") as folder:
        # never read or change the student's own settings, notes or reviews
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = create_main_window(app, settings=settings, folder=Path(folder))  # type: ignore[arg-type]
        window.resize(1200, 800)
        window.show()
        app.processEvents()
        image = window.grab().toImage()
        window.close()
        window.state.close()
        window.store.close()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 37)}
    if image.isNull() or len(colours) < 4:
        return False, "the main window rendered blank"
    return True, f"main window rendered at {image.width()}x{image.height()}"


CHECKS: list[tuple[str, Callable[[], CheckResult]]] = [
    ("resources", check_resources),
    ("svg", check_svg),
    ("data store", check_data_store),
    ("window", check_window),
]


def run_self_test(print_line: Callable[[str], None] = print) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    failures = 0
    for name, check in CHECKS:
        started = time.perf_counter()
        try:
            ok, detail = check()
        except Exception as exc:  # a self-test reports, it does not crash
            ok, detail = False, f"{exc.__class__.__name__}: {exc}"
        failures += not ok
        print_line(f"{'ok  ' if ok else 'FAIL'} {name:<11} {detail} ({time.perf_counter() - started:.2f} s)")
    print_line("self-test passed" if failures == 0 else f"self-test FAILED ({failures} check(s))")
    return 0 if failures == 0 else 1
