# SPDX-License-Identifier: BSD-2-Clause
"""pytest for the scenario runner: it must fail on every way a scenario can
go wrong, and pass only a complete, consistent report."""
import os
import subprocess
import sys

RUNNER = os.path.join(os.path.dirname(__file__), "run.py")


def run(tmp_path, manifest, script, *extra):
    m = tmp_path / "s.manifest"
    m.write_text(manifest)
    res = tmp_path / "r.res"
    p = subprocess.run([sys.executable, RUNNER, "--manifest", str(m), "--results", str(res), *extra,
                        "--", "sh", "-c", script], capture_output=True, text=True, timeout=60)
    return p.returncode, res.read_text() if res.exists() else ""


OK = "echo 'TEST a.x PASS'; echo 'TEST a.y PASS detail 3'; echo 'SUMMARY a 2 0'; sleep 30"


def test_complete_report_passes_and_stops_the_command(tmp_path):
    rc, res = run(tmp_path, "a.x\na.y ~ detail\n", OK, "--timeout", "20")
    assert rc == 0
    assert "FAIL" not in res and res.count("PASS") == 3


def test_missing_test_fails(tmp_path):
    rc, res = run(tmp_path, "a.x\na.y\na.z\n", OK)
    assert rc == 1 and "FAIL s/a.z: not reported" in res


def test_fail_line_fails(tmp_path):
    rc, res = run(tmp_path, "a.x\n", "echo 'TEST a.x FAIL boom'; echo 'SUMMARY a 0 1'")
    assert rc == 1 and "FAIL s/a.x: FAIL boom" in res


def test_detail_pattern_with_variable(tmp_path):
    script = "echo 'TEST a.x PASS gicv2'; echo 'SUMMARY a 1 0'"
    assert run(tmp_path, "a.x ~ ^gicv@GIC@$\n", script, "--var", "GIC=2")[0] == 0
    assert run(tmp_path, "a.x ~ ^gicv@GIC@$\n", script, "--var", "GIC=3")[0] == 1


def test_timeout_fails(tmp_path):
    rc, res = run(tmp_path, "a.x\n", "echo 'TEST a.x PASS'; sleep 30", "--timeout", "2")
    assert rc == 1 and "timeout" in res


def test_early_exit_fails(tmp_path):
    rc, res = run(tmp_path, "a.x\n", "echo 'TEST a.x PASS'; exit 0")
    assert rc == 1 and "exited early" in res


def test_inconsistent_summary_fails(tmp_path):
    rc, res = run(tmp_path, "a.x\n", "echo 'TEST a.x PASS'; echo 'SUMMARY a 5 0'")
    assert rc == 1 and "SUMMARY says 5/0" in res


def test_panic_fails(tmp_path):
    rc, res = run(tmp_path, "a.x\n", "echo 'TEST a.x PASS'; echo 'PANIC: oops'; sleep 30", "--timeout", "20")
    assert rc == 1 and "kernel panic" in res


def test_vm_prefix(tmp_path):
    script = "echo 'vm1: TEST a.x PASS'; echo 'vm1: SUMMARY a 1 0'"
    assert run(tmp_path, "vm1: a.x\n", script)[0] == 0
    assert run(tmp_path, "vm2: a.x\n", script, "--timeout", "3")[0] == 1


def test_bench_json(tmp_path):
    out = tmp_path / "b.json"
    script = "echo 'BENCH k 123'; echo 'TEST a.x PASS'; echo 'SUMMARY a 1 0'"
    assert run(tmp_path, "a.x\n", script, "--bench", str(out))[0] == 0
    assert out.read_text().replace(" ", "").replace("\n", "") == '{"k":123}'


def test_send_writes_stdin_after_a_matching_line(tmp_path):
    # The script echoes what arrives on stdin only after it asked for it.
    script = ("echo 'ready for input'; read -r got; "
              "[ \"$got\" = 'a\\x01b' ] && r=PASS || r=FAIL; "
              "echo \"TEST a.x $r\"; echo \"SUMMARY a 1 0\"")
    manifest = "send ^ready for input$ => 'a\\\\x01b\\n'\na.x\n"
    assert run(tmp_path, manifest, script, "--timeout", "20")[0] == 0
    manifest = "send ^never$ => 'x\\n'\na.x\n"
    assert run(tmp_path, manifest, script, "--timeout", "3")[0] == 1


def test_line_tests_need_a_matching_output_line(tmp_path):
    script = "echo 'vm0: guest: up'; echo 'vm1: guest: alive 2'; sleep 30"
    manifest = "line g.vm0_up ~ ^vm0: guest: up$\nline g.vm1_alive ~ ^vm1: guest: alive 2$\n"
    rc, res = run(tmp_path, manifest, script, "--timeout", "20")
    assert rc == 0 and res.count("PASS") == 2 and "FAIL" not in res
    manifest = "line g.vm0_up ~ ^vm0: guest: up$\nline g.vm2_up ~ ^vm2: guest: up$\n"
    rc, res = run(tmp_path, manifest, script, "--timeout", "3")
    assert rc == 1 and "FAIL s/g.vm2_up: no output line matched" in res


def test_line_tests_with_tests_and_early_exit(tmp_path):
    manifest = "a.x\nline g.up ~ up\n"
    assert run(tmp_path, manifest, OK + "; echo up", "--timeout", "3")[0] == 1
    script = "echo up; echo 'TEST a.x PASS'; echo 'SUMMARY a 1 0'; sleep 30"
    assert run(tmp_path, manifest, script, "--timeout", "20")[0] == 0
    rc, res = run(tmp_path, "line g.up ~ up\n", "echo down; exit 0")
    assert rc == 1 and "exited early" in res
