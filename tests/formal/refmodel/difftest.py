#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""Differential test: the reference model (model.py) against the kernel.

  difftest.py gen --seed S --ops N --out DIR   writes DIR/prog.h (the program
      the root task tests/formal/refmodel/difftest.c runs) and DIR/expected.txt
      (the model's result line per operation)
  difftest.py check --expected FILE --log FILE --name NAME
      compares the kernel's "D <i> ..." lines with the model's; prints one
      "PASS NAME: ..." / "FAIL NAME: ..." line (exit status 0/1)

The generator runs the model while it generates, so that the root task
never blocks: a Send/Call that would block becomes an NBSend, and a
Retype/Describe that would be an IPC Call is replaced by an Inspect.
Reproducible from the seed (printed in every verdict line).
"""
import argparse
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import model as M  # noqa: E402

POOL = 16       # pool slots the program touches (pool-relative numbers)
HELPERS = 2     # helper threads; helper h receives on pool slot 1 + h
UT_BITS = 13    # the pool untyped in slot 0

RETYPE_TYPES = [(M.ENDPOINT, 0), (M.NOTIFICATION, 0), (M.REPLY, 0), (M.CNODE, 1),
                (M.CNODE, 2), (M.UNTYPED, 6), (M.UNTYPED, 9), (M.UNTYPED, 12),
                (M.UNTYPED, 13), (M.FRAME_4K, 0), (M.UNTYPED, 3), (10, 0), (13, 0)]
WEIGHTS = {"retype": 8, "copy": 8, "mint": 8, "move": 4, "mutate": 4, "delete": 5,
           "revoke": 4, "inspect": 4, "describe": 2, "signal": 6, "poll": 4,
           "nbsend": 8, "send": 6, "call": 8, "nbrecv": 3, "reply": 2, "kick": 4}
RIGHTS = [0xF, 0xF, 0xF, 0xF, 0xF, 0x1, 0x2, 0x3, 0x9, 0xA, 0xB, 0x0, 0x7]
BADGES = [0, 0, 1, 2, 5, 0x80, 0, 3]


def gen_op(rng, m):
    """One random operation (name, a, b, c, x, y) the root task can run."""
    names = list(WEIGHTS)
    full = [s for s in range(POOL) if m.cap(s)]
    empty = [s for s in range(POOL) if not m.cap(s)]
    weights = dict(WEIGHTS)
    if len(empty) < POOL // 4:  # keep room in the pool
        weights["delete"] *= 4
        weights["revoke"] *= 2
    weights["kick"] *= sum(h.state == "parked" for h in m.helpers)

    def pick(among):  # mostly a slot of the right kind, sometimes any
        return rng.choice(among) if among and rng.random() < 0.9 else rng.randrange(POOL)

    def of(*types):
        return pick([s for s in full if m.cap(s).obj.type in types])

    while True:
        op = rng.choices(names, [weights[n] for n in names])[0]
        a, b, c, x, y = pick(full), pick(full), 0, 0, 0
        if op == "retype":
            a = of(M.UNTYPED)
            b, c = rng.choice(RETYPE_TYPES)
            y = rng.choice([1, 1, 1, 2])
            x = pick([s for s in empty if s + y <= POOL and (s + y - 1) in empty])
            if rng.random() < 0.03:
                x = rng.choice([1 << 20, 1 << 30, 1 << 50])  # outside the CNode (4.1 error 7)
        elif op in ("copy", "mint", "move", "mutate"):
            a = pick(empty)
            if op in ("move", "mutate") and b == 0 and rng.random() < 0.9:
                continue
            if rng.random() < 0.7:
                b = of(M.ENDPOINT, M.NOTIFICATION)
            x, y = rng.choice(RIGHTS), rng.choice(BADGES)
        elif op in ("nbsend", "send", "call"):
            a = of(M.ENDPOINT) if op == "call" else of(M.ENDPOINT, M.NOTIFICATION)
            x, y = rng.choice([1, 3, 5, 7, 9]), rng.randrange(1000)
        elif op in ("signal", "poll", "nbrecv"):
            a = of(M.NOTIFICATION, M.ENDPOINT)
        elif op == "reply":
            a = of(M.REPLY)
        elif op == "describe":
            a = of(M.UNTYPED)
        elif op in ("delete", "revoke") and rng.random() < 0.9:
            a = pick([s for s in full if s != 0])  # the pool untyped lives longer
        elif op == "kick":
            parked = [h.idx for h in m.helpers if h.state == "parked"]
            if not parked:
                continue
            a = rng.choice(parked)
        if m.would_block(op, a):
            if op in ("send", "call"):
                op = "nbsend"
            else:
                op = "inspect"
        return op, a, b, c, x, y


def generate(seed, nops, program=None):
    """The program (random from the seed, or the given list) and the model's results."""
    rng = random.Random(seed)
    m = M.Model(POOL, UT_BITS, HELPERS)
    prog, expected = [], []
    for i in range(len(program) if program is not None else nops):
        if program is not None:
            op = tuple(program[i]) + (0,) * (6 - len(program[i]))
            if m.would_block(op[0], op[1]):
                raise SystemExit("operation %d %s would block the root task" % (i, op))
        else:
            op = gen_op(rng, m)
        prog.append(op)
        expected.append("D %d %s %s" % (i, op[0], m.step(*op)))
    return prog, expected


def cmd_gen(args):
    if args.patch_model:
        # Coursework: replace model methods by the ones defined in this file.
        ns = {"M": M}
        exec(compile(open(args.patch_model).read(), args.patch_model, "exec"), ns)
        for k, v in ns.items():
            if k.startswith("op_") and callable(v):
                setattr(M.Model, k, v)
    program = None
    if args.program:
        import json
        program = json.load(open(args.program))
    prog, expected = generate(args.seed, args.ops, program)
    os.makedirs(args.out, exist_ok=True)
    lines = ["/* Generated by tests/formal/refmodel/difftest.py gen --seed %d --ops %d */"
             % (args.seed, args.ops),
             "#define DIFF_SEED %dULL" % args.seed,
             "#define DIFF_POOL %d" % POOL, "#define DIFF_HELPERS %d" % HELPERS,
             "#define DIFF_UT_BITS %d" % UT_BITS,
             "static const char *const diff_op_name[] = {%s};"
             % ", ".join('"%s"' % n for n in M.OPS),
             "static const struct diff_op diff_prog[] = {"]
    for op, a, b, c, x, y in prog:
        lines.append("\t{%d, %d, %d, %d, %dULL, %dULL}," % (M.OP[op], a, b, c, x, y))
    lines.append("};")
    text = "\n".join(lines) + "\n"
    path = os.path.join(args.out, "prog.h")
    old = open(path).read() if os.path.exists(path) else None
    if old != text:  # keep the timestamp when nothing changed (make)
        with open(path, "w") as f:
            f.write(text)
    with open(os.path.join(args.out, "expected.txt"), "w") as f:
        f.write("\n".join(expected) + "\n")
    return 0


def cmd_check(args):
    expected = [ln.rstrip("\n") for ln in open(args.expected) if ln.startswith("D ")]
    try:
        log = open(args.log, errors="replace").read().splitlines()
    except OSError:
        log = []
    got = [ln.strip() for ln in log if ln.startswith("D ")]
    seed = args.seed
    where = "seed %s, %d ops" % (seed, len(expected))
    for i, want in enumerate(expected):
        if i >= len(got):
            print("FAIL %s: %s: the kernel stopped after %d operations (log %s)"
                  % (args.name, where, len(got), args.log))
            return 1
        if got[i] != want:
            print("FAIL %s: %s: first difference at operation %d\n  model:  %s\n  kernel: %s"
                  % (args.name, where, i, want, got[i]))
            return 1
    print("PASS %s: %s agree (%s)" % (args.name, "all %d results" % len(expected), where))
    return 0


def cmd_run(args):
    """Boots the kernel (args.qemu), collects its output until "DIFF done"
    or the timeout, then checks it."""
    import subprocess
    import time
    with open(args.log, "wb") as log:
        p = subprocess.Popen(args.qemu, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL)
        os.set_blocking(p.stdout.fileno(), False)
        end, buf = time.time() + args.timeout, b""
        while time.time() < end and p.poll() is None:
            chunk = p.stdout.read() or b""
            log.write(chunk)
            buf = (buf + chunk)[-4096:]
            if b"DIFF done" in buf or b"DIFF setup failed" in buf:
                break
            time.sleep(0.05)
        p.kill()
        p.wait()
    return cmd_check(args)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("gen")
    g.add_argument("--seed", type=int, required=True)
    g.add_argument("--ops", type=int, default=300)
    g.add_argument("--out", required=True)
    g.add_argument("--program", help="a JSON list of operations [name, a, b, c, x, y] instead of random ones")
    g.add_argument("--patch-model", help="a Python file whose op_* functions replace the model's")
    c = sub.add_parser("check")
    c.add_argument("--expected", required=True)
    c.add_argument("--log", required=True)
    c.add_argument("--name", default="difftest")
    c.add_argument("--seed", default="?")
    r = sub.add_parser("run")
    r.add_argument("--expected", required=True)
    r.add_argument("--log", required=True)
    r.add_argument("--name", default="difftest")
    r.add_argument("--seed", default="?")
    r.add_argument("--timeout", type=float, default=120)
    r.add_argument("qemu", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    if args.cmd == "run" and args.qemu[:1] == ["--"]:
        args.qemu = args.qemu[1:]
    return {"gen": cmd_gen, "check": cmd_check, "run": cmd_run}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
