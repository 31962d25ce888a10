# SPDX-License-Identifier: BSD-2-Clause
"""good/*.tsr: each generates, and its spec text and every generated file
equal the golden copies in good/<name>.golden/ (spec.txt plus the output
tree; archive.list holds host paths and is checked separately)."""
import glob
import os
import shutil
import subprocess

import pytest

from conftest import HERE, UPDATE, read_tree, run_idl

GOOD = sorted(glob.glob(os.path.join(HERE, "good", "*.tsr")))
HOST_SPECIFIC = {"archive.list"}


def generate(src, out):
    status, _, err = run_idl(src, "-o", str(out / "gen"), "--spec-text", str(out / "spec.txt"),
                             "--deps", str(out / "deps.d"))
    assert status == 0, err
    assert err == ""
    tree = {k: v for k, v in read_tree(out / "gen").items() if k not in HOST_SPECIFIC}
    tree["spec.txt"] = (out / "spec.txt").read_bytes()
    return tree


@pytest.mark.parametrize("src", GOOD, ids=[os.path.basename(p) for p in GOOD])
def test_golden(src, tmp_path):
    tree = generate(src, tmp_path)
    golden = src[:-len(".tsr")] + ".golden"
    if UPDATE:
        shutil.rmtree(golden, ignore_errors=True)
        for rel, data in tree.items():
            os.makedirs(os.path.dirname(os.path.join(golden, rel)), exist_ok=True)
            with open(os.path.join(golden, rel), "wb") as f:
                f.write(data)
    expected = read_tree(golden)
    assert sorted(tree) == sorted(expected), "the set of generated files changed"
    for rel in sorted(tree):
        assert tree[rel].decode() == expected[rel].decode(), f"{rel} differs from the golden copy"


@pytest.mark.parametrize("src", GOOD, ids=[os.path.basename(p) for p in GOOD])
def test_generated_c_compiles(src, tmp_path):
    """The generated C builds warning-free for the target (or the host)."""
    cc = shutil.which("aarch64-linux-gnu-gcc") or shutil.which("gcc")
    if cc is None:
        pytest.skip("no C compiler")
    generate(src, tmp_path)
    gen = tmp_path / "gen"
    sources = sorted(glob.glob(str(gen / "components" / "*" / "*.c"))) + [str(gen / "spec.c")]
    for c in sources:
        cmd = [cc, "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-Wmissing-prototypes",
               "-Imicrokernel/include", f"-I{gen / 'include'}", f"-I{os.path.dirname(c)}",
               "-c", c, "-o", str(tmp_path / "x.o")]
        res = subprocess.run(cmd, capture_output=True, text=True)
        assert res.returncode == 0, f"{c}:\n{res.stderr}"


def test_archive_list_names_host_paths(tmp_path):
    src = os.path.join(HERE, "good", "vm_full.tsr")
    status, _, err = run_idl(src, "-o", str(tmp_path))
    assert status == 0, err
    lines = (tmp_path / "archive.list").read_text().splitlines()
    names = dict(line.split(" ", 1) for line in lines)
    assert sorted(names) == ["Image", "disk.img", "guest.dtb", "initrd.cpio"]
    assert names["Image"] == os.path.join(HERE, "data", "Image")
    assert all(os.path.isfile(p) for p in names.values())
