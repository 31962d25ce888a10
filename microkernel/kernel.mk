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
KERNEL_CFLAGS = $(WARN) -std=gnu11 -O2 -g -ffreestanding -fno-builtin -nostdinc \
	-isystem $(shell $(CROSS_CC) -print-file-name=include) \
	-fno-stack-protector -fno-pic -fno-common -mgeneral-regs-only -mno-outline-atomics \
	-MMD -MP
KERNEL_LDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none \
	-Wl,-T,microkernel/arch/$(ARCH)/kernel.ld -Wl,--defsym=KERNEL_BASE=$(KERNEL_BASE)

$(KERNEL_O)/%.c.o: %.c | $(APT_STAMP)
	@mkdir -p $(dir $@)
	$(Q)$(CROSS_CC) $(KERNEL_CPPFLAGS) $(KERNEL_CFLAGS) -c $< -o $@

$(KERNEL_O)/%.S.o: %.S | $(APT_STAMP)
	@mkdir -p $(dir $@)
	$(Q)$(CROSS_CC) $(KERNEL_CPPFLAGS) $(KERNEL_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

$(KERNEL_ELF): $(KERNEL_OBJS) microkernel/arch/$(ARCH)/kernel.ld
	$(Q)$(CROSS_CC) $(KERNEL_CFLAGS) $(KERNEL_LDFLAGS) $(KERNEL_OBJS) -lgcc -o $@
	@echo "  LD      $@"

-include $(KERNEL_OBJS:.o=.d)

# The same kernel with the IPC fast path switched off (the test suite runs both).
KERNEL_NOFP_O := $(O)/kobj-nofastpath
KERNEL_NOFP_ELF := $(KERNEL_NOFP_O)/kernel.elf
KERNEL_NOFP_OBJS := $(patsubst %,$(KERNEL_NOFP_O)/%.o,$(KERNEL_SRCS))

$(KERNEL_NOFP_O)/%.c.o: %.c | $(APT_STAMP)
	@mkdir -p $(dir $@)
	$(Q)$(CROSS_CC) $(KERNEL_CPPFLAGS) -DCONFIG_FASTPATH=0 $(KERNEL_CFLAGS) -c $< -o $@

$(KERNEL_NOFP_O)/%.S.o: %.S | $(APT_STAMP)
	@mkdir -p $(dir $@)
	$(Q)$(CROSS_CC) $(KERNEL_CPPFLAGS) $(KERNEL_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

$(KERNEL_NOFP_ELF): $(KERNEL_NOFP_OBJS) microkernel/arch/$(ARCH)/kernel.ld
	$(Q)$(CROSS_CC) $(KERNEL_CFLAGS) $(KERNEL_LDFLAGS) $(KERNEL_NOFP_OBJS) -lgcc -o $@
	@echo "  LD      $@"

-include $(KERNEL_NOFP_OBJS:.o=.d)

.PHONY: kernel
kernel: $(KERNEL_ELF)
