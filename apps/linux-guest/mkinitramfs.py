#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""Build the Linux guest's initramfs (docs/guest.md), reproducibly.

Usage: mkinitramfs.py --linux-root DIR --busybox FILE --init FILE
                      [--file SRC:DEST ...] [--module NAME ...] -o OUT.cpio.gz
                      [--list FILE]

The kernel version is the single directory under DIR/lib/modules. Each
requested module is looked up by file name; modules the kernel has built in
(modules.builtin) are skipped. Dependencies come from modules.dep when the
package ships one, otherwise from each .ko's own .modinfo "depends=" field
(what depmod reads to write modules.dep); "softdep=pre:" modules are loaded
first as well. The archive lists the modules in load order (dependencies
first) in /etc/modules.load and ships a matching modules.dep so busybox
modprobe works at the shell.

The archive is cpio "newc", entries sorted by path, every mtime 0, owner
root, and gzip without a name or time stamp: the same inputs give the same
bytes.
"""
import argparse
import gzip
import io
import os
import struct
import sys


def die(msg):
    sys.exit("mkinitramfs: error: " + msg)


def kernel_version(linux_root):
    mods = os.path.join(linux_root, "lib", "modules")
    try:
        versions = sorted(os.listdir(mods))
    except OSError as e:
        die("no kernel modules at %s: %s" % (mods, e.strerror))
    if len(versions) != 1:
        die("expected exactly one kernel version under %s, found %s" % (mods, versions or "none"))
    return versions[0], os.path.join(mods, versions[0])


def mod_name(path):
    """Module name of a path: basename without .ko, '-' and '_' equal."""
    base = os.path.basename(path)
    return base[:base.index(".ko")].replace("-", "_")


def elf_section(data, wanted):
    """Bytes of the named section of a little-endian ELF64 file, or None."""
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return None
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    def header(i):
        return struct.unpack_from("<IIQQQQ", data, shoff + i * shentsize)
    strtab_off = header(shstrndx)[4]
    for i in range(shnum):
        name_off, _, _, _, off, size = header(i)
        end = data.index(b"\0", strtab_off + name_off)
        if data[strtab_off + name_off:end] == wanted:
            return data[off:off + size]
    return None


def modinfo(path):
    """The .modinfo key=value pairs of a .ko as a list of (key, value)."""
    with open(path, "rb") as f:
        sec = elf_section(f.read(), b".modinfo")
    if sec is None:
        die("%s: not an ELF64 module with a .modinfo section" % path)
    pairs = []
    for item in sec.split(b"\0"):
        if b"=" in item:
            key, value = item.decode("utf-8", "replace").split("=", 1)
            pairs.append((key, value))
    return pairs


class Modules:
    """The kernel package's module tree: names, builtins, dependencies."""

    def __init__(self, moddir):
        self.moddir = moddir
        self.paths = {}
        for root, dirs, files in os.walk(os.path.join(moddir, "kernel")):
            dirs.sort()
            for f in sorted(files):
                if ".ko" in f:
                    self.paths[mod_name(f)] = os.path.relpath(os.path.join(root, f), moddir)
        self.builtin = set()
        builtin = os.path.join(moddir, "modules.builtin")
        if os.path.exists(builtin):
            with open(builtin, encoding="utf-8") as f:
                self.builtin = {mod_name(line.strip()) for line in f if line.strip()}
        self.dep = None
        depfile = os.path.join(moddir, "modules.dep")
        if os.path.exists(depfile):
            self.dep = {}
            with open(depfile, encoding="utf-8") as f:
                for line in f:
                    target, _, deps = line.partition(":")
                    self.dep[mod_name(target)] = [mod_name(d) for d in deps.split()]
        self.aliases = None

    def lookup(self, name):
        """Module name for a name or alias (e.g. softdep 'crc32c')."""
        name = name.replace("-", "_")
        if name in self.paths or name in self.builtin:
            return name
        if self.aliases is None:      # only scanned when a softdep needs it
            self.aliases = {}
            for mod, rel in self.paths.items():
                for key, value in modinfo(os.path.join(self.moddir, rel)):
                    if key == "alias":
                        self.aliases.setdefault(value.replace("-", "_"), mod)
        return self.aliases.get(name)

    def deps(self, name):
        """(hard dependencies, softdep pre modules) of a module."""
        info = modinfo(os.path.join(self.moddir, self.paths[name]))
        hard = []
        if self.dep is not None:
            hard = self.dep.get(name, [])
        else:
            for key, value in info:
                if key == "depends" and value:
                    hard += [d.replace("-", "_") for d in value.split(",")]
        soft = []
        for key, value in info:
            if key == "softdep":
                words = value.split()
                if "pre:" in words:
                    end = words.index("post:") if "post:" in words else len(words)
                    soft += words[words.index("pre:") + 1:end]
        return hard, soft

    def load_order(self, wanted):
        """Modules to load, dependencies first; builtins left out."""
        order, state = [], {}
        def visit(name, chain, optional):
            mod = self.lookup(name)
            if mod is None:
                if optional:
                    return
                die("no module %r in the kernel package (needed by %s)" % (name, " -> ".join(chain) or "request"))
            if mod in self.builtin or state.get(mod) == "done":
                return
            if state.get(mod) == "busy":
                die("dependency cycle: %s" % " -> ".join(chain + [mod]))
            state[mod] = "busy"
            hard, soft = self.deps(mod)
            for d in hard:
                visit(d, chain + [mod], False)
            for d in soft:
                visit(d, chain + [mod], True)
            state[mod] = "done"
            order.append(mod)
        for name in wanted:
            visit(name, [], False)
        return order


