"""The append-only record of post-test attempts and certificates, in the data folder.

A provider must be able to reissue a certificate years later, so every attempt (who, when, the
questions, the answers, the score) is kept in its own SQLite file with triggers that refuse UPDATE
and DELETE, backed up like the review log.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from studyapp.course.posttest import Outcome
from studyapp.storage import BackupPolicy, Database, Migration
from studyapp.storage.backups import Retention

DB_NAME = "courses.sqlite3"

MIGRATIONS = (
    Migration(
        1,
        "post-test attempts and certificates (append-only)",
        """
        CREATE TABLE attempt (
            id INTEGER PRIMARY KEY,
            course_id TEXT NOT NULL,
            course_version TEXT NOT NULL,
            course_title TEXT NOT NULL,
            started_ms INTEGER NOT NULL,
            finished_ms INTEGER NOT NULL,
            items_json TEXT NOT NULL,
            correct INTEGER NOT NULL,
            total INTEGER NOT NULL,
            score REAL NOT NULL,
            passed INTEGER NOT NULL
        );
        CREATE TABLE certificate (
            id INTEGER PRIMARY KEY,
            attempt_id INTEGER NOT NULL REFERENCES attempt(id),
            issued_ms INTEGER NOT NULL,
            participant TEXT NOT NULL,
            licence TEXT NOT NULL,
            code TEXT NOT NULL
        );
        CREATE TRIGGER attempt_no_update BEFORE UPDATE ON attempt
        BEGIN SELECT RAISE(ABORT, 'attempts are append-only'); END;
        CREATE TRIGGER attempt_no_delete BEFORE DELETE ON attempt
        BEGIN SELECT RAISE(ABORT, 'attempts are append-only'); END;
        CREATE TRIGGER certificate_no_update BEFORE UPDATE ON certificate
        BEGIN SELECT RAISE(ABORT, 'certificates are append-only'); END;
        CREATE TRIGGER certificate_no_delete BEFORE DELETE ON certificate
        BEGIN SELECT RAISE(ABORT, 'certificates are append-only'); END;
        CREATE INDEX attempt_course ON attempt(course_id);
        """,
    ),
)


@dataclass(frozen=True, slots=True)
class Attempt:
    id: int
    course_id: str
    course_version: str
    course_title: str
    started: datetime
    finished: datetime
    items: tuple[dict[str, object], ...]
    correct: int
    total: int
    score: float
    passed: bool


@dataclass(frozen=True, slots=True)
class IssuedCertificate:
    id: int
    attempt_id: int
    issued: datetime
    participant: str
    licence: str
    code: str


def _ms(when: datetime) -> int:
    return int(when.timestamp() * 1000)


def _dt(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


class CourseRecords:
    """Attempts and certificates of every installed course (one file for all of them)."""

    def __init__(self, db: Database, now: Callable[[], datetime]) -> None:
        self.db = db
        self.now = now

    @classmethod
    def open(cls, folder: Path, now: Callable[[], datetime], keep_backups: int = 8) -> CourseRecords:
        """Open `folder/courses.sqlite3` with the same checks, backups and typed errors as the review log."""
        policy = BackupPolicy(
            folder / "backups", Retention(recent=max(keep_backups, 1)), take=keep_backups > 0
        )
        return cls(Database.open(folder / DB_NAME, MIGRATIONS, now=now, backups=policy), now)

    def _rows(self, sql: str, params: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        cursor = self.db.conn.cursor()
        cursor.row_factory = sqlite3.Row  # columns by name, without changing the shared connection
        return cursor.execute(sql, params).fetchall()

    def close(self) -> None:
        self.db.close()

    def record_attempt(
        self, course_id: str, version: str, title: str, started: datetime, outcome: Outcome
    ) -> Attempt:
        items = [
            {
                "question": i.question_id,
                "prompt": i.prompt,
                "given": i.given,
                "right": i.right,
                "correct": i.correct,
            }
            for i in outcome.items
        ]
        finished = self.now()
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO attempt (course_id, course_version, course_title, started_ms, finished_ms,"
                " items_json, correct, total, score, passed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    course_id,
                    version,
                    title,
                    _ms(started),
                    _ms(finished),
                    json.dumps(items, ensure_ascii=False),
                    outcome.correct,
                    outcome.total,
                    outcome.score,
                    int(outcome.passed),
                ),
            )
            attempt_id = int(cursor.lastrowid or 0)
        return self.attempt(attempt_id)

    def attempt(self, attempt_id: int) -> Attempt:
        rows = self._rows("SELECT * FROM attempt WHERE id = ?", (attempt_id,))
        if not rows:
            raise KeyError(attempt_id)
        return _attempt(rows[0])

    def attempts(self, course_id: str) -> list[Attempt]:
        rows = self._rows("SELECT * FROM attempt WHERE course_id = ? ORDER BY id", (course_id,))
        return [_attempt(row) for row in rows]

    def best_pass(self, course_id: str) -> Attempt | None:
        passed = [a for a in self.attempts(course_id) if a.passed]
        return max(passed, key=lambda a: (a.score, a.id)) if passed else None

    def issue(self, attempt: Attempt, participant: str, licence: str, code: str) -> IssuedCertificate:
        if not attempt.passed:
            raise ValueError("a certificate is issued only for a passed post-test")
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO certificate (attempt_id, issued_ms, participant, licence, code)"
                " VALUES (?, ?, ?, ?, ?)",
                (attempt.id, _ms(self.now()), participant, licence, code),
            )
            cert_id = int(cursor.lastrowid or 0)
        return next(c for c in self.certificates_for(attempt.course_id) if c.id == cert_id)

    def certificates_for(self, course_id: str) -> list[IssuedCertificate]:
        rows = self._rows(
            "SELECT c.* FROM certificate c JOIN attempt a ON a.id = c.attempt_id"
            " WHERE a.course_id = ? ORDER BY c.id",
            (course_id,),
        )
        return [
            IssuedCertificate(
                r["id"], r["attempt_id"], _dt(r["issued_ms"]), r["participant"], r["licence"], r["code"]
            )
            for r in rows
        ]


def _attempt(r: sqlite3.Row) -> Attempt:
    return Attempt(
        id=r["id"],
        course_id=r["course_id"],
        course_version=r["course_version"],
        course_title=r["course_title"],
        started=_dt(r["started_ms"]),
        finished=_dt(r["finished_ms"]),
        items=tuple(json.loads(r["items_json"])),
        correct=r["correct"],
        total=r["total"],
        score=r["score"],
        passed=bool(r["passed"]),
    )
