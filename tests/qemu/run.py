#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""Run one test scenario (a QEMU machine or a host program) and judge it.

Usage: run.py --manifest M [--timeout S] [--results FILE] [--bench FILE]
              [--var K=V ...] [--name NAME] -- command...

The command's output (stdout and stderr merged) is read line by line:
  TEST <suite>.<name> PASS|FAIL [detail]     optionally prefixed "<vm>: "
  SUMMARY <suite> <passed> <failed>          optionally prefixed "<vm>: "
  BENCH <metric> <number>                    collected into --bench as JSON
  PANIC: ...                                 a kernel panic: immediate failure
The manifest names every test the scenario must report (see
docs/testing.md), and may name plain output lines that must appear
('line suite.name ~ regex': passes once a line matches; no SUMMARY). The scenario passes only if every expected test
passed (and its detail matches, where the manifest gives a pattern), every
suite printed a SUMMARY consistent with its TEST lines, nothing FAILed, and
the command neither timed out nor exited before the last SUMMARY. Once all
summaries are in, the command is stopped (QEMU has no reason to exit).
Results go to --results as lines "PASS <scenario>/<test>" / "FAIL ...".
"""
import argparse
import json
import os
import re
import selectors
import signal
import subprocess
import sys
import time

LINE_RE = re.compile(r"^(?:(?P<vm>[A-Za-z0-9_.-]+): )?(?P<kind>TEST|SUMMARY|BENCH) (?P<rest>.*)$")
TEST_RE = re.compile(r"^(?P<test>[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]+) (?P<res>PASS|FAIL)(?: (?P<detail>.*))?$")
SUMMARY_RE = re.compile(r"^(?P<suite>[A-Za-z0-9_-]+) (?P<passed>\d+) (?P<failed>\d+)$")
BENCH_RE = re.compile(r"^(?P<key>[A-Za-z0-9_]+) (?P<value>-?\d+(?:\.\d+)?)$")


def parse_manifest(path, variables):
    """Returns (expected, options): expected maps (vm, test) to a detail
    regex or None; options holds 'timeout', 'send' and 'lines' (test name
    -> compiled regex an output line must match). Lines: '[vm:] suite.name
    [~ regex]', 'line suite.name ~ regex', 'timeout N', comments with '#'.
    @VAR@ is replaced from --var."""
    expected, options = {}, {}
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.split("#", 1)[0].strip()
            for key, value in variables.items():
                line = line.replace("@%s@" % key, value)
            if not line:
                continue
            if line.startswith("timeout "):
                options["timeout"] = float(line.split()[1])
                continue
            if line.startswith("send "):
                options.setdefault("send", []).append(parse_send(raw, path, lineno, variables))
                continue
            if line.startswith("line "):
                name, rx = parse_line_test(line, path, lineno)
                options.setdefault("lines", {})[name] = rx
                continue
            pattern = None
            if " ~ " in line:
                line, pattern = (part.strip() for part in line.split(" ~ ", 1))
            vm = None
            if ": " in line:
                vm, line = (part.strip() for part in line.split(": ", 1))
            if not re.match(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]+$", line):
                sys.exit("%s:%d: error: bad test name %r" % (path, lineno, line))
            expected[(vm, line)] = pattern
    if not expected and not options.get("lines"):
        sys.exit("%s: error: manifest names no tests" % path)
    return expected, options


def parse_line_test(line, path, lineno):
    """'line suite.name ~ regex' -> (name, compiled regex)."""
    text = line[len("line "):]
    if " ~ " not in text:
        sys.exit("%s:%d: error: line needs 'suite.name ~ <regex>'" % (path, lineno))
    name, pattern = (part.strip() for part in text.split(" ~ ", 1))
    if not re.match(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]+$", name):
        sys.exit("%s:%d: error: bad test name %r" % (path, lineno, name))
    try:
        return name, re.compile(pattern)
    except re.error as e:
        sys.exit("%s:%d: error: bad regex %r: %s" % (path, lineno, pattern, e))


def parse_send(raw, path, lineno, variables):
    """'send <regex> => <python string literal>': once an output line
    matches regex (in manifest order), write the string's bytes (latin-1)
    to the command's standard input. Returns (compiled regex, bytes)."""
    import ast
    text = raw.strip()[len("send "):]
    for key, value in variables.items():
        text = text.replace("@%s@" % key, value)
    if " => " not in text:
        sys.exit("%s:%d: error: send needs '<regex> => <string literal>'" % (path, lineno))
    pattern, literal = (part.strip() for part in text.split(" => ", 1))
    try:
        data = ast.literal_eval(literal)
    except (ValueError, SyntaxError):
        sys.exit("%s:%d: error: bad string literal %r" % (path, lineno, literal))
    if not isinstance(data, str):
        sys.exit("%s:%d: error: send wants a string literal" % (path, lineno))
    return re.compile(pattern), data.encode("latin-1")