class Cpio:
    """A cpio newc archive (the format the kernel unpacks, see the kernel's
    Documentation/driver-api/early-userspace/buffer-format.rst)."""

    def __init__(self):
        self.entries = {}

    def add(self, path, mode, data=b"", rdev=(0, 0)):
        path = path.strip("/")
        parent = os.path.dirname(path)
        if parent and parent not in self.entries:
            self.add(parent, 0o040755)
        self.entries[path] = (mode, data, rdev)

    def bytes(self):
        out = io.BytesIO()
        def entry(ino, name, mode, data, nlink, rdev=(0, 0)):
            name_b = name.encode() + b"\0"
            fields = (ino, mode, 0, 0, nlink, 0, len(data), 0, 0) + rdev + (len(name_b), 0)
            out.write(b"070701" + b"".join(b"%08X" % v for v in fields) + name_b)
            out.write(b"\0" * (-out.tell() % 4) + data)
            out.write(b"\0" * (-out.tell() % 4))
        for ino, path in enumerate(sorted(self.entries), 1):
            mode, data, rdev = self.entries[path]
            entry(ino, path, mode, data, 2 if mode & 0o040000 else 1, rdev)
        entry(0, "TRAILER!!!", 0, b"", 1)
        return out.getvalue()


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        die("cannot read %s: %s" % (path, e.strerror))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--linux-root", required=True, help="the unpacked kernel package")
    ap.add_argument("--busybox", required=True, help="static arm64 busybox binary")
    ap.add_argument("--init", required=True, help="the /init script")
    ap.add_argument("--file", action="append", default=[], help="SRC:DEST extra executable")
    ap.add_argument("--module", action="append", default=[], help="module to load at boot")
    ap.add_argument("--list", help="also write the module load order here")
    ap.add_argument("-o", "--output", required=True)
    args = ap.parse_args()

    version, moddir = kernel_version(args.linux_root)
    mods = Modules(moddir)
    order = mods.load_order(args.module)

    cpio = Cpio()
    for d in ("dev", "proc", "sys", "tmp", "mnt", "root", "etc", "bin", "sbin", "usr/bin", "usr/sbin"):
        cpio.add(d, 0o040755)
    # init's stdin/stdout: the kernel opens /dev/console before devtmpfs
    # is mounted (character device 5:1).
    cpio.add("dev/console", 0o020600, rdev=(5, 1))
    cpio.add("init", 0o100755, read(args.init))
    cpio.add("bin/busybox", 0o100755, read(args.busybox))
    cpio.add("bin/sh", 0o120777, b"busybox")
    for spec in args.file:
        src, dest = spec.split(":", 1)
        cpio.add(dest, 0o100755, read(src))
    kdir = "lib/modules/" + version
    dep_lines = []
    for m in order:
        rel = mods.paths[m]
        cpio.add(kdir + "/" + rel, 0o100644, read(os.path.join(moddir, rel)))
        hard, _ = mods.deps(m)
        dep_lines.append("%s:%s\n" % (rel, "".join(" " + mods.paths[d] for d in hard if d in mods.paths)))
    cpio.add(kdir + "/modules.dep", 0o100644, "".join(dep_lines).encode())
    cpio.add("etc/modules.load", 0o100644, "".join("%s %s\n" % (m, rel) for m, rel in
                                                   ((m, kdir + "/" + mods.paths[m]) for m in order)).encode())
    cpio.add("etc/kernel-version", 0o100644, (version + "\n").encode())

    raw = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(cpio.bytes())
    tmp = args.output + ".tmp"
    with open(tmp, "wb") as f:
        f.write(raw.getvalue())
    os.replace(tmp, args.output)
    if args.list:
        with open(args.list, "w", encoding="utf-8") as f:
            f.write("".join(m + "\n" for m in order))
    skipped = [m for m in args.module if mods.lookup(m) in mods.builtin]
    print("  INITRD  %s (kernel %s, %d modules%s, %d bytes)" % (
        args.output, version, len(order),
        ", built in: " + " ".join(skipped) if skipped else "", len(raw.getvalue())))


if __name__ == "__main__":
    main()
