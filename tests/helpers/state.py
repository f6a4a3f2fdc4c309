"""An application state for tests: the given atlas and stores, a temporary folder, a still clock."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from studyapp.content.model import Atlas
from studyapp.storage.userdata import UserData
from studyapp.ui.recovery import CANCEL, AskRecovery
from studyapp.ui.state import AppState
from tests.helpers.clock import Clock


def make_state(
    atlas: Atlas,
    user_data: UserData,
    settings: QSettings,
    folder: Path | None = None,
    *,
    now: Clock | None = None,
    ask: AskRecovery = lambda _error: CANCEL,
) -> AppState:
    """`folder` defaults to the user-data store's own folder (reviews live beside the notes)."""
    if folder is None:
        folder = Path(str(user_data.path)).parent
    return AppState(atlas, user_data, settings, folder, now=now or Clock(), ask=ask)
