"""Pain finder panel: the regions that hurt in, ranked muscles with the reason for each out.

Regions arrive from the body chart (`set_regions`, wired to the chart's `regionsSelected`) or are
typed here; choosing a result emits `muscleChosen(id)` so the window can show that pattern over the
selected regions. The answer is `PainLookup`'s, as `studyapp find-pain` prints it: the trigger-point
zones (essential, spillover) merged with the pain guide, each result marked with why it is listed.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from studyapp.bodychart.painfinder import Answer, Match, PainFinder
from studyapp.bodychart.painguide import GUIDE, Finding, PainGuide, PainLookup, load_painguide
from studyapp.content.model import Atlas
from studyapp.ui.qtcompat import emit

MUSCLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
REASON_ROLE = Qt.ItemDataRole.UserRole + 2
SCORE_ROLE = Qt.ItemDataRole.UserRole + 3
NAME_ROLE = Qt.ItemDataRole.UserRole + 4


class ResultsModel(QStandardItemModel):
    """Ranked matches: one row per muscle (bold), one child row per trigger point with its reason.

    Stock items and the stock delegate paint in C++, which keeps scrolling cheap.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matches: tuple[Match, ...] = ()
        self._findings: tuple[Finding, ...] = ()
        self.reason_colour = QColor()

    def set_matches(self, matches: tuple[Match, ...], findings: tuple[Finding, ...] | None = None) -> None:
        """One row per muscle: the zone matches, or (with `findings`) the merged answer in its order."""
        self.clear()
        self._matches = matches
        by_id = {m.muscle_id: m for m in matches}
        rows = findings if findings is not None else tuple(_as_finding(m) for m in matches)
        self._findings = rows
        for rank, finding in enumerate(rows, start=1):
            match = by_id.get(finding.muscle_id)
            marks = _marks(match, finding)
            row = QStandardItem(f"{rank}. {finding.muscle_name}  ({marks})")
            font = row.font()
            font.setBold(True)
            row.setFont(font)
            row.setEditable(False)
            reason = finding.reasons[0] if finding.reasons else ""
            row.setData(finding.muscle_id, MUSCLE_ID_ROLE)
            row.setData(finding.muscle_name, NAME_ROLE)
            row.setData(reason, REASON_ROLE)
            row.setData(finding.score, SCORE_ROLE)
            row.setToolTip(f"{reason}.\nClick to see {finding.muscle_name}'s pattern on the chart.")
            row.setData(f"{marks}. {reason}", Qt.ItemDataRole.AccessibleDescriptionRole)
            for text in finding.reasons:
                child = QStandardItem(text)
                child.setEditable(False)
                child.setData(finding.muscle_id, MUSCLE_ID_ROLE)
                if self.reason_colour.isValid():
                    child.setForeground(self.reason_colour)
                row.appendRow(child)
            self.appendRow(row)

    def match_at(self, row: int) -> Match | None:
        return self._matches[row] if 0 <= row < len(self._matches) else None


def _as_finding(match: Match) -> Finding:
    kinds = (("zone",) if match.essential else ()) + (("spillover",) if match.spillover else ())
    return Finding(match.muscle_id, match.muscle_name, match.score, kinds, match.reasons)


def _marks(match: Match | None, finding: Finding) -> str:
    """Why a muscle is listed, in the words `find-pain` uses: "1 essential · pain guide"."""
    parts = [_coverage(match)] if match is not None else []
    if GUIDE in finding.kinds:
        parts.append(GUIDE)
    return " · ".join(p for p in parts if p)


