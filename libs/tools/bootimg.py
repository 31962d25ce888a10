#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""Boot image tools (formats in microkernel/include/tessera/bootinfo.h).

  bootimg.py archive CPIO OUT     OUT = one 4 KiB header page (struct
                                  archive_header: magic, total size) + CPIO
  bootimg.py check-init IMG       checks a root task image's header
                                  (struct init_image_header) against IMG
"""
import struct
import sys

ARCHIVE_MAGIC = 0x5643524141535354  # "TSSAARCV"
ARCHIVE_CPIO_OFFSET = 4096
INIT_IMAGE_MAGIC = 0x54534952494E4954  # "TINITRST"
INIT_VADDR = 0x00400000
INIT_HEADER = struct.Struct("<4Q")
ARCHIVE_HEADER = struct.Struct("<2Q")


def make_archive(cpio_bytes):
    """Returns the archive image for a cpio newc archive."""
    if not cpio_bytes.startswith(b"070701"):
        raise ValueError("not a cpio newc archive")
    total = ARCHIVE_CPIO_OFFSET + len(cpio_bytes)
    header = ARCHIVE_HEADER.pack(ARCHIVE_MAGIC, total)
    return header + bytes(ARCHIVE_CPIO_OFFSET - len(header)) + cpio_bytes


def check_init(image):
    """Returns a list of problems with a root task image (empty: fine)."""
    if len(image) < INIT_HEADER.size:
        return ["image shorter than its header"]
    magic, entry, file_size, mem_size = INIT_HEADER.unpack_from(image)
    problems = []
    if magic != INIT_IMAGE_MAGIC:
        problems.append("bad magic %#x" % magic)
    if file_size != len(image):
        problems.append("file_size %d but the image has %d bytes" % (file_size, len(image)))
    if mem_size < file_size or mem_size % 4096:
        problems.append("mem_size %d not page aligned or below file_size" % mem_size)
    if not INIT_VADDR + INIT_HEADER.size <= entry < INIT_VADDR + file_size or entry % 4:
        problems.append("entry %#x outside the image" % entry)
    return problems


def main(argv):
    if len(argv) == 4 and argv[1] == "archive":
        with open(argv[2], "rb") as f:
            data = make_archive(f.read())
        with open(argv[3], "wb") as f:
            f.write(data)
        return 0
    if len(argv) == 3 and argv[1] == "check-init":
        with open(argv[2], "rb") as f:
            problems = check_init(f.read())
        for p in problems:
            print("%s: %s" % (argv[2], p), file=sys.stderr)
        return 1 if problems else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
