"""Scheduling state and the append-only review log, in SQLite in the data folder.

Undo decision: the log is append-only (triggers refuse UPDATE and DELETE). Undoing an answer appends
a row of kind 'undo' whose `undoes` names the review it cancels, and restores the card's state from
the `before` snapshot stored with that review. Statistics read "effective" reviews: reviews that no
undo row cancels. So the log keeps the full story, and the crash test's promise ("every answered
card is in the log") holds even for answers later undone.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from fsrs import Card as FsrsCard
from fsrs import State

from studyapp.paths import data_dir
from studyapp.quiz.clock import Clock, from_ms, to_ms
from studyapp.storage import BackupPolicy, Database, Migration, Retention
from studyapp.storage.database import Check, Synchronous
from studyapp.storage.verify import row_crc

NEW = 0  # state_before/state_after value for a card never answered (fsrs has no "new" state)
DB_NAME = "reviews.sqlite3"

# The columns of a log row its checksum covers (all but `id`, which is the row's key).
_LOGGED = (
    "time_ms, card_id, kind, rating, duration_ms, mode, state_before, state_after, before_json,"
    " after_json, undoes"
)

MIGRATIONS = (
    Migration(
        1,
        "card state and append-only review log",
        """
        CREATE TABLE card_state (
            card_id TEXT PRIMARY KEY NOT NULL,
            state INTEGER NOT NULL,
            step INTEGER,
            stability REAL,
            difficulty REAL,
            due_ms INTEGER NOT NULL,
            last_review_ms INTEGER,
            reps INTEGER NOT NULL DEFAULT 0,
            lapses INTEGER NOT NULL DEFAULT 0,
            leech INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE TABLE review_log (
            id INTEGER PRIMARY KEY,
            time_ms INTEGER NOT NULL,
            card_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('review', 'undo')),
            rating INTEGER,
            duration_ms INTEGER,
            mode TEXT,
            state_before INTEGER,
            state_after INTEGER,
            before_json TEXT,
            after_json TEXT,
            undoes INTEGER REFERENCES review_log(id)
        );
        CREATE TRIGGER review_log_no_update BEFORE UPDATE ON review_log
        BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
        CREATE TRIGGER review_log_no_delete BEFORE DELETE ON review_log
        BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
        """,
    ),
    Migration(
        2,
        "indexes for large collections (due queue, today's reviews, undo lookups)",
        # No index on review_log(card_id): with a million reviews every answer would dirty a random
        # page of it (a quarter of the answer's cost), to speed up only the rare per-card history.
        """
        CREATE INDEX card_state_due ON card_state(state, due_ms);
        CREATE INDEX review_log_time ON review_log(time_ms);
        CREATE INDEX review_log_undoes ON review_log(undoes) WHERE undoes IS NOT NULL;
        """,
    ),
    Migration(
        3,
        "a checksum per review log row, so a flipped bit inside an answer is detected",
        # the append-only trigger is lifted for the one UPDATE that fills in the existing rows
        f"""
        DROP TRIGGER review_log_no_update;
        ALTER TABLE review_log ADD COLUMN crc INTEGER;
        UPDATE review_log SET crc = studyapp_crc32({_LOGGED});
        CREATE TRIGGER review_log_no_update BEFORE UPDATE ON review_log
        BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
        """,
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

CRC_WINDOW = 50_000  # log rows whose checksums are checked at every start (all, for most students)
_MAX_MS = 253402300799999  # 9999-12-31: later times cannot be turned into a datetime
_TIME_OK = f"(typeof({{0}}) = 'integer' AND {{0}} BETWEEN 0 AND {_MAX_MS})"
_OPTIONAL_TIME_OK = f"({{0}} IS NULL OR {_TIME_OK})"
# Rows that page checks cannot catch (a flipped byte inside a value) but that would stop the
# scheduler or the statistics: each query counts rows the code could not read.
VALUE_CHECKS: tuple[tuple[str, str], ...] = (
    (
        "SELECT count(*) FROM card_state WHERE NOT ("
        "state IN (1, 2, 3) AND typeof(card_id) = 'text' AND "
        + _TIME_OK.format("due_ms")
        + " AND "
        + _OPTIONAL_TIME_OK.format("last_review_ms")
        + " AND typeof(reps) = 'integer' AND typeof(lapses) = 'integer' AND leech IN (0, 1)"
        " AND (step IS NULL OR typeof(step) = 'integer')"
        " AND (stability IS NULL OR typeof(stability) IN ('real', 'integer'))"
        " AND (difficulty IS NULL OR typeof(difficulty) IN ('real', 'integer')))",
        "card states with impossible values",
    ),
    (
        "SELECT count(*) FROM review_log WHERE NOT ("
        "kind IN ('review', 'undo') AND typeof(card_id) = 'text' AND "
        + _TIME_OK.format("time_ms")
        + " AND (rating IS NULL OR rating IN (1, 2, 3, 4))"
        " AND (state_before IS NULL OR state_before IN (0, 1, 2, 3))"
        " AND (state_after IS NULL OR state_after IN (1, 2, 3))"
        " AND (duration_ms IS NULL OR typeof(duration_ms) = 'integer')"
        " AND (before_json IS NULL OR json_valid(before_json))"
        " AND (after_json IS NULL OR json_valid(after_json))"
        " AND (kind = 'review' OR undoes IS NOT NULL))",
        "review log rows with impossible values",
    ),
    (
        # The newest rows only: checksums cost about 5 µs a row, and the newest rows are where a torn
        # write or a lost journal lands; page-level damage anywhere is integrity_check's job.
        "SELECT count(*) FROM review_log"
        f" WHERE id > (SELECT coalesce(max(id), 0) FROM review_log) - {CRC_WINDOW}"
        f" AND crc IS NOT studyapp_crc32({_LOGGED})",
        "review log rows that do not match their checksum",
    ),
)


@dataclass(frozen=True, slots=True)
class CardState:
    """What the scheduler knows about one card; fsrs fields plus our reps, lapses and leech tag."""

    card_id: str
    state: State
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reps: int = 0
    lapses: int = 0
    leech: bool = False

    def to_fsrs(self) -> FsrsCard:
        return FsrsCard(0, self.state, self.step, self.stability, self.difficulty, self.due, self.last_review)

    def with_fsrs(self, card: FsrsCard, **changes: Any) -> CardState:
        return replace(
            self,
            state=card.state,
            step=card.step,
            stability=card.stability,
            difficulty=card.difficulty,
            due=card.due,
            last_review=card.last_review,
            **changes,
        )

    def row(self) -> tuple[Any, ...]:
        last = to_ms(self.last_review) if self.last_review else None
        return (
            self.card_id,
            int(self.state),
            self.step,
            self.stability,
            self.difficulty,
            to_ms(self.due),
            last,
            self.reps,
            self.lapses,
            int(self.leech),
        )

    @classmethod
    def from_row(cls, row: Iterable[Any]) -> CardState:
        cid, state, step, stability, difficulty, due, last, reps, lapses, leech = row
        return cls(
            cid,
            State(state),
            step,
            stability,
            difficulty,
            from_ms(due),
            from_ms(last) if last is not None else None,
            reps,
            lapses,
            bool(leech),
        )

    def to_json(self) -> str:
        """The state as the log stores it, the same text `json.dumps` writes, built directly: the
        two snapshots an answer logs cost more through `json.dumps` than the rest of its Python."""
        return _snapshot(self.row())

    @classmethod
    def from_json(cls, card_id: str, text: str | None) -> CardState | None:
        return None if text is None else cls.from_row([card_id, *json.loads(text)])

    @classmethod
    def new(cls, card_id: str, now: datetime) -> CardState:
        return cls(card_id, State.Learning, 0, None, None, now, None)


def _snapshot(row: tuple[Any, ...]) -> str:
    """`json.dumps(row[1:])` for a `CardState.row()`, built directly (ints, floats and None only)."""
    values = row[1:]
    s, d = values[2], values[3]
    if (s is not None and not math.isfinite(s)) or (d is not None and not math.isfinite(d)):
        return json.dumps(values)  # NaN or infinity: never written by fsrs, but kept as json writes it
    return f"[{', '.join(['null' if v is None else repr(v) for v in values])}]"


@dataclass(frozen=True, slots=True)
class LogEntry:
    id: int
    time: datetime
    card_id: str
    kind: str  # "review" or "undo"
    rating: int | None
    duration_ms: int | None
    mode: str | None
    state_before: int | None  # NEW (0) or an fsrs State value
    state_after: int | None
    before: CardState | None
    after: CardState | None
    undoes: int | None


_STATE_COLUMNS = "card_id, state, step, stability, difficulty, due_ms, last_review_ms, reps, lapses, leech"
_APPEND_LOG = f"INSERT INTO review_log ({_LOGGED}, crc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
_SAVE_STATE = f"INSERT OR REPLACE INTO card_state ({_STATE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)"
_EFFECTIVE = "kind = 'review' AND id NOT IN (SELECT undoes FROM review_log WHERE undoes IS NOT NULL)"


class ReviewStore:
    """All reads and writes of scheduling data. Each answer is one committed transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @classmethod
    def open(
        cls,
        folder: Path | None = None,
        *,
        now: Clock,
        synchronous: Synchronous = "FULL",
        check: Check = "full",
        keep_backups: int = Retention().recent,
        backup_min_age_s: float = 3600.0,
        read_only: bool = False,
    ) -> ReviewStore:
        """Open `folder/reviews.sqlite3` (default: the app-data folder); backups go to `folder/backups`.

        Raises the typed errors of `studyapp.storage` (DatabaseCorrupt lists the backups).
        `keep_backups` is how many recent backups survive besides the daily, weekly and monthly
        ones; 0 takes no backup (benchmarks, a second view of the same store) but still lists the
        existing ones, so a damaged file is always offered its backups.
        """
        folder = folder if folder is not None else data_dir()
        policy = BackupPolicy(
            folder / "backups",
            Retention(recent=max(keep_backups, 1)),
            backup_min_age_s,
            take=keep_backups > 0,
        )
        db = Database.open(
            folder / DB_NAME,
            MIGRATIONS,
            now=now,
            synchronous=synchronous,
            check=check,
            backups=policy,
            read_only=read_only,
            value_checks=VALUE_CHECKS,
        )
        return cls(db)

    def missing_answers(self) -> int:
        """How many answers the saved card states count that the log does not hold (0 when none).

        Each answer adds one to its card's `reps` and one row to the log in the same transaction,
        so more reps than effective reviews means committed answers were lost (for example a
        deleted WAL file after a crash): the student should hear about it.
        """
        row = self.db.conn.execute(
            "SELECT (SELECT total(reps) FROM card_state)"
            f" - (SELECT count(*) FROM review_log WHERE {_EFFECTIVE})"
        ).fetchone()
        return max(0, int(row[0] or 0))

    @staticmethod
    def path_in(folder: Path) -> Path:
        return folder / DB_NAME

    def close(self) -> None:
        self.db.close()

    # --- card state -------------------------------------------------------------------------------

    def state(self, card_id: str) -> CardState | None:
        row = self.db.conn.execute(
            f"SELECT {_STATE_COLUMNS} FROM card_state WHERE card_id = ?", (card_id,)
        ).fetchone()
        return CardState.from_row(row) if row else None

    def states(self, card_ids: Iterable[str] | None = None) -> dict[str, CardState]:
        rows = self.db.conn.execute(f"SELECT {_STATE_COLUMNS} FROM card_state").fetchall()
        wanted = set(card_ids) if card_ids is not None else None
        return {r[0]: CardState.from_row(r) for r in rows if wanted is None or r[0] in wanted}

    def seen_ids(self) -> set[str]:
        return {r[0] for r in self.db.conn.execute("SELECT card_id FROM card_state")}

    def due_between(self, state: State, start_ms: int | None, end_ms: int) -> list[CardState]:
        """Cards in `state` due in [start, end), oldest first."""
        sql = f"SELECT {_STATE_COLUMNS} FROM card_state WHERE state = ? AND due_ms < ?"
        params: tuple[int, ...] = (int(state), end_ms)
        if start_ms is not None:
            sql += " AND due_ms >= ?"
            params = (*params, start_ms)
        return [CardState.from_row(r) for r in self.db.conn.execute(sql + " ORDER BY due_ms", params)]

    def learning(self) -> list[CardState]:
        sql = f"SELECT {_STATE_COLUMNS} FROM card_state WHERE state IN (?, ?)"
        rows = self.db.conn.execute(sql, (int(State.Learning), int(State.Relearning)))
        return [CardState.from_row(r) for r in rows]

    def leeches(self) -> list[str]:
        return [
            r[0]
            for r in self.db.conn.execute("SELECT card_id FROM card_state WHERE leech = 1 ORDER BY card_id")
        ]

    # --- answers ----------------------------------------------------------------------------------

    def record_answer(
        self,
        before: CardState | None,
        after: CardState,
        rating: int,
        when: datetime,
        duration_ms: int | None,
        mode: str,
    ) -> int:
        """Save the new state and append the review in one transaction; returns the log row id.

        When this returns the answer is committed (and, with synchronous=FULL, on disk).
        """
        row = after.row()
        logged = (
            to_ms(when),
            after.card_id,
            "review",
            rating,
            duration_ms,
            mode,
            NEW if before is None else int(before.state),
            int(after.state),
            None if before is None else before.to_json(),
            _snapshot(row),
            None,
        )
        checked = (*logged, row_crc(*logged))  # all the Python work before the write lock is taken
        with self.db.transaction() as conn:
            conn.execute(_SAVE_STATE, row)
            cursor = conn.execute(_APPEND_LOG, checked)
            return int(cursor.lastrowid or 0)

    def undo(self, review_id: int, when: datetime) -> LogEntry:
        """Cancel review `review_id`: restore the card's earlier state and append an 'undo' row."""
        with self.db.transaction() as conn:
            entry = self._entry(conn, review_id)
            if entry is None or entry.kind != "review":
                raise ValueError(f"no review {review_id} to undo")
            if conn.execute("SELECT 1 FROM review_log WHERE undoes = ?", (review_id,)).fetchone():
                raise ValueError(f"review {review_id} is already undone")
            if entry.before is None:
                conn.execute("DELETE FROM card_state WHERE card_id = ?", (entry.card_id,))
            else:
                conn.execute(
                    f"INSERT OR REPLACE INTO card_state ({_STATE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    entry.before.row(),
                )
            logged = (to_ms(when), entry.card_id, "undo", None, None, None, None, None, None, None, review_id)
            conn.execute(
                f"INSERT INTO review_log ({_LOGGED}, crc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (*logged, row_crc(*logged)),
            )
        return entry

    # --- the log ----------------------------------------------------------------------------------

    @staticmethod
    def _to_entry(row: sqlite3.Row | tuple[Any, ...]) -> LogEntry:
        rid, t, cid, kind, rating, dur, mode, sb, sa, bj, aj, undoes = row
        return LogEntry(
            rid,
            from_ms(t),
            cid,
            kind,
            rating,
            dur,
            mode,
            sb,
            sa,
            CardState.from_json(cid, bj),
            CardState.from_json(cid, aj),
            undoes,
        )

    _ENTRY_COLUMNS = (
        "id, time_ms, card_id, kind, rating, duration_ms, mode, state_before, state_after,"
        " before_json, after_json, undoes"
    )

    def _entry(self, conn: sqlite3.Connection, review_id: int) -> LogEntry | None:
        row = conn.execute(
            f"SELECT {self._ENTRY_COLUMNS} FROM review_log WHERE id = ?", (review_id,)
        ).fetchone()
        return self._to_entry(row) if row else None

    def entries(self, card_id: str | None = None) -> list[LogEntry]:
        """Every log row (reviews and undos), oldest first."""
        sql = f"SELECT {self._ENTRY_COLUMNS} FROM review_log"
        params: tuple[Any, ...] = ()
        if card_id is not None:
            sql += " WHERE card_id = ?"
            params = (card_id,)
        return [self._to_entry(r) for r in self.db.conn.execute(sql + " ORDER BY id", params)]

    def effective_reviews(
        self, since_ms: int = 0, until_ms: int | None = None
    ) -> list[tuple[str, int, int, int]]:
        """(card id, time ms, rating, state before) of reviews not undone, in time order."""
        sql = (
            "SELECT card_id, time_ms, rating, state_before FROM review_log"
            f" WHERE time_ms >= ? AND {_EFFECTIVE}"
        )
        params: list[Any] = [since_ms]
        if until_ms is not None:
            sql += " AND time_ms < ?"
            params.append(until_ms)
        return [(r[0], r[1], r[2], r[3]) for r in self.db.conn.execute(sql + " ORDER BY time_ms, id", params)]

    def review_count(self) -> int:
        return int(self.db.conn.execute(f"SELECT count(*) FROM review_log WHERE {_EFFECTIVE}").fetchone()[0])

    # --- bulk -------------------------------------------------------------------------------------

    def import_history(
        self,
        states: Iterable[CardState],
        reviews: Iterable[tuple[int, str, int, int | None, int, int]],
    ) -> None:
        """Load states and past reviews (time ms, card, rating, duration, state before, after) in one
        transaction: for imports and benchmarks, where a commit per row would take hours."""
        with self.db.transaction() as conn:
            conn.executemany(
                f"INSERT OR REPLACE INTO card_state ({_STATE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (s.row() for s in states),
            )
            rows = (
                (t, card, "review", rating, duration, "import", before, after, None, None, None)
                for t, card, rating, duration, before, after in reviews
            )
            conn.executemany(
                f"INSERT INTO review_log ({_LOGGED}, crc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                ((*row, row_crc(*row)) for row in rows),
            )
