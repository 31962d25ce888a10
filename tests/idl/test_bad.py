# SPDX-License-Identifier: BSD-2-Clause
"""bad/*.tsr: each fails with exactly the message in bad/<name>.err
(file:line:col: error: ...), exit status 1, and writes nothing."""
import glob
import os

import pytest

from conftest import HERE, UPDATE, run_idl

BAD = sorted(glob.glob(os.path.join(HERE, "bad", "*.tsr")))


@pytest.mark.parametrize("src", BAD, ids=[os.path.basename(p) for p in BAD])
def test_error(src, tmp_path):
    out = tmp_path / "out"
    status, stdout, stderr = run_idl(src, "-o", str(out), "--spec-text", str(tmp_path / "s.txt"),
                                     "--deps", str(tmp_path / "d.d"))
    expect_path = src[:-len(".tsr")] + ".err"
    if UPDATE:
        with open(expect_path, "w") as f:
            f.write(stderr)
    with open(expect_path) as f:
        expected = f.read()
    assert status == 1
    assert stdout == ""
    assert stderr == expected
    assert ": error: " in stderr and stderr.count("\n") == 1
    assert not os.path.exists(out), "nothing may be generated on error"
    assert os.listdir(tmp_path) == []


def test_every_bad_file_has_an_expectation():
    missing = [p for p in BAD if not os.path.exists(p[:-len(".tsr")] + ".err")]
    assert not missing
    assert len(BAD) >= 30


def test_locations_are_one_based_and_point_into_the_file():
    for src in BAD:
        with open(src[:-len(".tsr")] + ".err") as f:
            first = f.read().split(": error: ")[0]
        path, line, col = first.rsplit(":", 2)
        with open(path, encoding="utf-8", errors="replace") as f:  # some are not UTF-8
            lines = f.read().split("\n")
        assert 1 <= int(line) <= len(lines), src
        assert 1 <= int(col) <= len(lines[int(line) - 1]) + 1, src
