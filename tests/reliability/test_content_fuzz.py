"""Property-based fuzzing of content files (issue #18): whatever a muscle file holds, loading it and
`studyapp validate` never raise, every problem names the file with a line (and the field where it
is about one), prints as exactly one line, and the valid record beside it still loads.

Inputs: real muscle files mutated at the byte, line and value level, YAML generated from arbitrary
nested values, token soup of YAML syntax, and raw bytes. Derandomized, so CI sees the same examples
on every run; `pytest --hypothesis-show-statistics` shows how many were refused and how.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from studyapp.cli import main
from studyapp.content.loader import load_atlas
from studyapp.content.schema import EXTENSION, MUSCLE, TRIGGER_POINT, ZONE
from studyapp.paths import resources_dir
from tests.helpers.atlas_files import make_root, muscle, write_muscle

FUZZ = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SIBLING = "zz_fuzz_sibling"
# 15 files from every body area (and the ones with drawn zone outlines), read once: a strategy must
# not depend on files that may change while it runs.
_REAL = sorted((resources_dir() / "muscles").glob("*/*.yaml"))
REAL_FILES = {
    f"{path.parent.name}/{path.name}": path.read_bytes()
    for path in [*_REAL[::10], *(p for p in _REAL if b"outline:" in p.read_bytes())]
}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**150, max_value=10**400),
    st.floats(),
    st.text(max_size=30),
    st.dates(),
    st.sampled_from(["tp1", "posterior", "greater_trochanter", "", " ", "a\nerror: b", "x" * 300, "\x1b[2J"]),
)
_keys = st.one_of(
    st.sampled_from([*MUSCLE, *TRIGGER_POINT, *ZONE, *EXTENSION]), st.text(max_size=12), st.integers()
)
_PATH_TOKENS = [
    "M",
    "L",
    "C",
    "Q",
    "Z",
    "z",
    "H",
    "A",
    " ",
    ",",
    "-",
    ".",
    "e",
    "1",
    "0",
    "120",
    "9e99",
    "nan",
]
svg_paths = st.one_of(
    st.lists(st.sampled_from(_PATH_TOKENS), max_size=40).map("".join),
    st.lists(st.tuples(st.floats(-50, 700), st.floats(-50, 1600)), min_size=1, max_size=12).map(
        lambda points: "M " + " L ".join(f"{x:.1f} {y:.1f}" for x, y in points) + " Z"
    ),
)
zones = st.lists(
    st.fixed_dictionaries(
        {"kind": st.sampled_from(["essential", "spillover", "other", ""])},
        optional={
            "side": st.sampled_from(["same", "opposite", "both", "left", ""]),
            "regions": st.lists(st.sampled_from(["greater_trochanter", "lateral_thigh_upper", "nowhere"])),
            "outline": st.dictionaries(
                st.sampled_from(["posterior", "anterior", "lateral", "moon"]), svg_paths
            ),
        },
    ),
    max_size=3,
)
values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(_keys, inner, max_size=5),
    max_leaves=25,
)
_TOKENS = [*"-:[]{}&*!|>'\"#%@`,?\n \t", "id", "name", "tp1", "a", "1", "&a ", "*a", "---", "<<", "\n  ",
           "\n- ", ": ", "!!binary", "!!python/name:os.system", "0x", "1e9", "\\0", "\ufeff"]  # fmt: skip


def _dump(value: Any) -> bytes:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False).encode("utf-8")


def _paths(value: Any, key: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield key
    children = (
        value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    )
    for name, child in children:
        yield from _paths(child, (*key, name))


@st.composite
def mutated_real_file(draw: st.DrawFn) -> tuple[str, bytes]:
    """(area/file name, bytes) of a real muscle file after a few byte, line or value mutations."""
    name = draw(st.sampled_from(sorted(REAL_FILES)))
    data = REAL_FILES[name]
    kind = draw(st.sampled_from(["bytes", "lines", "value"]))
    if kind == "bytes":
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(data)))
            op = draw(st.sampled_from(["flip", "delete", "insert", "truncate"]))
            if op == "flip" and at < len(data):
                data = data[:at] + bytes([data[at] ^ (1 << draw(st.integers(0, 7)))]) + data[at + 1 :]
            elif op == "delete":
                data = data[:at] + data[at + draw(st.integers(1, 200)) :]
            elif op == "insert":
                data = data[:at] + draw(st.binary(min_size=1, max_size=20)) + data[at:]
            else:
                data = data[:at]
    elif kind == "lines":
        lines = data.split(b"\n")
        for _ in range(draw(st.integers(1, 4))):
            i = draw(st.integers(0, len(lines) - 1))
            op = draw(st.sampled_from(["duplicate", "delete", "swap", "replace", "indent", "dedent"]))
            if op == "duplicate":  # a repeated key, most of the time
                lines.insert(i, lines[i])
            elif op == "delete" and len(lines) > 1:
                del lines[i]
            elif op == "swap":
                j = draw(st.integers(0, len(lines) - 1))
                lines[i], lines[j] = lines[j], lines[i]
            elif op == "replace":
                lines[i] = "".join(draw(st.lists(st.sampled_from(_TOKENS), max_size=12))).encode()
            elif op == "indent":
                lines[i] = b"  " + lines[i]
            else:
                lines[i] = lines[i].lstrip()
        data = b"\n".join(lines)
    else:
        doc = yaml.safe_load(data)
        for _ in range(draw(st.integers(1, 3))):
            path = draw(st.sampled_from(list(_paths(doc))))
            if not path:
                doc = draw(values)
                break
            parent = doc
            for part in path[:-1]:
                parent = parent[part]
            if draw(st.booleans()) and isinstance(parent, dict):
                del parent[path[-1]]
            else:
                parent[path[-1]] = draw(values)
        data = _dump(doc)
    return name, data


def _with_zones(zone_list: list[dict[str, Any]]) -> bytes:
    tp = {**muscle()["trigger_points"][0], "zones": zone_list}
    return _dump(muscle(id="bad", name="Bad", aliases=[], schema=2, trigger_points=[tp]))


extension = st.fixed_dictionaries(
    {"schema": st.sampled_from([2, 1, 3]), "extends": st.sampled_from([SIBLING, "test_muscle", "nope", ""])},
    optional={
        "replaces": st.lists(st.one_of(st.sampled_from([*MUSCLE, "nope"]), values), max_size=3),
        "notes": st.lists(st.text(max_size=20), max_size=2),
        "trigger_points": st.lists(st.dictionaries(st.sampled_from([*TRIGGER_POINT]), values), max_size=2),
        "palpation": values,
        "id": values,
        "aliases": values,
        "sources": values,
        "self_care": values,
    },
)

generated_file = st.one_of(
    values.map(_dump),
    zones.map(_with_zones),
    extension.map(_dump),
    st.lists(st.sampled_from(_TOKENS), max_size=80).map(lambda tokens: "".join(tokens).encode("utf-8")),
    st.binary(max_size=300),
).map(lambda data: ("hip_thigh/bad.yaml", data))


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real region catalogue and one valid record that must survive every bad neighbour."""
    root = make_root(tmp_path_factory.mktemp("fuzz"))
    # validate runs with this root as the resources, so it needs the drawing outlines are checked on
    shutil.copy(resources_dir() / "bodychart" / "geometry.json", root / "bodychart" / "geometry.json")
    write_muscle(root, muscle(id=SIBLING, name="Zz fuzz sibling", aliases=["zzfs"]))
    return root


