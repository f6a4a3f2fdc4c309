"""Course figures: `roster_5k_s`, combining 5,000 completion records into a roster CSV.

The records are real ones (made by the same code a student's app uses, each with its integrity hash
and certificate code) written to a throwaway folder on disk, and the timed step is exactly what
`studyapp course roster DIR -o roster.csv` does: read, check and combine them, then write the CSV.
"""

from __future__ import annotations

import json
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from studyapp.content.loader import load_atlas
from studyapp.course import posttest
from studyapp.course.completion import completion_record
from studyapp.course.loader import load_course
from studyapp.course.records import CourseRecords
from studyapp.course.roster import build_roster, write_roster

ROOT = Path(__file__).resolve().parents[1]
RECORDS = 5000


def run() -> dict[str, float]:
    course = load_course(ROOT / "examples" / "hip-low-back", load_atlas().atlas).course
    assert course is not None
    with tempfile.TemporaryDirectory(prefix="studyapp-bench-roster-", dir=ROOT / "bench") as scratch:
        folder = Path(scratch)
        ticks = iter(range(10**9))

        def now() -> datetime:
            return datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=next(ticks))

        records = CourseRecords.open(folder, now=now, keep_backups=0)
        drawn = posttest.draw(course, seed=1)
        outcome = posttest.grade(course, drawn, {d.question.id: d.question.answers[0] for d in drawn})
        attempt = records.record_attempt(course.id, course.version, course.title, now(), outcome)
        records.close()
        out = folder / "records"
        out.mkdir()
        for i in range(RECORDS):
            record = completion_record(course, attempt, f"Student {i:05d}", f"LMT-{i}", 0.75, now())
            (out / f"record-{i:05d}.json").write_text(json.dumps(record), encoding="utf-8")
        started = time.perf_counter()
        rows = build_roster(sorted(out.glob("*.json")))
        write_roster(rows, folder / "roster.csv")
        elapsed = time.perf_counter() - started
        assert sum(r.status == "ok" for r in rows) == RECORDS
    return {"roster_5k_s": elapsed}


if __name__ == "__main__":
    print(run())
