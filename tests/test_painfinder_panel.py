"""The pain-finder panel: regions in (from the chart or typed), ranked reasons out, a muscle chosen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment

from studyapp.content.loader import load_atlas
from studyapp.content.model import Atlas
from studyapp.ui.painfinder_panel import MUSCLE_ID_ROLE, NAME_ROLE, REASON_ROLE, PainFinderPanel
from tests.helpers.atlas_files import make_root, muscle, trigger_point, write_muscle

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")


@pytest.fixture
def atlas(tmp_path: Path) -> Atlas:
    root = make_root(tmp_path)
    write_muscle(
        root,
        muscle(
            id="gluteus_minimus",
            name="Gluteus minimus",
            aliases=[],
            trigger_points=[
                trigger_point("tp1", ["greater_trochanter"], ["lateral_thigh_upper"], {"lateral": [220, 480]})
            ],
        ),
    )
    write_muscle(
        root,
        muscle(
            id="tensor_fasciae_latae",
            name="Tensor fasciae latae",
            aliases=[],
            trigger_points=[
                trigger_point("tp1", ["lateral_thigh_upper"], ["greater_trochanter"], {"lateral": [220, 480]})
            ],
        ),
    )
    result = load_atlas(root)
    assert result.ok, result.problems
    return result.atlas


@pytest.fixture
def panel(qtbot: Any, atlas: Atlas) -> PainFinderPanel:
    widget = PainFinderPanel(atlas)
    qtbot.addWidget(widget)
    widget.resize(380, 500)
    return widget


def test_regions_from_the_chart_list_ranked_muscles_with_reasons(
    panel: PainFinderPanel, qtmodeltester: Any
) -> None:
    panel.set_regions(["greater_trochanter"])
    model = panel.model
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    first = model.index(0, 0)
    assert first.data(NAME_ROLE) == "Gluteus minimus"
    assert first.data() == "1. Gluteus minimus  (1 essential)"
    assert model.index(0, 0, first).data() == "TP1: essential zone covers Greater trochanter"
    assert first.data(MUSCLE_ID_ROLE) == "gluteus_minimus"
    assert first.data(REASON_ROLE) == "TP1: essential zone covers Greater trochanter"
    assert (
        model.index(1, 0)
        .data(Qt.ItemDataRole.ToolTipRole)
        .startswith("TP1: spillover zone covers Greater trochanter.")
    )
    assert "Greater trochanter ✕" in QTextDocumentFragment.fromHtml(panel.chips.text()).toPlainText()


def test_activating_a_result_emits_muscle_chosen(panel: PainFinderPanel, qtbot: Any) -> None:
    panel.set_regions(["lateral_thigh_upper"])
    with qtbot.waitSignal(panel.muscleChosen) as chosen:
        panel.results.activated.emit(panel.model.index(0, 0))
    assert chosen.args == ["tensor_fasciae_latae"]


def test_typing_a_region_adds_it_and_tells_the_chart(panel: PainFinderPanel, qtbot: Any) -> None:
    with qtbot.waitSignal(panel.regionsChanged) as changed:
        panel.region_edit.setText("greater troch")
        qtbot.keyClick(panel.region_edit, Qt.Key.Key_Return)
    assert changed.args == [["greater_trochanter"]]
    assert panel.regions() == ["greater_trochanter"]
    with qtbot.waitSignal(panel.regionsChanged) as removed:
        panel.chips.linkActivated.emit("greater_trochanter")  # the ✕ link
    assert removed.args == [[]]
    assert panel.model.rowCount() == 0


def test_unknown_and_empty_answers_are_explained(panel: PainFinderPanel) -> None:
    panel.set_regions(["vertex"])
    assert "No muscle in the atlas refers pain to Vertex" in panel.message.text()
    panel.set_regions(["no_such_place"])
    assert "Unknown region 'no_such_place'" in panel.message.text()
    assert panel.regions() == []


def test_panel_renders_legibly(panel: PainFinderPanel, qtbot: Any, tmp_path: Path) -> None:
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_regions(["greater_trochanter", "lateral_thigh_upper"])
    first = panel.model.index(0, 0)
    assert not panel.results.visualRect(panel.model.index(0, 0, first)).isValid()  # one line per muscle
    qtbot.mouseClick(
        panel.results.viewport(), Qt.MouseButton.LeftButton, pos=panel.results.visualRect(first).center()
    )
    reason = panel.results.visualRect(panel.model.index(0, 0, first))
    assert reason.top() > panel.results.visualRect(first).bottom() - 1  # reasons are shown under the name
    assert reason.height() >= panel.fontMetrics().height()
    assert not panel.grab().isNull()


def test_the_side_that_hurts_says_where_to_look_for_the_trigger_point(panel: PainFinderPanel) -> None:
    panel.set_regions(["greater_trochanter"])
    first = panel.model.index(0, 0)
    assert "side" not in str(panel.model.index(0, 0, first).data())
    panel.side_combo.setCurrentIndex(panel.side_combo.findData("left"))
    first = panel.model.index(0, 0)
    assert str(panel.model.index(0, 0, first).data()).endswith("(trigger point on the left side)")
