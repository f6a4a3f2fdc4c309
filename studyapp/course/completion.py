"""What a student hands to the provider: the certificate's fields, a verification code, a record.

The verification code is derived from the attempt record (a hash of the fields the certificate
prints), so the provider can recompute it from the completion record with `studyapp course verify`.
It proves that a record and a certificate belong together and were not edited afterwards; being
computed offline without a secret, it is an integrity check, not a forgery-proof signature (the
provider's own roster of received records is the authority). The record carries xAPI-style
statements ("completed", "passed"/"failed") so a provider's LRS can take them as they are.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from studyapp import __version__
from studyapp.course.model import Course
from studyapp.course.records import Attempt

RECORD_FORMAT = "studyapp-completion-record"
RECORD_VERSION = 1
XAPI_VERBS = {
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
}
CSV_COLUMNS = (
    "participant",
    "licence",
    "course_id",
    "course_title",
    "course_version",
    "course_type",
    "ce_hours",
    "provider",
    "provider_numbers",
    "completed",
    "score_percent",
    "passed",
    "mastery_percent",
    "certificate_code",
)


@dataclass(frozen=True, slots=True)
class CertificateFields:
    """Everything a board asks to see on a certificate of completion, as printed text."""

    participant: str
    licence: str
    course_title: str
    course_type: str
    completed: str  # ISO date, local to the student
    provider: str
    provider_numbers: str  # "NCBTMB 451234-00; NCCAOM PDA-1234"
    provider_contact: str
    signatory: str
    hours: str  # "4 CEs"
    score: str  # "90 % (9 of 10)"
    code: str


def hours_text(hours: float) -> str:
    """NCBTMB asks for the hours written as "CEs", never "CEUs"."""
    number = f"{hours:g}"
    return f"{number} CE" if number == "1" else f"{number} CEs"


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def code_fields(
    course_id: str, version: str, title: str, participant: str, licence: str, attempt: dict[str, Any]
) -> dict[str, Any]:
    return {
        "course_id": course_id,
        "course_version": version,
        "course_title": title,
        "participant": participant.strip(),
        "licence": licence.strip(),
        "attempt_started": attempt["started"],
        "attempt_finished": attempt["finished"],
        "score_percent": attempt["score_percent"],
        "correct": attempt["correct"],
        "total": attempt["total"],
    }


def verification_code(fields: dict[str, Any]) -> str:
    """15 characters in groups of five (Crockford-like base32 without padding), e.g. K3F9Q-..."""
    digest = hashlib.sha256(_canonical(fields)).digest()
    text = base64.b32encode(digest).decode().rstrip("=")[:15]
    return "-".join(text[i : i + 5] for i in range(0, 15, 5))


def attempt_summary(attempt: Attempt) -> dict[str, Any]:
    return {
        "number": attempt.id,
        "started": attempt.started.astimezone(UTC).isoformat(timespec="seconds"),
        "finished": attempt.finished.astimezone(UTC).isoformat(timespec="seconds"),
        "score_percent": attempt.score,
        "correct": attempt.correct,
        "total": attempt.total,
        "passed": attempt.passed,
    }


def certificate_fields(
    course: Course, attempt: Attempt, participant: str, licence: str, local_date: str
) -> CertificateFields:
    summary = attempt_summary(attempt)
    code = verification_code(
        code_fields(course.id, course.version, course.title, participant, licence, summary)
    )
    return CertificateFields(
        participant=participant.strip(),
        licence=licence.strip(),
        course_title=course.title,
        course_type=course.course_type.label,
        completed=local_date,
        provider=course.provider.name,
        provider_numbers="; ".join(f"{a.board} {a.number}" for a in course.provider.approvals),
        provider_contact=course.provider.contact,
        signatory=course.provider.signatory,
        hours=hours_text(course.ce_hours),
        score=f"{attempt.score:g} % ({attempt.correct} of {attempt.total})",
        code=code,
    )


def completion_record(
    course: Course, attempt: Attempt, participant: str, licence: str, mastery: float, issued: datetime
) -> dict[str, Any]:
    """One JSON object per completion: the fields, xAPI-style statements and an integrity hash."""
    summary = attempt_summary(attempt)
    fields = code_fields(course.id, course.version, course.title, participant, licence, summary)
    code = verification_code(fields)
    actor = {
        "objectType": "Agent",
        "name": participant.strip(),
        "account": {"homePage": "urn:studyapp", "name": licence.strip() or participant.strip()},
    }
    activity = {
        "objectType": "Activity",
        "id": f"urn:studyapp:course:{course.id}:{course.version}",
        "definition": {
            "name": {course.language or "en": course.title},
            "type": "http://adlnet.gov/expapi/activities/course",
        },
    }
    stamp = summary["finished"]
    scaled = round(attempt.score / 100.0, 4)
    statements = [
        {
            "actor": actor,
            "verb": {"id": XAPI_VERBS["completed"], "display": {"en-US": "completed"}},
            "object": activity,
            "result": {"completion": True},
            "timestamp": stamp,
        },
        {
            "actor": actor,
            "verb": {
                "id": XAPI_VERBS["passed" if attempt.passed else "failed"],
                "display": {"en-US": "passed" if attempt.passed else "failed"},
            },
            "object": activity,
            "result": {
                "success": attempt.passed,
                "completion": True,
                "score": {"scaled": scaled, "raw": attempt.correct, "min": 0, "max": attempt.total},
                "extensions": {"urn:studyapp:mastery-score": round(mastery, 4)},
            },
            "timestamp": stamp,
        },
    ]
    body: dict[str, Any] = {
        "format": RECORD_FORMAT,
        "format_version": RECORD_VERSION,
        "app_version": __version__,
        "participant": {"name": participant.strip(), "licence": licence.strip()},
        "course": {
            "id": course.id,
            "title": course.title,
            "version": course.version,
            "course_type": course.course_type.value,
            "ce_hours": course.ce_hours,
            "provider": course.provider.name,
            "provider_numbers": [f"{a.board} {a.number}" for a in course.provider.approvals],
        },
        "attempt": summary,
        "mastery_percent": round(100.0 * mastery, 1),
        "certificate": {"code": code, "issued": issued.astimezone(UTC).isoformat(timespec="seconds")},
        "statements": statements,
    }
    body["integrity"] = hashlib.sha256(_canonical(body)).hexdigest()
    return body


class RecordError(ValueError):
    """A completion record that is malformed or fails its integrity check (message says which)."""


def check_record(record: Any) -> dict[str, Any]:
    """The record if its structure, integrity hash and certificate code hold; else RecordError."""
    if not isinstance(record, dict) or record.get("format") != RECORD_FORMAT:
        raise RecordError("not a studyapp completion record")
    if record.get("format_version") != RECORD_VERSION:
        raise RecordError(f"unknown record format_version {record.get('format_version')!r}")
    body = {k: v for k, v in record.items() if k != "integrity"}
    if hashlib.sha256(_canonical(body)).hexdigest() != record.get("integrity"):
        raise RecordError("integrity check failed: the record was changed after it was made")
    try:
        course, person, attempt = record["course"], record["participant"], record["attempt"]
        fields = code_fields(
            course["id"], course["version"], course["title"], person["name"], person["licence"], attempt
        )
        code = record["certificate"]["code"]
    except (KeyError, TypeError) as exc:
        raise RecordError(f"missing field {exc}") from None
    if verification_code(fields) != code:
        raise RecordError("the certificate code does not match the attempt")
    return record


def record_csv_row(record: dict[str, Any]) -> dict[str, str]:
    course, attempt = record["course"], record["attempt"]
    return {
        "participant": record["participant"]["name"],
        "licence": record["participant"]["licence"],
        "course_id": course["id"],
        "course_title": course["title"],
        "course_version": course["version"],
        "course_type": course["course_type"],
        "ce_hours": f"{course['ce_hours']:g}",
        "provider": course["provider"],
        "provider_numbers": "; ".join(course["provider_numbers"]),
        "completed": attempt["finished"],
        "score_percent": f"{attempt['score_percent']:g}",
        "passed": "yes" if attempt["passed"] else "no",
        "mastery_percent": f"{record['mastery_percent']:g}",
        "certificate_code": record["certificate"]["code"],
    }


def record_csv(record: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerow(record_csv_row(record))
    return out.getvalue()


def now_utc() -> datetime:
    return datetime.now(UTC)
