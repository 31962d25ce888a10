# SPDX-License-Identifier: BSD-2-Clause
"""Tests of libs/tools/bootimg.py (boot archive and init image formats)."""
import os
import struct
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "libs", "tools"))
import bootimg  # noqa: E402


def cpio_of(tmp_path, files):
    """A real `cpio -H newc` archive of files (name -> bytes), made as the build does."""
    stage = tmp_path / "stage"
    stage.mkdir()
    for name, data in files.items():
        (stage / name).write_bytes(data)
        os.utime(stage / name, (0, 0))
    names = "".join(n + "\n" for n in sorted(files))
    return subprocess.run(["cpio", "--quiet", "-o", "-H", "newc", "--reproducible", "-R", "0:0"],
                          input=names.encode(), cwd=stage, capture_output=True, check=True).stdout


def test_archive_header(tmp_path):
    data = cpio_of(tmp_path, {"ping": b"\x7fELF-ping", "init.elf": b"\x7fELF-init"})
    img = bootimg.make_archive(data)
    magic, total = struct.unpack_from("<2Q", img)
    assert magic == bootimg.ARCHIVE_MAGIC == 0x5643524141535354
    assert img[:8] == b"TSSAARCV"
    assert total == len(img) == 4096 + len(data)
    assert img[16:4096] == bytes(4096 - 16)
    assert img[4096:] == data


def test_archive_is_reproducible(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = cpio_of(tmp_path / "a", {"x": b"1", "y": b"22"})
    b = cpio_of(tmp_path / "b", {"y": b"22", "x": b"1"})
    assert bootimg.make_archive(a) == bootimg.make_archive(b)


def test_archive_rejects_non_cpio():
    try:
        bootimg.make_archive(b"not a cpio archive")
    except ValueError:
        return
    raise AssertionError("accepted garbage")


def init_image(entry=0x400020, file_size=8192, mem_size=16384, magic=bootimg.INIT_IMAGE_MAGIC,
               length=8192):
    head = struct.pack("<4Q", magic, entry, file_size, mem_size)
    return head + bytes(length - len(head))


def test_check_init_accepts_good_image():
    assert bootimg.check_init(init_image()) == []


def test_check_init_finds_each_problem():
    assert "bad magic" in bootimg.check_init(init_image(magic=1))[0]
    assert "file_size" in bootimg.check_init(init_image(length=4096))[0]
    assert "mem_size" in bootimg.check_init(init_image(mem_size=4096))[0]
    assert "mem_size" in bootimg.check_init(init_image(mem_size=12289))[0]
    assert "entry" in bootimg.check_init(init_image(entry=0x400000))[0]
    assert "entry" in bootimg.check_init(init_image(entry=0x402000))[0]
    assert "entry" in bootimg.check_init(init_image(entry=0x400022))[0]
    assert bootimg.check_init(b"short") == ["image shorter than its header"]


def test_command_line(tmp_path):
    cpio = tmp_path / "a.cpio"
    cpio.write_bytes(cpio_of(tmp_path, {"f": b"data"}))
    out = tmp_path / "a.img"
    tool = os.path.join(os.path.dirname(__file__), "..", "..", "libs", "tools", "bootimg.py")
    subprocess.run([sys.executable, tool, "archive", str(cpio), str(out)], check=True)
    assert out.read_bytes()[4096:] == cpio.read_bytes()
    img = tmp_path / "init.img"
    img.write_bytes(init_image())
    assert subprocess.run([sys.executable, tool, "check-init", str(img)]).returncode == 0
    img.write_bytes(init_image(magic=5))
    assert subprocess.run([sys.executable, tool, "check-init", str(img)],
                          capture_output=True).returncode == 1
