"""Anki packages: opened with Anki's own library, as a student's Anki would import them."""

from __future__ import annotations

import dataclasses
import html
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from studyapp.cli import main
from studyapp.interop.anki import NOTE_TYPES, write_apkg
from studyapp.interop.cards import select_items
from studyapp.interop.model import Item
from tests.helpers.interop import FakeRenderer, bundled_atlas


def _import(collection_path: Path, package: Path) -> tuple[object, object]:
    col = Collection(str(collection_path))
    request = ImportAnkiPackageRequest(package_path=str(package), options=ImportAnkiPackageOptions())
    return col, col.import_anki_package(request).log


def _hip_items() -> tuple[str, list[Item]]:
    return select_items(bundled_atlas(), "hip_thigh", choices=False)


def test_every_card_becomes_a_note_with_its_fields_tags_and_picture(tmp_path: Path) -> None:
    deck, items = _hip_items()
    package = tmp_path / "hip.apkg"
    renderer = FakeRenderer()
    assert write_apkg(items, package, deck, renderer) == len(items)

    col, log = _import(tmp_path / "collection.anki2", package)
    try:
        assert col.note_count() == len(items) == len(log.new)
        names = {nt["name"] for nt in col.models.all()}
        assert {n for n in names if n.startswith("studyapp")} == {
            f"studyapp: {NOTE_TYPES[item.kind].label}" for item in items
        }  # one note type per card type
        media = set(Path(col.media.dir()).iterdir())
        media_names = {p.name for p in media}
        assert media_names == {c.file_name for c in renderer.calls}
        by_id = {item.id: item for item in items}
        referral = next(i for i in items if i.kind == "referral")
        for note_id in col.find_notes("deck:studyapp*"):
            note = col.get_note(note_id)
            item = by_id[note["Id"]]
            assert html.unescape(note["Answer"]) == item.answer
            assert html.unescape(note["Prompt"]) == item.prompt
            assert "studyapp::area::hip_thigh" in note.tags
            assert all(f"studyapp::muscle::{m}" in note.tags for m in item.muscle_ids)
            if item.picture is not None:
                assert f'src="{item.picture.file_name}"' in note["Picture"]
                assert item.picture.file_name in media_names
        note = col.get_note(col.find_notes(f'"Id:{referral.id}"')[0])
        card = note.cards()[0]
        assert referral.picture is not None and referral.picture.file_name in card.question()
        assert referral.answer not in card.question()  # the picture asks; the name is the answer
        assert referral.answer in card.answer()
    finally:
        col.close()


def test_importing_a_newer_export_updates_notes_and_keeps_cards(tmp_path: Path) -> None:
    deck, items = _hip_items()
    first, second = tmp_path / "first.apkg", tmp_path / "second.apkg"
    write_apkg(items, first, deck, FakeRenderer(), timestamp=1_800_000_000)
    fixed = [dataclasses.replace(items[0], answer="A corrected answer"), *items[1:]]
    write_apkg(fixed, second, deck, FakeRenderer(), timestamp=1_800_086_400)

    col, _ = _import(tmp_path / "collection.anki2", first)
    try:
        cards_before = sorted(col.find_cards("deck:studyapp*"))
        request = ImportAnkiPackageRequest(package_path=str(second), options=ImportAnkiPackageOptions())
        log = col.import_anki_package(request).log
        assert len(log.new) == 0
        assert len(log.updated) == len(items)
        assert col.note_count() == len(items)
        assert sorted(col.find_cards("deck:studyapp*")) == cards_before  # same cards: progress kept
        note = col.get_note(col.find_notes(f'"Id:{items[0].id}"')[0])
        assert note["Answer"] == "A corrected answer"
    finally:
        col.close()


def test_note_types_and_decks_keep_their_ids_across_exports(tmp_path: Path) -> None:
    """Anki matches note types and decks by id: two exports made apart must agree."""
    deck, items = _hip_items()
    ids = []
    for name in ("a.apkg", "b.apkg"):
        col, _ = _import(tmp_path / f"{name}.anki2", _write(items, tmp_path / name, deck))
        try:
            ids.append(
                (
                    sorted(nt["id"] for nt in col.models.all() if nt["name"].startswith("studyapp")),
                    sorted(n.guid for n in map(col.get_note, col.find_notes("deck:studyapp*"))),
                )
            )
        finally:
            col.close()
    assert ids[0] == ids[1]


def _write(items: list[Item], path: Path, deck: str) -> Path:
    write_apkg(items, path, deck, FakeRenderer())
    return path


def test_the_command_exports_one_area_and_card_type_with_drawn_pictures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = tmp_path / "neck.apkg"
    argv = ["export", "--format", "apkg", "--deck", "neck", "--card-types", "referral", "-o", str(package)]
    status = main(argv)
    out = capsys.readouterr().out
    neck = [m for m in bundled_atlas().muscles.values() if m.area == "neck"]
    points = sum(len(m.trigger_points) for m in neck)
    assert status == 0 and f"Wrote {points} notes" in out
    col, _ = _import(tmp_path / "collection.anki2", package)
    try:
        assert col.note_count() == points
        assert {nt["name"] for nt in col.models.all() if nt["name"].startswith("studyapp")} == {
            "studyapp: Referral pattern → muscle"
        }
        media = list(Path(col.media.dir()).iterdir())
        assert len(media) == points
        assert all(p.read_bytes().startswith(b"\x89PNG") and p.stat().st_size > 2000 for p in media)
        decks = [d.name for d in col.decks.all_names_and_ids() if d.name.startswith("studyapp")]
        assert decks == ["studyapp", "studyapp::Neck"]  # Anki adds the parent of a sub-deck
    finally:
        col.close()
