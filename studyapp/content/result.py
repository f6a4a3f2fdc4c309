"""What loading the atlas gives: the atlas and the problems found, in a module that parses nothing.

The atlas cache rebuilds a `LoadResult` at every start; keeping the class apart from `loader` means
a start with a warm cache imports neither the loader's checks nor the YAML parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from studyapp.content.files import Problem
from studyapp.content.model import Atlas

if TYPE_CHECKING:
    from studyapp.content.i18n import TranslationReport


@dataclass(slots=True)
class LoadResult:
    atlas: Atlas
    problems: list[Problem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "file (muscle id)" of records left out
    old_files: list[str] = field(default_factory=list)  # version 1 files (`studyapp migrate` them)
    translation: TranslationReport | None = None  # when a language other than English was asked

    @property
    def ok(self) -> bool:
        return not self.problems
