"""`studyapp export --format ...` and CSV: bad input is one line and exit 2, files are whole or absent."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from fsrs import State
from pytestqt.qtbot import QtBot

from studyapp.cli import main
from studyapp.interop.atomic import atomic_path
from studyapp.interop.errors import ExportError
from studyapp.quiz.store import CardState, ReviewStore
from tests.helpers.clock import Clock
from tests.helpers.interop import bundled_atlas


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--format", "docx"], "unknown format 'docx'; use one of json, apkg, moodle-xml, gift, qti, csv"),
        (["--format", "apkg", "--deck", "feet"], "unknown deck 'feet'; use 'all', a body area (head_face"),
        (["--format", "gift", "--card-types", "origin", "spelling"], "unknown card type 'spelling'"),
        (["--format", "csv", "--table", "notes"], "unknown table 'notes'"),
        (["--format", "qti"], "--format qti needs -o FILE"),
    ],
)
def test_bad_requests_are_one_line_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    output = [] if "qti" in argv else ["-o", str(folder / "out")]
    status, out, err = _run(capsys, "export", *argv, *output)
    assert status == 2
    assert out == ""
    assert err.startswith("studyapp: error: ") and message in err
    assert err.count("\n") == 1
    assert list(folder.iterdir()) == []


def test_unwritable_places_are_refused_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    targets = [tmp_path / "missing" / "deck.apkg", tmp_path]
    if os.geteuid() != 0:  # root may write anywhere, so a locked folder only stops other users
        targets.append(locked / "deck.apkg")
    try:
        for target in targets:
            status, _, err = _run(capsys, "export", "--format", "gift", "-o", str(target))
            assert status == 2
            assert err.startswith(f"studyapp: error: cannot write {target}") and err.count("\n") == 1
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_a_failed_write_leaves_no_partial_file_and_keeps_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "bank.xml"
    target.write_text("the previous export", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_path(target) as temporary:
        temporary.write_text("half a new", encoding="utf-8")
        raise RuntimeError("disk full halfway")
    assert target.read_text(encoding="utf-8") == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank.xml"]


def test_a_write_that_cannot_finish_is_an_export_error_without_leftovers(tmp_path: Path) -> None:
    target = tmp_path / "deck.apkg"
    with pytest.raises(ExportError, match="cannot write"), atomic_path(target) as temporary:
        temporary.unlink()  # the final rename now fails
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_json_to_a_file_is_the_same_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "export")
    assert status == 0
    printed = json.loads(out)
    target = tmp_path / "atlas.json"
    status, _, _ = _run(capsys, "export", "--format", "json", "-o", str(target))
    assert status == 0
    assert json.loads(target.read_text(encoding="utf-8")) == printed


def test_atlas_csv_has_a_header_and_a_row_per_muscle_or_trigger_point(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    atlas = bundled_atlas()
    muscles, points = tmp_path / "muscles.csv", tmp_path / "points.csv"
    assert _run(capsys, "export", "--format", "csv", "-o", str(muscles))[0] == 0
    assert _run(capsys, "export", "--format", "csv", "--table", "trigger-points", "-o", str(points))[0] == 0
    raw = muscles.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # no byte-order mark unless asked
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert len(rows) == len(atlas.muscles)
    first = next(iter(atlas.muscles.values()))
    assert rows[0]["id"] == first.id and rows[0]["origin"] == first.origin
    assert rows[0]["roots"] == "; ".join(first.innervation.roots)
    tp_rows = list(csv.DictReader(io.StringIO(points.read_text(encoding="utf-8"), newline="")))
    assert len(tp_rows) == sum(len(m.trigger_points) for m in atlas.muscles.values())
    assert {"muscle_id", "trigger_point_id", "essential_zones"} <= tp_rows[0].keys()


def test_bom_on_request(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "muscles.csv"
    assert _run(capsys, "export", "--format", "csv", "--bom", "-o", str(target))[0] == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfid,name,")


def test_review_history_csv_reads_the_store_without_changing_it(
    isolated_data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = Clock()
    store = ReviewStore.open(isolated_data_dir, now=clock, keep_backups=0)
    kept = CardState.new("gluteus_minimus:origin", clock())
    after = CardState("gluteus_minimus:origin", State.Review, None, 3.0, 5.0, clock(), clock())
    store.record_answer(None, after, 3, clock(), 4200, "choice")
    clock.advance(minutes=1)
    undone = store.record_answer(None, after, 1, clock(), 900, "typed")
    store.undo(undone, clock())
    store.close()
    database = isolated_data_dir / "reviews.sqlite3"
    before = database.read_bytes()
    target = tmp_path / "reviews.csv"
    status, out, _ = _run(capsys, "export", "--format", "csv", "--table", "reviews", "-o", str(target))
    assert status == 0 and "Wrote 1 reviews rows" in out
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    assert rows == [
        {
            "time_utc": "2025-03-03T12:00:00Z", "card_id": kept.card_id, "muscle_id": "gluteus_minimus",
            "card_type": "origin", "rating": "3", "rating_label": "good", "state_before": "new",
            "duration_ms": "4200", "mode": "choice",
        }
    ]  # fmt: skip
    assert database.read_bytes() == before


def test_review_history_without_a_store_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = _run(
        capsys, "export", "--format", "csv", "--table", "reviews", "-o", str(tmp_path / "r.csv")
    )
    assert status == 2 and "no review history" in err


@pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")
def test_the_export_dialog_writes_an_anki_package_of_one_area(qtbot: QtBot, tmp_path: Path) -> None:
    """File > Export does what `studyapp export` does, with the chart's pictures."""
    import zipfile

    from studyapp.content.loader import load_atlas
    from studyapp.ui.export_dialog import ExportDialog, run_export

    atlas = load_atlas().atlas
    dialog = ExportDialog(atlas)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentText("Anki package (.apkg)")
    dialog.deck.setCurrentIndex(dialog.deck.findData("head_face"))
    summary = run_export(dialog.request(tmp_path / "head.apkg"), atlas, tmp_path)
    assert summary.startswith("Wrote ") and "notes (apkg)" in summary
    with zipfile.ZipFile(tmp_path / "head.apkg") as package:
        names = package.namelist()
    assert "media" in names and any(n.isdigit() for n in names)  # pictures travel with the notes
