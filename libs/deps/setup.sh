#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Tessera dependency setup. Every step is idempotent and leaves a stamp file,
# so a second run does nothing. Called by the Makefile; usable by hand:
#   libs/deps/setup.sh apt          install Debian packages (needs root)
#   libs/deps/setup.sh debs DIR     fetch arm64 guest packages into DIR
#   libs/deps/setup.sh musl-src DIR fetch Debian's musl source package
set -eu

APT_PACKAGES="make gcc gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu \
qemu-system-arm qemu-user device-tree-compiler python3 python3-jinja2 \
python3-pytest cpio mtools dosfstools e2fsprogs cppcheck clang-format \
gdb-multiarch dpkg-dev xz-utils spin patch frama-c-base why3 z3 cvc4 \
ipxe-qemu libc6-dev-arm64-cross"

die() { echo "setup: error: $*" >&2; exit 1; }

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; 
	elif command -v sudo >/dev/null; then sudo "$@";
	else die "need root to run: $*"; fi
}

# The deb-src entry mirrors the first deb entry's URI (deb822 or one-line).
add_deb_src() {
	f=/etc/apt/sources.list.d/tessera-src.sources
	[ -f "$f" ] && return 1
	uri=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 | awk '{print $2}')
	[ -n "$uri" ] || uri=$(awk '$1=="deb"{print $2; exit}' /etc/apt/sources.list 2>/dev/null)
	[ -n "$uri" ] || uri=http://deb.debian.org/debian
	printf 'Types: deb-src\nURIs: %s\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" \
		| as_root tee "$f" >/dev/null
	echo "setup: added deb-src entry $f"
	return 0
}

do_apt() {
	changed=0
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		as_root dpkg --add-architecture arm64; changed=1
	fi
	if add_deb_src; then changed=1; fi
	missing=""
	for p in $APT_PACKAGES; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
	done
	if [ -n "$missing" ] || [ $changed = 1 ]; then
		echo "setup: apt-get update"
		as_root apt-get update -q >/dev/null || die "apt-get update failed"
	fi
	if [ -n "$missing" ]; then
		echo "setup: installing$missing"
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing \
			>/dev/null || die "apt-get install failed for:$missing"
	fi
}

# ipxe-qemu: QEMU virt's default NIC loads efi-virtio.rom (a Recommends of
# qemu-system-arm, which --no-install-recommends skips); libc6-dev-arm64-cross:
# the IDL tests compile generated C with the cross gcc's own libc headers.

# Resolve the versioned kernel package the metapackage points at, then
# download exact package names only (never a wildcard).
do_debs() {
	dir=$1; mkdir -p "$dir"; cd "$dir"
	kpkg=$(apt-cache depends linux-image-arm64:arm64 | awk '/Depends: linux-image-[0-9]/{print $2; exit}')
	[ -n "$kpkg" ] || die "cannot resolve linux-image-arm64:arm64 (is the arm64 architecture added and apt updated?)"
	kpkg=${kpkg%:arm64}
	for p in "$kpkg:arm64" busybox-static:arm64 libfdt-dev:arm64; do
		name=${p%:arm64}
		ls "${name}"_*_arm64.deb >/dev/null 2>&1 && continue
		echo "setup: apt-get download $p"
		apt-get download -q "$p" >/dev/null || die "apt-get download $p failed"
	done
	echo "$kpkg" > kernel-package
}

do_musl_src() {
	dir=$1; mkdir -p "$dir"; cd "$dir"
	ls -d musl-*/ >/dev/null 2>&1 && return 0
	echo "setup: apt-get source musl"
	apt-get source -q musl >/dev/null 2>&1 || die "apt-get source musl failed (is the deb-src entry present? run: libs/deps/setup.sh apt)"
}

case "${1:-}" in
apt) do_apt ;;
debs) do_debs "$2" ;;
musl-src) do_musl_src "$2" ;;
*) die "usage: $0 apt | debs DIR | musl-src DIR" ;;
esac
