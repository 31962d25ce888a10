# SPDX-License-Identifier: BSD-2-Clause
"""pytest suite of tests/bench/linux_boot.py: stamp parsing, the
instruction arithmetic, the JSON merge, and a whole run on a fake guest."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import linux_boot  # noqa: E402

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "linux_boot.py")


def test_find_stamp_plain_and_prefixed():
    assert linux_boot.find_stamp("BOOT_CNTVCT 123 CNTFRQ 62500000\r\n") == (123, 62500000)
    assert linux_boot.find_stamp("linux0: BOOT_CNTVCT 7 CNTFRQ 1000000000") == (7, 1000000000)
    assert linux_boot.find_stamp("echo BOOT_CNTVCT 7 CNTFRQ 1") is None
    assert linux_boot.find_stamp("BOOT_CNTVCT x CNTFRQ 1") is None


def test_instructions_scale_by_frequency():
    # QEMU 7.2's 62.5 MHz counter ticks once per 16 ns = 16 instructions.
    assert linux_boot.instructions(289089280, 62500000) == 289089280 * 16
    assert linux_boot.instructions(5, 1000000000) == 5


def test_merge_adds_ratio_only_with_both_halves(tmp_path):
    path = str(tmp_path / "linux.json")
    assert linux_boot.merge(path, "boot_native", 1000) == {"boot_native": 1000}
    data = linux_boot.merge(path, "boot_tessera", 1050)
    assert data == {"boot_native": 1000, "boot_tessera": 1050, "boot_ratio": 1.05}
    assert json.load(open(path)) == data
    # A new native number invalidates nothing: the ratio is recomputed.
    assert linux_boot.merge(path, "boot_native", 2100)["boot_ratio"] == 0.5


def run_script(tmp_path, guest):
    path = tmp_path / "linux.json"
    proc = subprocess.run([sys.executable, SCRIPT, "--key", "boot_native", "--json", str(path),
                           "--timeout", "20", "--", "sh", "-c", guest],
                          capture_output=True, text=True)
    return proc, path


def test_run_stops_the_guest_at_the_stamp(tmp_path):
    proc, path = run_script(tmp_path, "echo booting; echo 'BOOT_CNTVCT 10 CNTFRQ 62500000'; sleep 60")
    assert proc.returncode == 0, proc.stderr
    assert json.load(open(path)) == {"boot_native": 160}


def test_run_without_stamp_fails_and_writes_nothing(tmp_path):
    proc, path = run_script(tmp_path, "echo no stamp here")
    assert proc.returncode == 1
    assert "no BOOT_CNTVCT line" in proc.stderr
    assert not path.exists()
