"""Anki packages (.apkg) written with genanki: one note type per card type, pictures as media.

Importing a newer export must update the student's notes and keep their Anki progress, so every id
Anki keys on is derived from our stable ids and never from wording or time: a note's GUID from the
card id, a note type's id from the card type, a deck's id from its name.
"""

from __future__ import annotations

import hashlib
import html
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import genanki

from studyapp.interop.atomic import atomic_path
from studyapp.interop.model import Item, PictureRenderer
from studyapp.interop.pictures import render_all

FIELDS = ["Id", "Prompt", "Options", "Picture", "Answer", "Details", "Area"]

CSS = """\
.card { font-family: -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; font-size: 20px;
  line-height: 1.4; text-align: left; color: #1d1d1f; background: #ffffff; padding: 0 4px; }
.card.nightMode, .nightMode .card { color: #ececec; background: #1f1f1f; }
.prompt { font-weight: 600; margin-bottom: 0.6em; }
.options { margin: 0.4em 0 0.8em 1.2em; padding: 0; }
.answer { font-size: 1.1em; }
.details { margin-top: 0.8em; font-size: 0.85em; opacity: 0.8; }
.area { margin-top: 1em; font-size: 0.7em; opacity: 0.6; text-transform: uppercase; letter-spacing: 0.05em; }
.picture img { display: block; max-width: 100%; max-height: 60vh; height: auto; margin: 0.5em auto;
  border-radius: 6px; }
hr#answer { margin: 0.8em 0; }
"""

_PROMPT = '<div class="prompt">{{Prompt}}</div>{{#Options}}<ol class="options">{{Options}}</ol>{{/Options}}'
_PICTURE = '{{#Picture}}<div class="picture">{{Picture}}</div>{{/Picture}}'
_ANSWER = '<div class="answer">{{Answer}}</div>{{#Details}}<div class="details">{{Details}}</div>{{/Details}}'
_AREA = '<div class="area">{{Area}}</div>'


@dataclass(frozen=True, slots=True)
class NoteType:
    kind: str
    label: str
    picture_on_front: bool  # the picture is the question (else it comes with the answer)


# Card types of the quiz, plus instructors' course questions; unknown kinds get a generic type.
NOTE_TYPES = {
    "origin_to_muscle": NoteType("origin_to_muscle", "Origin → muscle", False),
    "origin": NoteType("origin", "Origin", False),
    "insertion": NoteType("insertion", "Insertion", False),
    "insertion_to_muscle": NoteType("insertion_to_muscle", "Insertion → muscle", False),
    "actions": NoteType("actions", "Actions", False),
    "action": NoteType("action", "Action", False),
    "innervation": NoteType("innervation", "Innervation", False),
    "roots": NoteType("roots", "Spinal roots", False),
    "referral": NoteType("referral", "Referral pattern → muscle", True),
    "click_referral": NoteType("click_referral", "Muscle → referral pattern", False),
    "which_muscles": NoteType("which_muscles", "Pain region → muscles", False),
    "needling": NoteType("needling", "Needling safety", False),
    "needling_risk": NoteType("needling_risk", "Needling: structure at risk", False),
    "click_muscle": NoteType("click_muscle", "Where does it lie?", False),
    "name_highlighted": NoteType("name_highlighted", "Highlighted muscle → name", False),
    "course": NoteType("course", "Course question", True),
}


def stable_id(*parts: str) -> int:
    """A 31-bit positive id from text, identical on every machine and run (Anki wants ints)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def note_type(kind: str) -> genanki.Model:
    spec = NOTE_TYPES.get(kind) or NoteType(kind, kind.replace("_", " ").capitalize(), False)
    if spec.picture_on_front:
        front = _PROMPT + _PICTURE
        back = "{{FrontSide}}<hr id=answer>" + _ANSWER + _AREA
    else:
        front = _PROMPT
        back = "{{FrontSide}}<hr id=answer>" + _ANSWER + _PICTURE + _AREA
    return genanki.Model(
        stable_id("studyapp note type", kind),
        f"studyapp: {spec.label}",
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": spec.label, "qfmt": front, "afmt": back}],
        css=CSS,
        sort_field_index=FIELDS.index("Prompt"),
    )


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _tag(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "_-." else "_" for ch in text)


def tags(item: Item) -> list[str]:
    """Hierarchical tags (Anki shows `a::b` as a tree): the body area and every muscle named."""
    found = ["studyapp", f"studyapp::type::{_tag(item.kind)}"]
    if item.area:
        found.append(f"studyapp::area::{_tag(item.area)}")
    found += [f"studyapp::muscle::{_tag(m)}" for m in item.muscle_ids]
    return found


def note_guid(item: Item) -> str:
    return str(genanki.guid_for("studyapp", item.id))


def _options(item: Item) -> str:
    """Course questions show their choices (the question may say "which of these"); cards do not."""
    if item.kind != "course" or not item.choices:
        return ""
    return "".join(f"<li>{_html(c.text)}</li>" for c in item.choices)


def build_notes(
    items: Sequence[Item], deck_name: str, pictures: dict[str, str], subdecks: bool
) -> list[genanki.Deck]:
    """Decks of notes; `pictures` maps an item id to its media file name; `subdecks` splits by area."""
    models: dict[str, genanki.Model] = {}
    decks: dict[str, genanki.Deck] = {}
    for item in items:
        name = f"{deck_name}::{item.category}" if subdecks and item.category else deck_name
        deck = decks.get(name)
        if deck is None:
            deck = decks[name] = genanki.Deck(stable_id("studyapp deck", name), name)
        model = models.get(item.kind)
        if model is None:
            model = models[item.kind] = note_type(item.kind)
        file_name = pictures.get(item.id, "")
        picture = f'<img src="{html.escape(file_name)}" alt="Referral pattern">' if file_name else ""
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[
                    _html(item.id),
                    _html(item.prompt),
                    _options(item),
                    picture,
                    _html(item.answer),
                    _html(item.feedback),
                    _html(item.category),
                ],
                tags=tags(item),
                guid=note_guid(item),
            )
        )
    return list(decks.values())


def write_apkg(
    items: Sequence[Item],
    target: Path,
    deck_name: str,
    renderer: PictureRenderer | None,
    *,
    subdecks: bool = False,
    media_root: Path | None = None,
    timestamp: float | None = None,
) -> int:
    """Write the package atomically; returns the number of notes.

    `media_root` is the course folder that an item's `picture_file` is relative to. `timestamp`
    (default: now) stamps the notes; Anki updates a note on import only when the stamp is newer.
    """
    with tempfile.TemporaryDirectory(prefix="studyapp-apkg-") as scratch:
        files = render_all(items, renderer, Path(scratch), media_root)
        decks = build_notes(items, deck_name, {k: v.name for k, v in files.items()}, subdecks)
        package = genanki.Package(decks, media_files=sorted({str(p) for p in files.values()}))
        with atomic_path(target) as temporary:
            package.write_to_file(str(temporary), timestamp=timestamp)
    return len(items)
