"""Help ▸ Keyboard shortcuts, Help ▸ About and the loading-problems list."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from studyapp import __version__
from studyapp.content.files import Problem
from studyapp.content.model import Atlas
from studyapp.ui.quiz_keys import key_rows

LICENCES = (
    ("PySide6 (Qt for Python)", "LGPL-3.0", "https://www.qt.io/qt-for-python"),
    ("PyYAML", "MIT", "https://pyyaml.org/"),
    ("RapidFuzz", "MIT", "https://github.com/rapidfuzz/RapidFuzz"),
    ("fsrs (Free Spaced Repetition Scheduler)", "MIT", "https://github.com/open-spaced-repetition/py-fsrs"),
)

# Keys that are not menu actions but still do something; listed so the help is complete.
EXTRA_KEYS = (
    ("Enter (in the search box)", "Open the first muscle in the list"),
    ("Down (in the search box)", "Move into the muscle list"),
    ("Escape (in the search box)", "Clear the search"),
    ("Up / Down (in the list)", "Show the previous / next muscle"),
    ("Tab / Shift+Tab (in the details)", "Move between links; Enter follows one"),
    ("Mouse back / forward buttons", "Back / forward in history"),
)


def _table(rows: Sequence[tuple[str, ...]], headers: Sequence[str], name: str) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(True)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    header = table.horizontalHeader()
    for c in range(len(headers) - 1):
        # Fit short columns, but never let a long path squeeze the last (explanatory) column.
        header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(c, min(table.sizeHintForColumn(c) + 12, 300))
    header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    table.resizeRowsToContents()
    return table


def table_rows(table: QTableWidget) -> list[list[str]]:
    """The text of every cell, row by row (what a screen reader would read out)."""
    return [
        [item.text() if (item := table.item(r, c)) is not None else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def shortcut_rows(actions: Sequence[QAction]) -> list[tuple[str, str]]:
    """(keys, what it does) for every action that has a shortcut, the quiz and exam keys (from the
    table the quiz binds them from), then the extra keys."""
    rows = []
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        if keys:
            rows.append((" or ".join(dict.fromkeys(keys)), action.text().replace("&", "")))
    return rows + key_rows() + list(EXTRA_KEYS)


class ShortcutsDialog(QDialog):
    def __init__(self, actions: Sequence[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.table = _table(shortcut_rows(actions), ("Keys", "Action"), "Keyboard shortcuts")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 520)


def about_html(atlas: Atlas) -> str:
    citations = sorted({s.citation for m in atlas.muscles.values() for s in m.sources}, key=str.lower)
    muscles = len(atlas.muscles)
    points = atlas.trigger_point_count()
    parts = [
        f"<h2>studyapp {escape(__version__)}</h2>",
        "<p>An offline muscle atlas with trigger-point referral charts and flashcards for "
        "massage-therapy and acupuncture students. It is a study aid, not a clinical guideline.</p>",
        f"<p>This atlas: {muscles} muscles, {points} trigger points.</p>",
        "<h3>Licences</h3><p>studyapp is released under the MIT licence. It is built on:</p><ul>",
        *(
            f'<li>{escape(n)} — {escape(lic)} (<a href="{url}">{escape(url)}</a>)</li>'
            for n, lic, url in LICENCES
        ),
        "</ul><p>PySide6 is used unmodified as a dynamically linked library under the LGPL-3.0; you may "
        "replace it with your own build of Qt for Python.</p>",
        f"<h3>Sources cited in the atlas ({len(citations)})</h3>",
        "<ol>" + "".join(f"<li>{escape(c)}</li>" for c in citations) + "</ol>"
        if citations
        else "<p>No records loaded.</p>",
    ]
    return "".join(parts)


class AboutDialog(QDialog):
    def __init__(self, atlas: Atlas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About studyapp")
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(True)
        self.text.setAccessibleName("About studyapp")
        self.text.setHtml(about_html(atlas))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(620, 560)


class ProblemsDialog(QDialog):
    """Non-modal list of what the loader skipped or dropped, so authors can fix the files."""

    def __init__(
        self, problems: Sequence[Problem], skipped: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Loading problems")
        self.setModal(False)
        self.setWindowModality(Qt.WindowModality.NonModal)
        summary = f"{len(problems)} problem(s) were found while loading the atlas."
        if skipped:
            summary += f" {len(skipped)} record(s) were left out: {', '.join(skipped)}."
        summary += " Broken links were dropped from otherwise good records; everything else is available."
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        rows = [(p.file, str(p.line or ""), p.field, p.message) for p in problems]
        self.table = _table(rows, ("File", "Line", "Field", "Problem"), "Loading problems")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(860, 420)