class Judge:
    """Accumulates what the output said and decides the verdict."""

    def __init__(self, expected, host_suite=None, lines=None):
        self.expected = expected
        self.host_suite = host_suite
        self.lines = lines or {}  # line test name -> regex
        self.lines_seen = {}      # line test name -> the first matching line
        self.suites = {(vm, t.split(".", 1)[0]) for vm, t in expected}
        if host_suite:
            self.suites = {(None, host_suite)}
        self.seen = {}        # (vm, test) -> (result, detail)
        self.summaries = {}   # (vm, suite) -> (passed, failed)
        self.bench = {}
        self.problems = []

    def feed(self, line):
        for name, rx in self.lines.items():
            if name not in self.lines_seen and rx.search(line):
                self.lines_seen[name] = line
        if line.startswith("PANIC") or "PANIC:" in line:
            self.problems.append("kernel panic: " + line.strip())
            return
        m = LINE_RE.match(line)
        if not m:
            return
        vm, kind, rest = m.group("vm"), m.group("kind"), m.group("rest")
        if kind == "TEST":
            t = TEST_RE.match(rest)
            if not t:
                self.problems.append("malformed TEST line: " + line)
                return
            key = (vm, t.group("test"))
            if key in self.seen:
                self.problems.append("test reported twice: %s" % t.group("test"))
            self.seen[key] = (t.group("res"), t.group("detail") or "")
        elif kind == "SUMMARY":
            s = SUMMARY_RE.match(rest)
            if not s:
                self.problems.append("malformed SUMMARY line: " + line)
                return
            self.summaries[(vm, s.group("suite"))] = (int(s.group("passed")), int(s.group("failed")))
        else:
            b = BENCH_RE.match(rest)
            if not b:
                self.problems.append("malformed BENCH line: " + line)
                return
            value = float(b.group("value"))
            self.bench[b.group("key")] = int(value) if value.is_integer() else value

    def complete(self):
        done = self.suites <= set(self.summaries) and len(self.lines_seen) == len(self.lines)
        return done or bool(self.problems)

    def verdicts(self):
        """Yields (name, ok, reason) for every expected test and summary."""
        if self.host_suite:
            self.expected = {key: None for key in self.seen if key[1].startswith(self.host_suite + ".")}
            if not self.expected:
                yield self.host_suite, False, "reported no tests"
        for (vm, test), pattern in sorted(self.expected.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
            name = (vm + ":" if vm else "") + test
            res = self.seen.get((vm, test))
            if res is None:
                yield name, False, "not reported"
            elif res[0] != "PASS":
                yield name, False, "FAIL " + res[1]
            elif pattern and not re.search(pattern, res[1]):
                yield name, False, "detail %r does not match %r" % (res[1], pattern)
            else:
                yield name, True, res[1]
        for name, rx in sorted(self.lines.items()):
            if name in self.lines_seen:
                yield name, True, ""
            else:
                yield name, False, "no output line matched %r" % rx.pattern
        for (vm, suite) in sorted(self.suites, key=lambda s: (s[0] or "", s[1])):
            name = (vm + ":" if vm else "") + suite + ".SUMMARY"
            got = self.summaries.get((vm, suite))
            passed = sum(1 for (v, t), r in self.seen.items() if v == vm and t.split(".")[0] == suite and r[0] == "PASS")
            failed = sum(1 for (v, t), r in self.seen.items() if v == vm and t.split(".")[0] == suite and r[0] != "PASS")
            if got is None:
                yield name, False, "no SUMMARY line"
            elif got != (passed, failed):
                yield name, False, "SUMMARY says %d/%d but TEST lines say %d/%d" % (got + (passed, failed))
            else:
                yield name, True, ""
        for (vm, test), res in sorted(self.seen.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
            if (vm, test) not in self.expected and res[0] != "PASS":
                yield (vm + ":" if vm else "") + test, False, "unexpected FAIL " + res[1]


def run(cmd, judge, timeout, log, sends=()):
    """Runs cmd until every suite summarised, it exits, or the timeout.
    sends: (regex, bytes) pairs from the manifest, written to the command's
    stdin in order, each once a line matches its regex.
    Returns a reason string for a failure of the run itself, or None."""
    start = time.monotonic()
    sends = list(sends)
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE if sends else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    buf, reason = b"", None
    try:
        while True:
            left = timeout - (time.monotonic() - start)
            if left <= 0:
                reason = "timeout after %.0f s" % timeout
                break
            if not sel.select(min(left, 1.0)):
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                proc.wait()
                if not judge.complete():
                    reason = "exited early (status %s) before every SUMMARY" % proc.returncode
                elif judge.host_suite and proc.returncode != 0:
                    reason = "exit status %s" % proc.returncode
                break
            log.write(chunk)
            buf += chunk
            *lines, buf = buf.split(b"\n")
            for line in lines:
                text = line.decode("utf-8", "replace").rstrip("\r")
                judge.feed(text)
                if sends and sends[0][0].search(text):
                    proc.stdin.write(sends.pop(0)[1])
                    proc.stdin.flush()
            if judge.complete() and not judge.host_suite:
                break
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    return reason


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--manifest", help="file naming every test the scenario must report")
    group.add_argument("--suite", help="host test program: expect this suite's SUMMARY, "
                       "at least one test, and exit status 0")
    ap.add_argument("--name", help="scenario name in results (default: manifest name)")
    ap.add_argument("--timeout", type=float)
    ap.add_argument("--results", help="append PASS/FAIL lines to this file")
    ap.add_argument("--bench", help="write BENCH metrics as one JSON object here")
    ap.add_argument("--bench-only", help="keep only BENCH metrics whose name matches this regex")
    ap.add_argument("--log", help="write the raw output here")
    ap.add_argument("--var", action="append", default=[], help="K=V substituted for @K@ in the manifest")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.cmd[1:] if args.cmd and args.cmd[0] == "--" else args.cmd
    if not cmd:
        ap.error("no command given after --")
    variables = dict(v.split("=", 1) for v in args.var)
    if args.manifest:
        expected, options = parse_manifest(args.manifest, variables)
        name = args.name or os.path.splitext(os.path.basename(args.manifest))[0]
    else:
        expected, options = {}, {}
        name = args.name or args.suite
    timeout = args.timeout or options.get("timeout", 60.0)
    judge = Judge(expected, args.suite, options.get("lines"))
    log_path = args.log or os.devnull
    os.makedirs(os.path.dirname(os.path.abspath(log_path)), exist_ok=True)
    with open(log_path, "wb") as log:
        reason = run(cmd, judge, timeout, log, options.get("send", ()))
    results = list(judge.verdicts())
    for problem in judge.problems:
        results.append(("run", False, problem))
    if reason:
        results.append(("run", False, reason))
    lines = ["%s %s/%s%s" % ("PASS" if ok else "FAIL", name, test, (": " + why) if why and not ok else "")
             for test, ok, why in results]
    print("\n".join(lines))
    if args.results:
        with open(args.results, "a", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
    if args.bench:
        os.makedirs(os.path.dirname(os.path.abspath(args.bench)), exist_ok=True)
        with open(args.bench, "w", encoding="utf-8") as out:
            bench = {k: v for k, v in judge.bench.items()
                     if not args.bench_only or re.search(args.bench_only, k)}
            json.dump(bench, out, indent=1, sort_keys=True)
            out.write("\n")
    failed = [r for r in results if not r[1]]
    if failed and args.log:
        print("%s: log in %s" % (name, args.log))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
