# SPDX-License-Identifier: BSD-2-Clause
"""Shared helpers for the IDL generator's tests.

Tests run from the repository root (so paths in messages read
tests/idl/...), call the generator in-process through idl.__main__.main,
and compare against golden files. Set TESSERA_UPDATE_GOLDEN=1 to rewrite
the golden outputs (good/<name>.golden/) and expected errors (bad/*.err)
from the current generator instead of comparing; review the diff.
"""
import contextlib
import io
import os
import sys

import pytest

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HERE = os.path.join("tests", "idl")
UPDATE = os.environ.get("TESSERA_UPDATE_GOLDEN") == "1"

os.chdir(REPO)
if REPO not in sys.path:
    sys.path.insert(0, REPO)

from idl.__main__ import main  # noqa: E402


def run_idl(*args):
    """Run the CLI in-process; return (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(args))
        except SystemExit as exc:
            status = exc.code
    return status, out.getvalue(), err.getvalue()


def read_tree(root):
    """{relative path: bytes} of every file below root."""
    files = {}
    for base, _, names in os.walk(root):
        for name in names:
            path = os.path.join(base, name)
            with open(path, "rb") as f:
                files[os.path.relpath(path, root)] = f.read()
    return files


@pytest.fixture
def fake_build(tmp_path):
    """A build directory holding stand-ins for the images configs/ name."""
    build = tmp_path / "build"
    for rel, data in (("deps/linux/Image", b"FAKE ARM64 IMAGE\n" * 64),
                      ("guest/initramfs.cpio.gz", b"FAKE INITRAMFS\n" * 8),
                      ("guest/disk-ext4.img", b"FAKE DISK\n" * 64),
                      ("aarch64-qemu-virt/tests/lifeguest.elf", b"FAKE ELF\n" * 8)):
        path = build / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return str(build)
