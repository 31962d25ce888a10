# SPDX-License-Identifier: BSD-2-Clause
"""Command line: /usr/bin/python3 -m idl SYSTEM.tsr -o OUTDIR [options].

Runs load -> resolve -> validate -> lower -> render and only then writes
anything: on a mistake it prints 'file:line:col: error: message' to
stderr, exits 1 and writes nothing. An output path that cannot be
written (-o naming a file, --spec-text or --deps naming a directory, or
a file where a directory must be made) is refused first with
'python3 -m idl: error: OPTION PATH ...', exit 1. See docs/idl.md.
"""
import argparse
import os
import sys

from .errors import IdlError, display_path
from .loader import load
from .lower import lower
from .output import deps_text, write_atomic
from .paths import Options
from .render import render
from .resolve import resolve
from .spec_text import spec_text
from .validate import validate

PROG = "python3 -m idl"


def parse_args(argv):
    ap = argparse.ArgumentParser(prog=PROG,
                                 description="Generate a Tessera system from its description.")
    ap.add_argument("system", help="the system file (.tsr)")
    ap.add_argument("-o", "--out", required=True, help="output directory (under build/)")
    ap.add_argument("--spec-text", metavar="FILE", help="also write the spec in text form")
    ap.add_argument("--deps", metavar="FILE", help="write a make dependency file")
    ap.add_argument("--deps-target", action="append", default=[], metavar="T",
                    help="the target(s) named in the dependency file (default: every "
                    "file written)")
    ap.add_argument("--build", default="build", metavar="DIR",
                    help="what $(BUILD) in file names stands for (default: build)")
    ap.add_argument("-I", "--search", action="append", default=[], metavar="DIR",
                    help="another directory to look for files in (repeatable)")
    return ap.parse_args(argv)


def generate(path, opts):
    """Run every stage; return (files, spec text, inputs). Raises IdlError."""
    system = resolve(load(path, opts), opts)
    validate(system)
    spec = lower(system)
    files = render(spec, system)
    inputs = list(system.inputs) + [f.path for f in spec.archive]
    return files, spec_text(spec), inputs


def _blocked(path, want_dir):
    """Why path cannot be written as a directory (want_dir) or a file, or
    None: it exists as the other kind, or what lies above it is a file."""
    if os.path.exists(path) and os.path.isdir(path) != want_dir:
        return "is a directory" if not want_dir else "exists and is not a directory"
    up = os.path.dirname(os.path.abspath(path))
    while not os.path.exists(up):
        up = os.path.dirname(up)
    if not os.path.isdir(up):
        return f"cannot be made: {display_path(up)} is not a directory"
    return None


def check_outputs(args):
    """A message for the first output path that cannot be written, or None
    (checked before generating, so that nothing is written)."""
    wanted = [("-o", args.out, True), ("--spec-text", args.spec_text, False),
              ("--deps", args.deps, False)]
    for option, path, want_dir in wanted:
        why = path is not None and _blocked(path, want_dir)
        if why:
            return f"{option} {path} {why}"
    return None


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    opts = Options(build=args.build, search=args.search)
    why = check_outputs(args)
    if why:
        print(f"{PROG}: error: {why}", file=sys.stderr)
        return 1
    try:
        files, text, inputs = generate(args.system, opts)
    except IdlError as err:
        print(err, file=sys.stderr)
        return 1
    targets = [os.path.join(args.out, name) for name in files]
    if args.spec_text:
        targets.append(args.spec_text)
    targets = args.deps_target or targets
    try:
        for name, content in files.items():
            write_atomic(os.path.join(args.out, name), content)
        if args.spec_text:
            write_atomic(args.spec_text, text)
        if args.deps:
            write_atomic(args.deps, deps_text(targets, [display_path(i) for i in inputs]))
    except OSError as err:  # e.g. no permission: check_outputs cannot see everything
        print(f"{PROG}: error: cannot write {err.filename}: {err.strerror}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
