# SPDX-License-Identifier: BSD-2-Clause
# Fault-isolation and VM lifecycle tests: the bare-metal lifecycle guest
# (tests/fault/lifeguest.S) that configs/test-vms.tsr runs in three VMs.
# Included by the top-level Makefile before idl/idl.mk (the IDL step of
# test-vms depends on LIFEGUEST).

LIFEGUEST := $(O)/tests/lifeguest.elf

$(LIFEGUEST): tests/fault/lifeguest.S tests/fault/lifeguest.h tests/fault/lifeguest.ld \
		| $(APT_STAMP)
	@mkdir -p $(dir $@)
	$(Q)$(CROSS_CC) -nostdlib -nostartfiles -static -no-pie -Wl,--build-id=none -Wl,--no-warn-rwx-segments \
		-Wl,-T,tests/fault/lifeguest.ld -Itests/fault -o $@ tests/fault/lifeguest.S
	@echo "  LD      $@"
