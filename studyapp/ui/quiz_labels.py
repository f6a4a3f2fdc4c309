"""What the quiz screens call things: kinds of card, answer modes, grades, and intervals in words."""

from __future__ import annotations

from datetime import timedelta

from fsrs import Rating
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QWidget,
)

from studyapp.quiz.cards import Template
from studyapp.quiz.questions import AnswerMode

KIND_LABELS = {
    Template.ORIGIN_TO_MUSCLE: "Origin → muscle",
    Template.ORIGIN: "Origin",
    Template.INSERTION: "Insertion",
    Template.ACTIONS: "Actions",
    Template.INNERVATION: "Innervation",
    Template.REFERRAL_TO_MUSCLE: "Referral pattern → muscle",
    Template.CLICK_REFERRAL: "Where does it refer?",
    Template.REGION_TO_MUSCLES: "Pain region → muscles",
    Template.NEEDLING: "Needling safety",
}
MODE_LABELS = {
    AnswerMode.SHOW: "Show and grade",
    AnswerMode.CHOICE: "Multiple choice",
    AnswerMode.TYPED: "Type the answer",
}
RATING_LABELS = {Rating.Again: "Again", Rating.Hard: "Hard", Rating.Good: "Good", Rating.Easy: "Easy"}
CHART_TEMPLATES = {Template.REFERRAL_TO_MUSCLE, Template.CLICK_REFERRAL, Template.REGION_TO_MUSCLES}


def format_interval(delta: timedelta) -> str:
    """Anki-style short intervals for the grade buttons: <1m, 10m, 5h, 3d, 2.5mo, 1.2y."""
    seconds = delta.total_seconds()
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo".replace(".0mo", "mo")
    return f"{days / 365:.1f}y".replace(".0y", "y")


def is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def quiz_colours(dark: bool) -> dict[str, str]:
    """Queue and verdict colours that keep their contrast in the light and the dark theme."""
    return {
        "new": "#8ab4f8" if dark else "#1755b8",
        "learning": "#ff8a80" if dark else "#b3261e",
        "review": "#81c995" if dark else "#1e7d32",
        "right": "#81c995" if dark else "#1e7d32",
        "wrong": "#ff8a80" if dark else "#b3261e",
        "muted": "#a4a9b3" if dark else "#5a5f69",
    }
