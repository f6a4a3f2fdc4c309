"""What the Quiz tab's deck list offers, and the "Cards" button that chooses the kinds of card.

The deck list holds the whole atlas, each body area, the favourites, and one deck per acupuncture
channel (the point cards, made from the point atlas and its link to the trigger points). The
"Cards" menu switches groups of card kinds on and off (`CARD_GROUPS`: attachments, actions,
referral patterns, needling...); the choice is kept in the settings.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QMenu, QPushButton, QWidget

from studyapp.content.acupoints import PointAtlas
from studyapp.content.model import Atlas
from studyapp.quiz.decks import CARD_GROUPS
from studyapp.ui.qtcompat import emit

GROUP_LABELS = {
    "attachments": "Origins and insertions",
    "actions": "Actions",
    "innervation": "Nerves and roots",
    "referral": "Referral patterns (pictures, click the chart)",
    "needling": "Needling safety",
    "location": "Where muscles lie (highlighted, click the chart)",
    "acupoints": "Acupuncture points",
}
SETTINGS_KEY = "quiz/card_groups"


def fill_decks(combo: QComboBox, atlas: Atlas, points: PointAtlas | None) -> None:
    """All muscles, each body area, Favourites, then one deck per channel ("channel:LU")."""
    combo.addItem("All muscles", "all")
    for area in atlas.areas.values():
        if atlas.muscles_in_area(area.id):
            combo.addItem(area.label, area.id)
    combo.addItem("Favourites", "favourites")
    if points is None:
        return
    for channel in points.channels.values():
        if channel.points:
            combo.addItem(f"Points: {channel.name} ({channel.id})", f"channel:{channel.id}")


class CardTypesButton(QPushButton):
    """ "Cards ▾": tick the kinds of card the deck includes; `changed` when the choice changes."""

    changed = Signal()

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setText("Cards")
        self.setToolTip("Which kinds of card the deck includes")
        self.setAccessibleName("Kinds of card")
        stored = str(settings.value(SETTINGS_KEY, "") or "")
        chosen = {g for g in stored.split(",") if g in CARD_GROUPS} or set(CARD_GROUPS)
        menu = QMenu(self)
        self.actions_by_group: dict[str, QAction] = {}
        for group in CARD_GROUPS:
            action = QAction(GROUP_LABELS.get(group, group), menu, checkable=True)
            action.setChecked(group in chosen)
            action.toggled.connect(self._on_toggled)
            menu.addAction(action)
            self.actions_by_group[group] = action
        self.setMenu(menu)
        self._label()

    def groups(self) -> list[str]:
        """The groups ticked (never none: unticking the last one ticks it again)."""
        return [g for g, a in self.actions_by_group.items() if a.isChecked()]

    def set_groups(self, groups: list[str]) -> None:
        for group, action in self.actions_by_group.items():
            action.blockSignals(True)
            action.setChecked(group in groups)
            action.blockSignals(False)
        self._on_toggled(True)

    def all_chosen(self) -> bool:
        return len(self.groups()) == len(self.actions_by_group)

    def _on_toggled(self, _checked: bool) -> None:
        if not self.groups():  # a deck of no kinds of card would be empty: keep the last one
            sender = self.sender()
            if isinstance(sender, QAction):
                sender.blockSignals(True)
                sender.setChecked(True)
                sender.blockSignals(False)
            return
        self.settings.setValue(SETTINGS_KEY, ",".join(self.groups()))
        self._label()
        emit(self.changed)

    def _label(self) -> None:
        count, total = len(self.groups()), len(self.actions_by_group)
        self.setText("Cards: all" if count == total else f"Cards: {count} of {total} kinds")
