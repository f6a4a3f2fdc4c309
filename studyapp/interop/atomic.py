"""Write an output file whole or not at all.

Everything is written to a temporary file in the target's own folder (so the final rename stays on
one file system and is atomic), then renamed over the target. If anything fails on the way, the
temporary file is removed and an existing file at the target is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from studyapp.interop.errors import ExportError


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).rstrip(".").lower()


def check_writable(target: Path) -> None:
    """Fail early (before minutes of work) when `target` cannot be written; ExportError says why."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise ExportError(f"cannot write {target}: it is a folder")
    if not folder.is_dir():
        raise ExportError(f"cannot write {target}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise ExportError(f"cannot write {target}: permission denied")


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it replaces `target`, else it is removed.

    Raises ExportError (one line, naming the file) when the folder cannot be written.
    """
    target = Path(target)
    check_writable(target)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(f"cannot write {target}: {_reason(exc)}") from None
    os.close(handle)
    temporary = Path(name)
    _ordinary_permissions(temporary)
    try:
        yield temporary
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ExportError(f"cannot write {target}: {_reason(exc)}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _ordinary_permissions(path: Path) -> None:
    """mkstemp makes the file private (0600); an export should get the usual umask-based mode."""
    umask = os.umask(0)
    os.umask(umask)
    with contextlib.suppress(OSError):
        path.chmod(0o666 & ~umask)


def write_bytes(target: Path, data: bytes) -> None:
    with atomic_path(target) as temporary:
        temporary.write_bytes(data)


def write_text(target: Path, text: str, *, bom: bool = False) -> None:
    """UTF-8 text, with a byte-order mark only when asked (spreadsheets on Windows like one)."""
    write_bytes(target, (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
