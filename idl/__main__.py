# SPDX-License-Identifier: BSD-2-Clause
"""Command line: /usr/bin/python3 -m idl SYSTEM.tsr -o OUTDIR [options].

Runs load -> resolve -> validate -> lower -> render and only then writes
anything: on a mistake it prints 'file:line:col: error: message' to
stderr, exits 1 and writes nothing. See docs/idl.md.
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


def parse_args(argv):
    ap = argparse.ArgumentParser(prog="python3 -m idl",
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


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    opts = Options(build=args.build, search=args.search)
    try:
        files, text, inputs = generate(args.system, opts)
    except IdlError as err:
        print(err, file=sys.stderr)
        return 1
    targets = [os.path.join(args.out, name) for name in files]
    if args.spec_text:
        targets.append(args.spec_text)
    targets = args.deps_target or targets
    for name, content in files.items():
        write_atomic(os.path.join(args.out, name), content)
    if args.spec_text:
        write_atomic(args.spec_text, text)
    if args.deps:
        write_atomic(args.deps, deps_text(targets, [display_path(i) for i in inputs]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
