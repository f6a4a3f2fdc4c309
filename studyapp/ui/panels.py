"""Factory hooks for the panels other modules provide (body chart, pain finder, quiz, progress).

The main window only knows these factories. Each default imports its module when called, so a
missing or broken module costs one placeholder label, never the window.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from studyapp.content.model import Atlas
from studyapp.storage.userdata import UserData

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PanelContext:
    """What a panel may be built from: the data, never the main window."""

    atlas: Atlas
    store: UserData


PanelFactory = Callable[[PanelContext], QWidget]

# key -> (title, module, class name or create_* factory function)
PANELS: dict[str, tuple[str, str, str]] = {
    "chart": ("Body chart", "studyapp.ui.bodychart_view", "BodyChartView"),
    "finder": ("Pain finder", "studyapp.ui.painfinder_panel", "PainFinderPanel"),
    "quiz": ("Quiz", "studyapp.ui.quiz_panel", "create_quiz_panel"),
    "progress": ("Progress", "studyapp.ui.quiz_panel", "create_progress_panel"),
}


def _default_factory(key: str) -> PanelFactory:
    _title, module_name, class_name = PANELS[key]

    def build(context: PanelContext) -> QWidget:
        module = importlib.import_module(module_name)
        maker = getattr(module, class_name)
        # A class is built from the atlas; a create_* function also gets the user's data store.
        widget = (
            maker(context.atlas, context.store) if class_name.startswith("create_") else maker(context.atlas)
        )
        if not isinstance(widget, QWidget):
            raise TypeError(f"{module_name} did not produce a QWidget")
        return widget

    return build


def default_factories() -> dict[str, PanelFactory | None]:
    return {key: _default_factory(key) for key in PANELS}


def placeholder(title: str, reason: str) -> QLabel:
    label = QLabel(f"<p><b>{title}</b> is not available in this build.</p><p>{reason}</p>")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setMargin(24)
    label.setAccessibleName(f"{title} (not available)")
    label.setObjectName("panelPlaceholder")
    return label


def build_panel(key: str, factory: PanelFactory | None, context: PanelContext) -> tuple[QWidget, bool]:
    """(widget, True) from the factory, or (placeholder, False) when it is missing or fails."""
    title = PANELS[key][0]
    if factory is None:
        return placeholder(title, "It was turned off for this window."), False
    try:
        return factory(context), True
    except ImportError as exc:
        log.info("%s panel unavailable: %s", title, exc)
        return placeholder(title, "Its module is not installed yet."), False
    except Exception as exc:  # a broken panel must not take the atlas down with it
        log.exception("%s panel failed to start", title)
        return placeholder(title, f"It failed to start: {exc}"), False
