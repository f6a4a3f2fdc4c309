"""The one place that decides where bundled resources and the user's own files live.

Tests redirect the data directory with `STUDYAPP_DATA_DIR` (or `set_data_dir`) so they never touch
a student's real notes or review history.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

APP_NAME = "studyapp"
_data_dir_override: Path | None = None


def resources_dir() -> Path:
    """`resources/` from a source checkout, an installed wheel or a frozen bundle."""
    override = os.environ.get("STUDYAPP_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    package = Path(__file__).resolve().parent
    bundled = package / "resources"  # inside a wheel (see pyproject's force-include)
    if bundled.is_dir():
        return bundled
    return package.parent / "resources"  # source checkout


def resource(*parts: str) -> Path:
    """A path under resources/, refusing absolute paths and `..` so content cannot escape it."""
    for part in parts:
        if Path(part).is_absolute() or ".." in Path(part).parts:
            raise ValueError(f"resource path must stay inside resources/: {part!r}")
    return resources_dir().joinpath(*parts)


def set_data_dir(path: Path | None) -> None:
    global _data_dir_override
    _data_dir_override = path


def data_dir() -> Path:
    """The user's folder (notes, favourites, reviews), created on first use when that is possible.

    A folder that cannot be created is returned anyway: `studyapp.storage.datafolder` decides whether
    it can be used and says why not, instead of an OSError from here.
    """
    if _data_dir_override is not None:
        base = _data_dir_override
    elif os.environ.get("STUDYAPP_DATA_DIR"):
        base = Path(os.environ["STUDYAPP_DATA_DIR"])
    elif sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / APP_NAME
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / APP_NAME
    else:
        xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        base = Path(xdg) / APP_NAME
    with contextlib.suppress(OSError):  # reported, in words, by open_data_folder
        base.mkdir(parents=True, exist_ok=True)
    return base
