"""Light and dark themes that follow the system unless the student picks one (View ▸ Theme).

Fusion is used on every platform so both palettes look the same everywhere; the detail pane's HTML
takes its colours from `Colours`, so it is re-rendered when the theme changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

MODES = ("system", "light", "dark")


@dataclass(frozen=True, slots=True)
class Colours:
    """Colours for rich text, chosen for contrast (WCAG AA) against the matching window background."""

    kind: str
    text: str
    muted: str
    heading: str
    link: str
    rule: str
    caution_bg: str
    caution_border: str
    caution_text: str
    zone_essential: str
    zone_spillover: str


LIGHT = Colours(
    kind="light",
    text="#1d1f23",
    muted="#5a5f69",
    heading="#203a66",
    link="#1755b8",
    rule="#d5d9e0",
    caution_bg="#fff4d6",
    caution_border="#d79b00",
    caution_text="#4d3500",
    zone_essential="#b3261e",
    zone_spillover="#9a5b00",
)
DARK = Colours(
    kind="dark",
    text="#e4e6eb",
    muted="#a4a9b3",
    heading="#a8c7fa",
    link="#8ab4f8",
    rule="#3d4149",
    caution_bg="#3d3112",
    caution_border="#c9971c",
    caution_text="#fbe3a6",
    zone_essential="#ff8a80",
    zone_spillover="#ffcc80",
)


def resolve(mode: str) -> Colours:
    """'system' becomes light or dark from the platform's colour scheme (light when it cannot tell)."""
    if mode == "dark":
        return DARK
    if mode == "light":
        return LIGHT
    hints = QGuiApplication.styleHints()
    return DARK if hints.colorScheme() == Qt.ColorScheme.Dark else LIGHT


def palette(colours: Colours) -> QPalette:
    dark = colours.kind == "dark"
    roles = {
        QPalette.ColorRole.Window: "#25272b" if dark else "#f2f3f5",
        QPalette.ColorRole.WindowText: colours.text,
        QPalette.ColorRole.Base: "#1b1c1f" if dark else "#ffffff",
        QPalette.ColorRole.AlternateBase: "#2a2c31" if dark else "#f6f7f9",
        QPalette.ColorRole.Text: colours.text,
        QPalette.ColorRole.PlaceholderText: colours.muted,
        QPalette.ColorRole.Button: "#31343a" if dark else "#eceef1",
        QPalette.ColorRole.ButtonText: colours.text,
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: "#3b6fc4" if dark else "#2f65ca",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: colours.link,
        QPalette.ColorRole.LinkVisited: colours.link,
        QPalette.ColorRole.ToolTipBase: "#31343a" if dark else "#fffbe6",
        QPalette.ColorRole.ToolTipText: colours.text,
        QPalette.ColorRole.Light: "#45484f" if dark else "#ffffff",
        QPalette.ColorRole.Midlight: "#3a3d44" if dark else "#e3e5e9",
        QPalette.ColorRole.Mid: "#2e3036" if dark else "#c4c8cf",
        QPalette.ColorRole.Dark: "#151618" if dark else "#9ea3ab",
        QPalette.ColorRole.Shadow: "#000000" if dark else "#70757d",
    }
    pal = QPalette()
    for role, value in roles.items():
        pal.setColor(role, QColor(value))
    disabled = QColor("#6c7079" if dark else "#9a9ea6")
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return pal


def apply(app: QApplication, mode: str) -> Colours:
    """Set style and palette for `mode` and return the colours now in use."""
    colours = resolve(mode)
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    wanted = palette(colours)
    if app.palette() != wanted:  # an unchanged palette would still make every widget repaint itself
        app.setPalette(wanted)
    return colours
