# SPDX-License-Identifier: BSD-2-Clause
"""Properties over configs/ and the CLI: every example system validates
(with stand-in images for build outputs), output is deterministic, the
dependency file lists every input, errors write nothing."""
import glob
import os
import shutil
import subprocess

import pytest

from conftest import HERE, read_tree, run_idl

CONFIGS = sorted(glob.glob("configs/*.tsr"))
PYTHON = "/usr/bin/python3"


def test_there_are_example_systems():
    names = {os.path.basename(p) for p in CONFIGS}
    assert {"hello.tsr", "linux-vm.tsr", "two-vms.tsr"} <= names


@pytest.mark.parametrize("src", CONFIGS, ids=[os.path.basename(p) for p in CONFIGS])
def test_config_validates_and_generates(src, tmp_path, fake_build):
    status, _, err = run_idl(src, "-o", str(tmp_path / "gen"), "--build", fake_build,
                             "--spec-text", str(tmp_path / "spec.txt"))
    assert status == 0, err
    assert (tmp_path / "gen" / "spec.c").exists()
    assert (tmp_path / "spec.txt").read_text().startswith("# Tessera capability")


@pytest.mark.parametrize("src", CONFIGS, ids=[os.path.basename(p) for p in CONFIGS])
def test_deterministic(src, tmp_path, fake_build):
    """Two generator processes with different string hash seeds (so set and
    dict orders that depend on hashing would differ) write the same bytes:
    every output and the spec text and dependency file, generated into the
    same directory one after the other."""
    out = tmp_path / "gen"
    trees = []
    for seed in ("1", "2718281"):
        shutil.rmtree(out, ignore_errors=True)
        env = dict(os.environ, PYTHONHASHSEED=seed)
        res = subprocess.run([PYTHON, "-m", "idl", src, "-o", str(out), "--build", fake_build,
                              "--spec-text", str(out / "spec.txt"), "--deps",
                              str(out / "deps.d")], env=env, capture_output=True, text=True)
        assert res.returncode == 0, res.stderr
        trees.append(read_tree(out))
    assert sorted(trees[0]) == sorted(trees[1])
    for rel in sorted(trees[0]):
        assert trees[0][rel] == trees[1][rel], f"{rel} differs between the two runs"


def test_linux_vm_uses_the_debian_kernel_path(tmp_path, fake_build):
    status, _, err = run_idl("configs/linux-vm.tsr", "-o", str(tmp_path / "g"), "--build",
                             fake_build, "--deps", str(tmp_path / "d"))
    assert status == 0, err
    deps = (tmp_path / "d").read_text()
    assert os.path.join(fake_build, "deps", "linux", "Image") in deps
    spec = open(tmp_path / "g" / "components" / "linux0_vmm" / "vm_config.c").read()
    assert '.num_vcpus = 2' in spec and '"Image"' in spec


def test_build_outputs_missing_without_build_dir(tmp_path):
    status, _, err = run_idl("configs/linux-vm.tsr", "-o", str(tmp_path / "g"),
                             "--build", str(tmp_path / "empty"))
    assert status == 1
    assert err.startswith("configs/linux-vm.tsr:")
    assert 'kernel image file "$(BUILD)/deps/linux/Image" not found' in err
    assert not (tmp_path / "g").exists()


def test_search_path_finds_images(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "k").write_bytes(b"k")
    sys_file = tmp_path / "s.tsr"
    sys_file.write_text('vm v { memory 0x40000000 2M; kernel "k"; }\n')
    status, _, err = run_idl(str(sys_file), "-o", str(tmp_path / "g"))
    assert status == 1 and "not found" in err
    status, _, err = run_idl(str(sys_file), "-o", str(tmp_path / "g"), "-I", str(tmp_path / "img"))
    assert status == 0, err


def test_deps_file_lists_every_input(tmp_path):
    src = os.path.join(HERE, "good", "imports.tsr")
    status, _, err = run_idl(src, "-o", str(tmp_path / "g"), "--deps", str(tmp_path / "x.d"),
                             "--deps-target", "stamp")
    assert status == 0, err
    text = (tmp_path / "x.d").read_text()
    assert text.startswith("stamp:")
    for name in ("idl/builtin.tsr", "good/imports.tsr", "good/inc/common.tsr",
                 "good/inc/types.tsr"):
        assert name in text
    assert "good/inc/common.tsr:\n" in text  # an empty rule per input


def test_deps_include_vm_images(tmp_path):
    src = os.path.join(HERE, "good", "vm_full.tsr")
    status, _, err = run_idl(src, "-o", str(tmp_path / "g"), "--deps", str(tmp_path / "x.d"))
    assert status == 0, err
    text = (tmp_path / "x.d").read_text()
    for name in ("Image", "initrd.cpio", "guest.dtb", "disk.img"):
        assert os.path.join(HERE, "data", name) in text


def test_unchanged_outputs_are_not_rewritten(tmp_path):
    src = "configs/hello.tsr"
    assert run_idl(src, "-o", str(tmp_path))[0] == 0
    spec_c = tmp_path / "spec.c"
    os.utime(spec_c, (1, 1))
    assert run_idl(src, "-o", str(tmp_path))[0] == 0
    assert os.stat(spec_c).st_mtime == 1


def test_error_leaves_previous_output_alone(tmp_path):
    assert run_idl("configs/hello.tsr", "-o", str(tmp_path))[0] == 0
    before = read_tree(tmp_path)
    bad = os.path.join(HERE, "bad", "dataport_size_mismatch.tsr")
    assert run_idl(bad, "-o", str(tmp_path))[0] == 1
    assert read_tree(tmp_path) == before


def test_missing_system_file(tmp_path):
    status, _, err = run_idl("configs/nope.tsr", "-o", str(tmp_path))
    assert status == 1
    assert err == "configs/nope.tsr:1:1: error: cannot read system file\n"


@pytest.mark.parametrize("args, message", [
    (["-o", "FILE"], "-o FILE exists and is not a directory"),
    (["-o", "FILE/sub"], "-o FILE/sub cannot be made: FILE is not a directory"),
    (["-o", "NEW", "--spec-text", "DIR"], "--spec-text DIR is a directory"),
    (["-o", "NEW", "--deps", "DIR"], "--deps DIR is a directory"),
    (["-o", "NEW", "--deps", "FILE/x.d"], "--deps FILE/x.d cannot be made: FILE is not a "
     "directory"),
])
def test_unwritable_outputs_are_refused_first(tmp_path, args, message):
    """A clear one-line error, exit 1, nothing written (no traceback)."""
    (tmp_path / "FILE").write_text("x")
    (tmp_path / "DIR").mkdir()
    cwd = os.getcwd()
    full = [a.replace("FILE", str(tmp_path / "FILE")).replace("DIR", str(tmp_path / "DIR"))
            .replace("NEW", str(tmp_path / "NEW")) for a in args]
    status, out, err = run_idl(os.path.join(cwd, "configs", "hello.tsr"), *full)
    expect = message.replace("FILE", str(tmp_path / "FILE")).replace("DIR", str(tmp_path / "DIR"))
    assert (status, out) == (1, "")
    assert err == f"python3 -m idl: error: {expect}\n"
    assert sorted(os.listdir(tmp_path)) == ["DIR", "FILE"]
    assert os.listdir(tmp_path / "DIR") == [] and (tmp_path / "FILE").read_text() == "x"
