"""The detail pane: the whole record, a favourite star and the student's own notes.

Notes are written to the store a moment after typing stops (and at once when the muscle changes or
the window closes), and every write is committed, so a crash loses at most the last few keystrokes.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studyapp.content.model import Atlas
from studyapp.storage.errors import StorageError
from studyapp.storage.userdata import UserData
from studyapp.ui import detail_html
from studyapp.ui.qtcompat import emit
from studyapp.ui.theme import LIGHT, Colours

NOTE_SAVE_DELAY_MS = 400
READABLE_WIDTH_EM = 46  # about 75 characters a line


class _ReadableBrowser(QTextBrowser):
    """Keeps lines to a readable length by centring the text column in wide windows."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        # event.size() is the viewport's, which the margins change: measure the whole widget instead.
        limit = self.fontMetrics().horizontalAdvance("m") * READABLE_WIDTH_EM
        spare = max(0, self.width() - limit - self.verticalScrollBar().sizeHint().width())
        margins = (spare // 2, 0, spare - spare // 2, 0)
        if self.viewportMargins().left() != margins[0] or self.viewportMargins().right() != margins[2]:
            self.setViewportMargins(*margins)
        super().resizeEvent(event)


class DetailPane(QWidget):
    linkActivated = Signal(str)
    favouriteChanged = Signal(str, bool)
    collapsedChanged = Signal()

    def __init__(self, atlas: Atlas, store: UserData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._atlas = atlas
        self._store = store
        self._colours: Colours = LIGHT
        self._base_pt = 11.0
        self._collapsed: set[str] = set()
        self.muscle_id = ""
        self._lookups = detail_html.Lookups(
            muscle_names={mid: m.name for mid, m in atlas.muscles.items()},
            region_labels={rid: r.label for rid, r in atlas.regions.items()},
            area_labels={aid: a.label for aid, a in atlas.areas.items()},
        )

        self.title = QLabel()
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setWordWrap(True)
        self.title.setAccessibleName("Muscle name")
        self.title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.favourite_button = QToolButton()
        self.favourite_button.setCheckable(True)
        self.favourite_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.favourite_button.setAccessibleName("Favourite")
        self.favourite_button.setToolTip("Mark as favourite (Ctrl+D)")
        self.favourite_button.toggled.connect(self._on_favourite_toggled)

        self.browser = _ReadableBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Muscle details")
        self.browser.anchorClicked.connect(self._on_anchor)
        self.browser.document().setDocumentMargin(12)
        # The side margins of a centred column should look like the page, not like the window.
        self.browser.setBackgroundRole(QPalette.ColorRole.Base)
        self.browser.setAutoFillBackground(True)

        self.notes_label = QLabel("My notes")
        self.notes_status = QLabel()
        self.notes_status.setAccessibleName("Notes save status")
        self.notes = QPlainTextEdit()
        self.notes.setMinimumHeight(60)
        self.notes.setAccessibleName("Personal notes")
        self.notes.setPlaceholderText("Your own notes on this muscle — saved automatically (Ctrl+E)")
        self.notes.setTabChangesFocus(True)
        self.notes.textChanged.connect(self._on_notes_edited)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_note)
        self._note_dirty = False
        self._unsaved: dict[str, str] = {}  # notes the disk refused, kept until a save succeeds

        header = QHBoxLayout()
        header.setContentsMargins(12, 8, 12, 4)
        header.addWidget(self.title, 1)
        header.addWidget(self.favourite_button, 0, Qt.AlignmentFlag.AlignTop)
        notes_box = QWidget()
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.setContentsMargins(6, 4, 6, 6)
        notes_header = QHBoxLayout()
        notes_header.addWidget(self.notes_label)
        notes_header.addStretch(1)
        notes_header.addWidget(self.notes_status)
        notes_layout.addLayout(notes_header)
        notes_layout.addWidget(self.notes)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("detailSplitter")
        self.splitter.addWidget(self.browser)
        self.splitter.addWidget(notes_box)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([520, 130])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.splitter, 1)
        self.show_muscle("")

    # appearance

    def set_colours(self, colours: Colours) -> None:
        self._colours = colours
        self._render(keep_scroll=True)

    def set_base_point_size(self, points: float) -> None:
        self._base_pt = points
        font = QFont(self.notes.font())
        font.setPointSizeF(points)
        self.notes.setFont(font)
        self.browser.setFont(font)
        self._render(keep_scroll=True)

    def collapsed_sections(self) -> set[str]:
        return set(self._collapsed)

    def set_collapsed_sections(self, keys: Iterable[str]) -> None:
        self._collapsed = set(keys) & set(detail_html.SECTION_KEYS)
        self._render(keep_scroll=True)

    def set_all_sections_collapsed(self, collapsed: bool) -> None:
        self._collapsed = set(detail_html.SECTION_KEYS) if collapsed else set()
        self._render(keep_scroll=False)
        emit(self.collapsedChanged)

    # content

    def show_muscle(self, muscle_id: str) -> None:
        if self._note_dirty:
            self.save_note()
            if self._note_dirty:  # refused (disk full, read-only): keep the text for this muscle
                self._unsaved[self.muscle_id] = self.notes.toPlainText()
                self._note_dirty = False
        self.muscle_id = muscle_id if muscle_id in self._atlas.muscles else ""
        has_muscle = bool(self.muscle_id)
        self.favourite_button.setEnabled(has_muscle and not self._store.read_only)
        self.notes.setEnabled(has_muscle)
        self.notes.setReadOnly(self._store.read_only)  # read-only data folder: nothing typed is lost
        unsaved = self._unsaved.pop(self.muscle_id, None) if has_muscle else None
        with QSignalBlocker(self.notes):
            saved = self._store.note(self.muscle_id) if has_muscle else ""
            self.notes.setPlainText(saved if unsaved is None else unsaved)
        with QSignalBlocker(self.favourite_button):
            self.favourite_button.setChecked(has_muscle and self._store.is_favourite(self.muscle_id))
        self._update_favourite_text()
        self.notes_status.setText("")
        if unsaved is not None:
            self._note_dirty = True
            self.notes_status.setText("Not saved yet")
            self._save_timer.start()
        self._render(keep_scroll=False)

    def html(self) -> str:
        return self.browser.toHtml()

    def _render(self, keep_scroll: bool) -> None:
        c = self._colours
        title_pt = self._base_pt * 1.7
        if self.muscle_id:
            muscle = self._atlas.muscles[self.muscle_id]
            self.title.setText(muscle.name)
            self.title.setStyleSheet(f"font-size: {title_pt:.1f}pt; font-weight: 600; color: {c.heading}")
            body = detail_html.render(muscle, self._lookups, c, self._collapsed)
        else:
            self.title.setText("No muscle selected")
            self.title.setStyleSheet(f"font-size: {title_pt:.1f}pt; color: {c.muted}")
            if self._atlas.muscles:
                hint = "Choose a muscle from the list, or type part of its name in the search box (Ctrl+F)."
            else:
                hint = (
                    "No muscle records were loaded. If some were skipped, Help ▸ Loading problems says why."
                )
            body = f'<p style="color:{c.muted}">{hint}</p>'
        bar = self.browser.verticalScrollBar()
        position = bar.value()
        self.browser.document().setDefaultStyleSheet(detail_html.stylesheet(c, self._base_pt))
        self.browser.setHtml(body)
        bar.setValue(position if keep_scroll else 0)

    def _on_anchor(self, url: QUrl) -> None:
        scheme, _, target = url.toString().partition(":")
        if scheme == "toggle":
            self._collapsed ^= {target}
            self._render(keep_scroll=True)
            emit(self.collapsedChanged)
        elif scheme == "muscle" and target in self._atlas.muscles:
            emit(self.linkActivated, target)

    # favourites

    def toggle_favourite(self) -> None:
        if self.muscle_id:
            self.favourite_button.toggle()

    def _on_favourite_toggled(self, checked: bool) -> None:
        if not self.muscle_id:
            return
        try:
            self._store.set_favourite(self.muscle_id, checked)
        except StorageError as error:
            with QSignalBlocker(self.favourite_button):
                self.favourite_button.setChecked(not checked)  # show what is actually saved
            self.notes_status.setText(f"Not saved: {error.why()}")
            return
        self._update_favourite_text()
        emit(self.favouriteChanged, self.muscle_id, checked)

    def _update_favourite_text(self) -> None:
        checked = self.favourite_button.isChecked()
        self.favourite_button.setText("★ Favourite" if checked else "☆ Favourite")
        self.favourite_button.setAccessibleDescription("is a favourite" if checked else "not a favourite")

    # notes

    def focus_notes(self) -> None:
        self.notes.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_notes_edited(self) -> None:
        if not self.muscle_id:
            return
        self._note_dirty = True
        self.notes_status.setText("Editing…")
        self._save_timer.start()

    def save_note(self) -> None:
        """Write the note now (the debounce timer calls this; so do muscle changes and closing)."""
        self._save_timer.stop()
        if not self._note_dirty or not self.muscle_id:
            return
        try:
            self._store.set_note(self.muscle_id, self.notes.toPlainText())
        except StorageError as error:
            # the text stays in the box (and dirty), so the next edit or muscle change tries again
            self.notes_status.setText(f"Not saved: {error.why()}")
            return
        self._note_dirty = False
        self.notes_status.setText("Saved")