class WrapDelegate(QStyledItemDelegate):
    """Row heights for word-wrapped text (QTreeView sizes rows as single lines otherwise).

    Only `sizeHint` is Python, and it makes no Qt calls that return nothing: PySide6 6.12 on
    Python 3.11 loses a reference to None on each such call, so per-frame Python code must avoid them.
    """

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        depth = 2 if index.parent().isValid() else 1  # the branch arrows indent even the top rows
        width = self._view.header().sectionSize(0) - self._view.indentation() * depth - 8
        font = index.data(Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(font if isinstance(font, QFont) else self._view.font())
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        flags = int(Qt.TextFlag.TextWordWrap)
        height = metrics.boundingRect(QRect(0, 0, max(40, width), 100_000), flags, text).height()
        return QSize(max(40, width), height + 4)


def _coverage(match: Match) -> str:
    parts = []
    if match.essential:
        parts.append(f"{len(match.essential)} essential")
    if match.spillover:
        parts.append(f"{len(match.spillover)} spillover")
    return " · ".join(parts)


class PainFinderPanel(QWidget):
    """Where does it hurt? -> which muscles' trigger points refer pain there, best first."""

    muscleChosen = Signal(str)
    regionsChanged = Signal(list)  # the selection edited here (typed, removed, cleared)

    def __init__(
        self,
        atlas: Atlas,
        parent: QWidget | None = None,
        finder: PainFinder | None = None,
        guide: PainGuide | None = None,
    ) -> None:
        """`guide`: the pain guide to merge (default: the bundled one, read on the first query)."""
        super().__init__(parent)
        self.atlas = atlas
        self.finder = finder or PainFinder(atlas)
        self._guide = guide
        self._lookup: PainLookup | None = None
        self._regions: list[str] = []
        self._answer: Answer | None = None
        self._by_label = {self._region_label(rid): rid for rid in atlas.regions}

        self.region_edit = QLineEdit()
        self.region_edit.setPlaceholderText("Where does it hurt? e.g. greater trochanter…")
        self.region_edit.setToolTip("Type a region, or click regions on the body chart (Ctrl+click for more)")
        self.region_edit.setAccessibleName("Add a painful region")
        self.region_edit.setClearButtonEnabled(True)
        completer = QCompleter(sorted(self._by_label, key=str.lower), self.region_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self._add_label)
        self.region_edit.setCompleter(completer)
        self.region_edit.returnPressed.connect(self._add_typed)  # a bound method: no reference cycle
        self.clear_button = QToolButton()
        self.clear_button.setText("Clear")
        self.clear_button.setToolTip("Forget the selected regions")
        self.clear_button.clicked.connect(self.clear)
        # The side that hurts: each reason then says on which side to look for the trigger point.
        self.side_combo = QComboBox()
        self.side_combo.setAccessibleName("Side that hurts")
        self.side_combo.setToolTip("The side that hurts: the results say on which side to look")
        for label, side in (("Either side", ""), ("Left side", "left"), ("Right side", "right")):
            self.side_combo.addItem(label, side)
        self.side_combo.currentIndexChanged.connect(self._on_side)
        add_row = QHBoxLayout()
        add_row.addWidget(self.region_edit, 1)
        add_row.addWidget(self.side_combo)
        add_row.addWidget(self.clear_button)

        # The selection as links ("Greater trochanter ✕"): wraps to any width, one click removes.
        self.chips = QLabel()
        self.chips.setWordWrap(True)
        self.chips.setTextFormat(Qt.TextFormat.RichText)
        self.chips.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.chips.setAccessibleName("Selected regions; activate one to remove it")
        self.chips.linkActivated.connect(self._remove_region)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("painFinderMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        self.model = ResultsModel(self)
        self.results = QTreeView()
        self.results.setModel(self.model)
        self.results.setHeaderHidden(True)
        # One line per muscle, so eight or more fit; a click opens why it is listed (and its pattern).
        self.results.setRootIsDecorated(True)
        self.results.setItemsExpandable(True)
        self.results.setUniformRowHeights(False)
        self.results.setIndentation(14)
        self.results.setWordWrap(True)
        self.results.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.results.setItemDelegate(WrapDelegate(self.results))
        self.results.header().sectionResized.connect(self._relayout_results)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setAccessibleName("Muscles that refer pain to the selected regions")
        self.results.activated.connect(self._activated)
        self.results.clicked.connect(self._activated)  # one click shows the pattern on the chart

        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(add_row)
        layout.addWidget(self.chips)
        layout.addWidget(self.message)
        layout.addWidget(self.results, 1)
        self._update()

    # -- public API ---------------------------------------------------------------------------------
    def set_regions(self, region_ids: list[str]) -> None:
        """Replace the selection (from the body chart) and rank again; does not emit regionsChanged."""
        self._regions = list(dict.fromkeys(region_ids))
        self._update()

    def regions(self) -> list[str]:
        return list(self._regions)

    def answer(self) -> Answer | None:
        return self._answer

    def clear(self) -> None:
        if self._regions:
            self._regions = []
            self._update()
            emit(self.regionsChanged, [])

    # -- internals ----------------------------------------------------------------------------------
    def _region_label(self, region_id: str) -> str:
        region = self.atlas.regions[region_id]
        view = self.atlas.views.get(region.view)
        return f"{region.label} ({view.label.lower()})" if view else region.label

    def _add_typed(self) -> None:
        self._add_label(self.region_edit.text())

    def _add_label(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        rid = self._by_label.get(text) or next(
            (r for label, r in self._by_label.items() if label.lower().startswith(text.lower())),
            text if text in self.atlas.regions else None,
        )
        if rid is None:
            self._regions.append(text)  # the finder explains what is wrong with it
        elif rid not in self._regions:
            self._regions.append(rid)
        self.region_edit.clear()
        self._update()
        emit(self.regionsChanged, [r for r in self._regions if r in self.atlas.regions])

    def _remove_region(self, rid: str) -> None:
        self._regions = [r for r in self._regions if r != rid]
        self._update()
        emit(self.regionsChanged, [r for r in self._regions if r in self.atlas.regions])

    def _activated(self, index: QModelIndex) -> None:
        if not index.parent().isValid():
            self.results.expand(index)  # why this muscle is listed
        muscle_id = index.data(MUSCLE_ID_ROLE)  # a muscle row or one of its reason rows
        if muscle_id:
            emit(self.muscleChosen, muscle_id)

    def _relayout_results(self, _section: int, _old: int, _new: int) -> None:
        """Wrapped rows change height with the width; QTreeView would keep the old heights."""
        self.results.scheduleDelayedItemsLayout()

    def side(self) -> str:
        """ "left", "right" or "" (either side)."""
        return str(self.side_combo.currentData() or "")

    def _on_side(self, _index: int) -> None:
        self._update()

    def lookup(self) -> PainLookup:
        """The zone finder and the pain guide together (the guide is read on the first query)."""
        if self._lookup is None:
            guide = self._guide if self._guide is not None else load_painguide(self.atlas)[0]
            self._lookup = PainLookup(self.atlas, guide, self.finder)
        return self._lookup

    def _update(self) -> None:
        answer = self.finder.query(self._regions, self.side() or None)
        self._answer = answer
        findings = self.lookup().find(self._regions, self.side()).findings if answer.selected else ()
        self._regions = [r for r in self._regions if r not in answer.unknown]
        link = self.palette().color(QPalette.ColorRole.Link).name()
        self.chips.setText(
            "Selected: "
            + " &nbsp; ".join(
                f'<a href="{rid}" style="color:{link}; text-decoration:none" title="Remove">'
                f"{html.escape(self.atlas.regions[rid].label).replace(' ', '&nbsp;')}&nbsp;✕</a>"
                for rid in self._regions
            )
        )
        self.chips.setVisible(bool(self._regions))
        self.clear_button.setEnabled(bool(self._regions))
        self.model.reason_colour = self.palette().color(QPalette.ColorRole.PlaceholderText)
        self.model.set_matches(answer.matches, findings)
        lines = [m for m in answer.messages if not (findings and m.startswith("No muscle in the atlas"))]
        if findings:
            count = len(findings)
            lines.append(
                f"{count} muscle{'s' if count != 1 else ''}, best first. Click one for why and its pattern."
            )
        elif not self._regions:
            lines.append("Click regions on the body chart (Ctrl+click for more), or type one above.")
        self.message.setText("\n".join(lines))
        self.message.setVisible(True)
        self.results.setVisible(bool(findings))
        # Spare height goes to the results, or (with none) below the message, never above the field.
        self._layout.setStretchFactor(self.message, 0 if findings else 1)
