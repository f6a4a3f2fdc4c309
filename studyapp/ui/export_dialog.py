"""File > Export: the cards for Anki or an LMS, the atlas or the review history as CSV.

The dialog only gathers the choices; `studyapp.interop` does the work (as `studyapp export` does),
with the chart's referral pictures, while a busy indicator shows.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from studyapp.content.model import Atlas
from studyapp.interop.cards import ALL
from studyapp.interop.commands import ExportRequest, export
from studyapp.interop.errors import InteropError

# label -> (format, csv table, file suffix, file-dialog filter)
CHOICES: dict[str, tuple[str, str, str, str]] = {
    "Anki package (.apkg)": ("apkg", "muscles", ".apkg", "Anki package (*.apkg)"),
    "Moodle XML question bank": ("moodle-xml", "muscles", ".xml", "Moodle XML (*.xml)"),
    "GIFT question bank": ("gift", "muscles", ".gift", "GIFT (*.gift *.txt)"),
    "IMS QTI 2.1 package": ("qti", "muscles", ".zip", "QTI package (*.zip)"),
    "CSV: one row per muscle": ("csv", "muscles", ".csv", "CSV (*.csv)"),
    "CSV: one row per trigger point": ("csv", "trigger-points", ".csv", "CSV (*.csv)"),
    "CSV: my review history": ("csv", "reviews", ".csv", "CSV (*.csv)"),
}


class ExportDialog(QDialog):
    """What to export and which deck; `request(path)` turns the choice into an `ExportRequest`."""

    def __init__(self, atlas: Atlas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        form = QFormLayout(self)
        self.kind = QComboBox()
        self.kind.addItems(list(CHOICES))
        self.kind.setAccessibleName("What to export")
        self.deck = QComboBox()
        self.deck.addItem("All muscles", ALL)
        for area in atlas.areas.values():
            if atlas.muscles_in_area(area.id):
                self.deck.addItem(area.label, area.id)
        self.deck.setAccessibleName("Deck")
        form.addRow("Export", self.kind)
        form.addRow("Deck", self.deck)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def choice(self) -> tuple[str, str, str, str]:
        return CHOICES[self.kind.currentText()]

    def request(self, path: Path) -> ExportRequest:
        fmt, table, _suffix, _filter = self.choice()
        return ExportRequest(format=fmt, output=path, deck=str(self.deck.currentData()), table=table)


def run_export(request: ExportRequest, atlas: Atlas, data_folder: Path, parent: QWidget | None = None) -> str:
    """Do the export with a busy indicator; returns the summary line. Raises InteropError."""
    from studyapp.ui.referral_pictures import picture_renderer

    busy = QProgressDialog("Exporting… (drawing the referral pictures takes a few seconds)", "", 0, 0, parent)
    busy.setCancelButton(None)
    busy.setWindowModality(Qt.WindowModality.WindowModal)
    busy.setMinimumDuration(0)
    busy.show()
    QApplication.processEvents()
    try:
        return export(request, atlas, data_folder, picture_renderer)
    finally:
        busy.close()
        busy.deleteLater()


def export_with_dialogs(atlas: Atlas, data_folder: Path, parent: QWidget | None = None) -> str | None:
    dialog = ExportDialog(atlas, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    _fmt, _table, suffix, file_filter = dialog.choice()
    name, _ = QFileDialog.getSaveFileName(parent, "Export to", f"studyapp{suffix}", file_filter)
    if not name:
        return None
    try:
        summary = run_export(dialog.request(Path(name)), atlas, data_folder, parent)
    except (InteropError, OSError) as error:
        QMessageBox.warning(parent, "Export failed", str(error))
        return None
    QMessageBox.information(parent, "Export done", summary)
    return summary
