"""Atlas-wide consistency checks that are advice rather than errors.

A record that breaks these still loads; `studyapp validate` lists them as warnings and the content
tests hold the bundled atlas to them.
"""

from __future__ import annotations

from studyapp.content.model import Atlas
from studyapp.content.yamlfile import Problem

MIN_SOURCES = 2


def lint_atlas(atlas: Atlas) -> list[Problem]:
    found: list[Problem] = []
    for muscle in atlas.muscles.values():
        if len(muscle.sources) < MIN_SOURCES:
            found.append(
                Problem(
                    muscle.file,
                    None,
                    "sources",
                    f"lists {len(muscle.sources)} source(s); at least {MIN_SOURCES} expected",
                )
            )
        notes = " ".join(muscle.notes).lower()
        for link in ("synergists", "antagonists"):
            for other_id in getattr(muscle, link):
                other = atlas.muscles[other_id]
                if muscle.id in getattr(other, link):
                    continue
                other_notes = " ".join(other.notes).lower()
                explained = other_id.replace("_", " ") in notes or muscle.id.replace("_", " ") in other_notes
                if not explained:
                    found.append(
                        Problem(
                            muscle.file,
                            None,
                            link,
                            f"lists '{other_id}' but '{other_id}' does not list '{muscle.id}' back "
                            "(add it there, or explain why in a note)",
                        )
                    )
    return found
