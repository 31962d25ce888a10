# SPDX-License-Identifier: BSD-2-Clause
# Third-party dependencies, all from Debian's archive, cached under build/deps.
# Each step leaves a stamp, so a second `make` does nothing here.

DEPS := $(B)/deps
SETUP := sh libs/deps/setup.sh
APT_STAMP := $(DEPS)/apt.stamp
DEBS_STAMP := $(DEPS)/debs.stamp

$(APT_STAMP): libs/deps/setup.sh
	@mkdir -p $(DEPS)
	$(Q)$(SETUP) apt
	@touch $@

$(DEBS_STAMP): $(APT_STAMP)
	$(Q)$(SETUP) debs $(DEPS)/debs
	@touch $@

# Guest payloads: Debian's arm64 kernel Image (uncompressed) with its
# modules, and busybox-static. Unpacked from the exact packages downloaded.
LINUX_ROOT := $(DEPS)/linux
LINUX_IMAGE := $(LINUX_ROOT)/Image
BUSYBOX := $(DEPS)/busybox/bin/busybox

$(LINUX_IMAGE): $(DEBS_STAMP)
	@rm -rf $(LINUX_ROOT) && mkdir -p $(LINUX_ROOT)/root
	$(Q)dpkg-deb -x $(DEPS)/debs/$$(cat $(DEPS)/debs/kernel-package)_*_arm64.deb $(LINUX_ROOT)/root
	$(Q)cp $(LINUX_ROOT)/root/boot/vmlinuz-* $@
	@echo "  DEB     $@ ($$(cat $(DEPS)/debs/kernel-package))"

$(BUSYBOX): $(DEBS_STAMP)
	@rm -rf $(DEPS)/busybox && mkdir -p $(DEPS)/busybox
	$(Q)dpkg-deb -x $(DEPS)/debs/busybox-static_*_arm64.deb $(DEPS)/busybox
	@test -x $@ || { echo "deps: busybox-static package has no bin/busybox" >&2; exit 1; }
	@touch $@

