"""SQLite storage: transactions, schema migrations, full checks, verified backups and restore."""

from studyapp.storage.backups import Backup, Retention, list_backups, make_backup, restore_backup, set_aside
from studyapp.storage.database import BackupPolicy, Database, Migration
from studyapp.storage.errors import (
    BackupFailed,
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseTooNew,
    DataFolderUnusable,
    MigrationFailed,
    StorageError,
    WriteFailed,
)
from studyapp.storage.verify import check_file

__all__ = [
    "Backup",
    "BackupFailed",
    "BackupPolicy",
    "DataFolderUnusable",
    "Database",
    "DatabaseCorrupt",
    "DatabaseLocked",
    "DatabaseTooNew",
    "Migration",
    "MigrationFailed",
    "Retention",
    "StorageError",
    "WriteFailed",
    "check_file",
    "list_backups",
    "make_backup",
    "restore_backup",
    "set_aside",
]
