"""A multiple-choice option that wraps its text, so a long option never widens the card.

QPushButton and QCheckBox draw their text on one line and ask for its full width: a 300-character
option made the whole quiz wider than the window (a sideways scrollbar, Settings and Undo cut off).
Here a word-wrapped label inside the button draws the text, and the button's height follows the
label's height for the width it is given.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

MIN_OPTION_WIDTH = 160  # the narrowest an option asks for; it wraps to whatever it is given


class OptionButton(QPushButton):
    """A push button (checkable for "tick every right answer") whose text wraps."""

    def __init__(self, text: str, *, ticked: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self._ticked = ticked
        self._colour = ""
        self._bold = False
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self._margins = layout.contentsMargins()
        layout.addWidget(self.label)
        self.setCheckable(ticked)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.toggled.connect(self._redraw)
        self._redraw()

    def option_text(self) -> str:
        return self._text

    def _redraw(self, _checked: bool = False) -> None:
        box = ("☑ " if self.isChecked() else "☐ ") if self._ticked else ""
        self.label.setText(box + self._text)
        style = []
        if self._colour:
            style.append(f"color: {self._colour}")
        elif self.isChecked() and not self._ticked:  # a chosen exam option sits on the highlight
            style.append("color: palette(highlighted-text)")
        if self._bold:
            style.append("font-weight: bold")
        self.label.setStyleSheet("; ".join(style))

    def set_emphasis(self, colour: str = "", bold: bool = False) -> None:
        """Colour and weight of the text (right and wrong answers after the reveal)."""
        self._colour, self._bold = colour, bold
        self._redraw()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        margins = self._margins
        inner = max(1, width - margins.left() - margins.right())
        return self.label.heightForWidth(inner) + margins.top() + margins.bottom() + 2

    def sizeHint(self) -> QSize:
        return QSize(MIN_OPTION_WIDTH * 2, self.heightForWidth(MIN_OPTION_WIDTH * 2))

    def minimumSizeHint(self) -> QSize:
        return QSize(MIN_OPTION_WIDTH, self.heightForWidth(MIN_OPTION_WIDTH))
