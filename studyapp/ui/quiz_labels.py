"""What the quiz screens call things: kinds of card, answer modes, grades, and intervals in words."""

from __future__ import annotations

from datetime import timedelta

from fsrs import Rating
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QWidget,
)

from studyapp.quiz.cards import CARD_TYPES, Template
from studyapp.quiz.questions import AnswerMode
from studyapp.quiz.study import Idle

KIND_LABELS = {template: card_type.label for template, card_type in CARD_TYPES.items()}
MODE_LABELS = {
    AnswerMode.SHOW: "Show and grade",
    AnswerMode.CHOICE: "Multiple choice",
    AnswerMode.TYPED: "Type the answer",
}
IDLE_TEXT = {
    Idle.EMPTY_DECK: "This deck has no cards yet.\nFor Favourites: press ☆ on a muscle (Ctrl+D) to add it.",
    Idle.LEARNING_LATER: "Nothing to study right now.\nA learning card comes back later today.",
    Idle.LIMIT_REACHED: (
        "Today's limit is reached; more cards are waiting.\nCome back tomorrow, or raise the daily limits."
    ),
    Idle.SIBLINGS_TOMORROW: "The cards left are about muscles you studied today.\nThey come back tomorrow.",
    Idle.DONE: "Well done: nothing more is due today.\nCome back tomorrow.",
}
RATING_LABELS = {Rating.Again: "Again", Rating.Hard: "Hard", Rating.Good: "Good", Rating.Easy: "Easy"}
CHART_TEMPLATES = {
    Template.REFERRAL_TO_MUSCLE,
    Template.CLICK_REFERRAL,
    Template.REGION_TO_MUSCLES,
    Template.POINT_LOCATE,
    Template.NAME_HIGHLIGHTED,
    Template.CLICK_MUSCLE,
}


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
