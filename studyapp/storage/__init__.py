"""SQLite storage: transactions, schema migrations, integrity checks and rotating backups."""

from studyapp.storage.backups import Backup, check_file, list_backups, make_backup, restore_backup, set_aside
from studyapp.storage.database import BackupPolicy, Database, Migration
from studyapp.storage.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseTooNew,
    MigrationFailed,
    StorageError,
)

__all__ = [
    "Backup",
    "BackupPolicy",
    "Database",
    "DatabaseCorrupt",
    "DatabaseLocked",
    "DatabaseTooNew",
    "Migration",
    "MigrationFailed",
    "StorageError",
    "check_file",
    "list_backups",
    "make_backup",
    "restore_backup",
    "set_aside",
]
