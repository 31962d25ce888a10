# SPDX-License-Identifier: BSD-2-Clause
"""Properties over configs/ and the CLI: every example system validates
(with stand-in images for build outputs), output is deterministic, the
dependency file lists every input, errors write nothing."""
import glob
import os

import pytest

from conftest import HERE, read_tree, run_idl

CONFIGS = sorted(glob.glob("configs/*.tsr"))


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
    trees = []
    for run in ("a", "b"):
        out = tmp_path / run
        status, _, err = run_idl(src, "-o", str(out / "gen"), "--build", fake_build,
                                 "--spec-text", str(out / "gen" / "spec.txt"))
        assert status == 0, err
        trees.append(read_tree(out / "gen"))
    assert trees[0] == trees[1]


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
