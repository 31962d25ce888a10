# SPDX-License-Identifier: BSD-2-Clause
# The microkernel image: generic sources plus arch/$(ARCH). Included by the
# top-level Makefile (non-recursive).

KERNEL_O := $(O)/kobj
KERNEL_ELF := $(KERNEL_O)/kernel.elf

KERNEL_SRCS := $(wildcard microkernel/kernel/*.c) \
	$(wildcard microkernel/arch/$(ARCH)/*.c) $(wildcard microkernel/arch/$(ARCH)/*.S)
KERNEL_OBJS := $(patsubst %,$(KERNEL_O)/%.o,$(KERNEL_SRCS))

KERNEL_CPPFLAGS := -Imicrokernel/include -Imicrokernel/arch/$(ARCH)/include -I$(PLATDIR) \
	-DPLAT_RAM_BASE=$(PLAT_RAM_BASE)UL -DPLAT_RAM_MB=$(PLAT_RAM_MB) \
	-DPLAT_MAX_CPUS=$(PLAT_MAX_CPUS) -DPLAT_ARCHIVE_BASE=$(PLAT_ARCHIVE_BASE)UL \
	-DPLAT_INIT_BASE=$(PLAT_INIT_BASE)UL
# -flto: the trap, IPC and vCPU-switch paths cross many small files (sched,
# fastpath, cspace, arch/user, arch/vcpu); whole-kernel optimisation inlines
# them (hvc_roundtrip 890 -> 798 instructions). Nothing unwinds the kernel
# stack, so it needs no frame pointer (-> 789). Objects depend on this file,
# so a flag change rebuilds them.
KERNEL_CFLAGS = $(WARN) -std=gnu11 -O2 -g -flto -fomit-frame-pointer -ffreestanding -fno-builtin -nostdinc \
	-isystem $(shell $(CROSS_CC) -print-file-name=include) \
	-fno-stack-protector -fno-pic -fno-common -mgeneral-regs-only -mno-outline-atomics \
	-MMD -MP
KERNEL_LDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none \
	-Wl,-T,microkernel/arch/$(ARCH)/kernel.ld -Wl,--defsym=KERNEL_BASE=$(KERNEL_BASE)

# $(call kernel_image,<obj dir>,<extra C flags>): rules for one kernel build.
define kernel_image
$(1)/%.c.o: %.c microkernel/kernel.mk | $$(APT_STAMP)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(CROSS_CC) $$(KERNEL_CPPFLAGS) $(2) $$(KERNEL_CFLAGS) -c $$< -o $$@

$(1)/%.S.o: %.S microkernel/kernel.mk | $$(APT_STAMP)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(CROSS_CC) $$(KERNEL_CPPFLAGS) $$(KERNEL_CFLAGS) -D__ASSEMBLY__ -c $$< -o $$@

$(1)/kernel.elf: $$(patsubst %,$(1)/%.o,$$(KERNEL_SRCS)) microkernel/arch/$$(ARCH)/kernel.ld
	$$(Q)$$(CROSS_CC) $$(KERNEL_CFLAGS) $$(KERNEL_LDFLAGS) $$(filter %.o,$$^) -lgcc -o $$@
	@echo "  LD      $$@"

-include $$(patsubst %,$(1)/%.d,$$(KERNEL_SRCS))
endef

$(eval $(call kernel_image,$(KERNEL_O),))

# The same kernel with the IPC fast path switched off (the test suite runs both).
KERNEL_NOFP_O := $(O)/kobj-nofastpath
KERNEL_NOFP_ELF := $(KERNEL_NOFP_O)/kernel.elf
$(eval $(call kernel_image,$(KERNEL_NOFP_O),-DCONFIG_FASTPATH=0))

.PHONY: kernel
kernel: $(KERNEL_ELF)
