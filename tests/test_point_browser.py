"""Browsing the acupoints: the Points tab by channel and body area, the point detail pane, the
trigger point-acupoint pairs view, and point hits in the navigator's search."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QUrl

from studyapp.content.loader import load_atlas
from studyapp.search import SearchIndex
from studyapp.storage.userdata import UserData
from studyapp.ui.navigator import NavigatorPane
from studyapp.ui.point_browser import PointBrowser
from studyapp.ui.point_detail import point_detail_html
from studyapp.ui.state import AppState
from studyapp.ui.tp_acupoint_view import COLUMNS, TpAcupointView
from tests.helpers.state import make_state

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def state(tmp_path: Path, isolated_data_dir: Path) -> Iterator[AppState]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    with UserData() as store:
        made = make_state(load_atlas().atlas, store, settings)
        yield made
        made.close()


def test_points_browse_by_channel_in_channel_order(qtbot: Any, state: AppState) -> None:
    browser = PointBrowser(state)
    qtbot.addWidget(browser)
    labels = browser.group_labels()
    assert labels[0] == "LU Lung"
    assert labels[10] == "GB Gallbladder"
    assert browser.codes_in(10) == [f"GB{n}" for n in range(1, 45)]
    assert browser.tree.topLevelItem(10).text(0) == "GB Gallbladder (44)"


def test_points_browse_by_body_area(qtbot: Any, state: AppState) -> None:
    browser = PointBrowser(state)
    qtbot.addWidget(browser)
    browser.mode.setCurrentIndex(browser.mode.findData("area"))
    labels = browser.group_labels()
    assert labels[:2] == ["Head and face", "Neck"]
    hip = labels.index("Hip and thigh")
    assert "GB30" in browser.codes_in(hip)
    assert sum(len(browser.codes_in(i)) for i in range(len(labels))) == len(state.tp_links.points.points)


def test_choosing_a_point_shows_its_detail_and_links_open_muscles(qtbot: Any, state: AppState) -> None:
    browser = PointBrowser(state)
    qtbot.addWidget(browser)
    browser.tree.setCurrentItem(browser.tree.topLevelItem(10).child(29))  # GB30
    text = browser.detail.toPlainText()
    point = state.tp_links.points.points["GB30"]
    for part in ("GB30", point.pinyin, point.english, "Structures", "Gluteus maximus", "Sources"):
        assert part in text
    assert "Trigger points nearby" in text and " cm on the " in text
    with qtbot.waitSignal(state.muscleRequested) as asked:
        browser.detail.anchorClicked.emit(QUrl("muscle:gluteus_maximus"))
    assert asked.args == ["gluteus_maximus"]


def test_detail_lists_the_nearby_trigger_points_with_distances_and_categories(state: AppState) -> None:
    links = state.tp_links
    html = point_detail_html("GB21", links)
    near = links.near_point("GB21")
    assert near, "GB21 lies over the upper trapezius trigger point"
    assert f"{near[0].cm:.1f} cm" in html
    assert "Categories" in html and "crossing" in html
    assert "No acupoint XX99" in point_detail_html("XX99", links)


def test_a_requested_point_is_shown_even_as_typed(qtbot: Any, state: AppState) -> None:
    browser = PointBrowser(state)
    qtbot.addWidget(browser)
    state.request_point("gb 30")
    assert browser.detail.code == "GB30"
    current = browser.tree.currentItem()
    assert current is not None and current.text(0).startswith("GB30 ")


def test_the_pairs_view_lists_pairs_by_area_with_distance_channel_match_and_sources(
    qtbot: Any, state: AppState
) -> None:
    view = TpAcupointView(state)
    qtbot.addWidget(view)
    areas = state.tp_links.pairs_by_area()
    assert view.tree.topLevelItemCount() == len(areas)
    assert [view.tree.topLevelItem(i).text(0) for i in range(len(areas))] == [
        f"{a.label} ({len(a.pairs)})" for a in areas
    ]
    hip = next(i for i, a in enumerate(areas) if a.area == "hip_thigh")
    rows = view.tree.topLevelItem(hip)
    texts = [[rows.child(j).text(c) for c in range(len(COLUMNS))] for j in range(rows.childCount())]
    gmin = [t for t in texts if t[0].startswith("Gluteus minimus") and t[1].startswith("GB")]
    assert gmin, texts
    assert all(t[2].endswith(" cm") and float(t[2][:-3]) <= 2.0 for t in texts)
    assert any(t[3].startswith("yes") for t in texts)
    row = next(rows.child(j) for j in range(rows.childCount()) if rows.child(j).text(1).startswith("GB"))
    with qtbot.waitSignal(state.pointRequested) as asked:
        view.tree.itemActivated.emit(row, 1)
    assert asked.args == [row.text(1).split()[0]]
    with qtbot.waitSignal(state.muscleRequested):
        view.tree.itemActivated.emit(row, 0)


def test_search_hits_that_are_points_are_listed_and_open_the_point(qtbot: Any, state: AppState) -> None:
    atlas = state.atlas
    index = SearchIndex(list(atlas.muscles.values()), points=lambda: state.tp_links.points)
    navigator = NavigatorPane(atlas, index)
    qtbot.addWidget(navigator)
    navigator.show()
    assert navigator.point_hits.isHidden()
    navigator.search_box.setText("gb 30")
    assert navigator.point_hits.codes()[0] == "GB30"
    assert not navigator.point_hits.isHidden()
    with qtbot.waitSignal(navigator.pointActivated) as opened:
        item = navigator.point_hits.item(0)
        navigator.point_hits.itemClicked.emit(item)
    assert opened.args == ["GB30"]
    navigator.search_box.setText("deltoid")
    assert navigator.point_hits.isHidden()


def test_the_pairs_view_names_its_sources(qtbot: Any, state: AppState) -> None:
    view = TpAcupointView(state)
    qtbot.addWidget(view)
    text = view.sources.toPlainText()
    assert "Dorsher" in text and "Melzack" in text