def _check(root: Path, name: str, data: bytes) -> None:
    path = root / "muscles" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    try:
        result = load_atlas(root)  # must not raise
        display = f"resources/muscles/{name}"
        assert SIBLING in result.atlas.muscles, [str(p) for p in result.problems]
        for problem in result.problems:
            text = str(problem)
            assert problem.file == display, text
            assert problem.line is not None or problem.message.endswith("more problems"), text
            assert not _CONTROL.search(text), text
            assert "please report this" not in problem.message, text
        event("refused or reported" if result.problems else "loaded cleanly")

        out = io.StringIO()
        with (
            mock.patch.dict(os.environ, {"STUDYAPP_RESOURCES": str(root)}),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(io.StringIO()),
        ):
            status = main(["validate", str(path)])
        errors = [line for line in out.getvalue().splitlines() if line.startswith("error:")]
        assert status == (1 if result.problems else 0), out.getvalue()
        assert len(errors) == len(result.problems), out.getvalue()  # one line each, none faked
        assert all(name.split("/")[-1] in line for line in errors), out.getvalue()
    finally:
        path.unlink()


@FUZZ
@given(case=mutated_real_file())
def test_mutated_real_muscle_files_never_break_loading(fuzz_root: Path, case: tuple[str, bytes]) -> None:
    _check(fuzz_root, *case)


@FUZZ
@given(case=generated_file)
def test_generated_yaml_never_breaks_loading(fuzz_root: Path, case: tuple[str, bytes]) -> None:
    _check(fuzz_root, *case)


translation = st.one_of(
    values,
    st.fixed_dictionaries(
        {
            "language": st.sampled_from(["de", "fr", 1]),
            "muscles": st.dictionaries(st.sampled_from([SIBLING, "nope"]), values),
        }
    ),
    st.fixed_dictionaries(
        {
            "schema": st.just(2),
            "language": st.just("de"),
            "muscles": st.fixed_dictionaries(
                {
                    SIBLING: st.dictionaries(
                        st.sampled_from(
                            ["name", "aliases", "origin", "tp1.label", "trigger_points", "nope", "tp9.note"]
                        ),
                        st.one_of(values, st.fixed_dictionaries({"text": values, "en_hash": values})),
                    )
                }
            ),
        }
    ),
)


@FUZZ
@given(overlay=translation)
def test_generated_translations_never_break_loading(fuzz_root: Path, overlay: Any) -> None:
    from studyapp.content.model import Root

    path = fuzz_root / "i18n" / "de" / "muscles" / "hip_thigh" / "bad.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_dump(overlay))
    try:
        result = load_atlas(roots=[Root(fuzz_root, "fuzz", "bundled")], language="de")
        assert SIBLING in result.atlas.muscles
        for problem in result.problems:
            assert problem.file.endswith("i18n/de/muscles/hip_thigh/bad.yaml"), str(problem)
            assert problem.line is not None and "please report this" not in problem.message, str(problem)
        event("refused or reported" if result.problems else "loaded cleanly")
    finally:
        path.unlink()
