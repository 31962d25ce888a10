# SPDX-License-Identifier: BSD-2-Clause
# The Linux guest payload (docs/guest.md): a busybox initramfs carrying the
# virtio and file-system modules of the same Debian kernel package, and the
# boot benchmark's first command. Outputs under $(B)/guest.

GUEST := $(B)/guest
GUEST_DIR := apps/linux-guest
GUEST_INITRD := $(GUEST)/initramfs.cpio.gz
GUEST_BOOTSTAMP := $(GUEST)/bootstamp
GUEST_DISKPATTERN := $(GUEST)/diskpattern
GUEST_DISK_EXT4 := $(GUEST)/disk-ext4.img
GUEST_DISK_VFAT := $(GUEST)/disk-vfat.img
# Loaded at boot with their dependencies (modules.dep order); ones the
# kernel has built in are skipped. nls_cp437 and nls_ascii are vfat's
# default code page and I/O character set (the kernel's FAT_DEFAULT_*).
GUEST_MODULES := virtio_mmio virtio_blk virtio_net virtio_console ext4 vfat nls_cp437 nls_ascii

$(GUEST)/%: $(GUEST_DIR)/%.c | $(APT_STAMP)
	@mkdir -p $(dir $@)
	$(Q)$(CROSS_CC) $(WARN) -O2 -static -nostdlib -ffreestanding -fno-stack-protector \
		-Wl,--build-id=none -o $@ $<

$(GUEST_INITRD): $(GUEST_DIR)/mkinitramfs.py $(GUEST_DIR)/init $(GUEST_BOOTSTAMP) $(GUEST_DISKPATTERN) \
		$(LINUX_IMAGE) $(BUSYBOX)
	@mkdir -p $(dir $@)
	$(Q)$(PY) $(GUEST_DIR)/mkinitramfs.py --linux-root $(LINUX_ROOT)/root --busybox $(BUSYBOX) \
		--init $(GUEST_DIR)/init --file $(GUEST_BOOTSTAMP):bin/bootstamp \
		--file $(GUEST_DISKPATTERN):bin/diskpattern \
		$(addprefix --module ,$(GUEST_MODULES)) --list $(GUEST)/modules.load -o $@

# Test disks: each holds /pattern.txt = `seq 1 20000`, which the guest's
# checks regenerate and compare; its sha256 is recorded in pattern.sha256
# (the QEMU runner compares the guest's with it). The ext4 disk (40 MiB,
# e2fsprogs' mke2fs -d; the Tessera VM holds it in its VMM's memory) also
# takes the 16 MiB file the guest writes.
$(GUEST)/pattern.txt:
	@mkdir -p $(dir $@)
	$(Q)seq 1 20000 >$@
$(GUEST)/pattern.sha256: $(GUEST)/pattern.txt
	$(Q)sha256sum $< | cut -d' ' -f1 >$@
$(GUEST_DISK_EXT4): $(GUEST)/pattern.txt | $(APT_STAMP)
	@rm -rf $@ $(GUEST)/ext4-root && mkdir -p $(GUEST)/ext4-root && cp $< $(GUEST)/ext4-root/
	$(Q)truncate -s 40M $@ && mke2fs -q -t ext4 -F -d $(GUEST)/ext4-root $@
$(GUEST_DISK_VFAT): $(GUEST)/pattern.txt | $(APT_STAMP)
	@rm -f $@
	$(Q)mkfs.vfat -C $@ 8192 >/dev/null && mcopy -i $@ $< ::pattern.txt

# The file the guest writes (diskpattern.c, GUEST_WRITE_MB MiB): "<sha256>
# <crc32>" computed on the host (diskpattern.py), what the guest and the VMM
# must report (tests/qemu/scenarios/linux.manifest).
GUEST_WRITE_MB := 16
GUEST_WRITE_EXPECT := $(GUEST)/write-$(GUEST_WRITE_MB)M.expect
$(GUEST_WRITE_EXPECT): $(GUEST_DIR)/diskpattern.py
	@mkdir -p $(dir $@)
	$(Q)$(PY) $< $$(($(GUEST_WRITE_MB) * 2048)) >$@

.PHONY: guest
guest: $(GUEST_INITRD)
all: $(GUEST_INITRD)
