# SPDX-License-Identifier: BSD-2-Clause
# Root tasks in the flat init image format (<tessera/bootinfo.h>,
# docs/userland.md): init's core objects, which every generated system's
# init links (servers/configs.mk builds its init.img and boot archive), and
# the test root tasks booted instead of init.
BOOTIMG := $(PY) libs/tools/bootimg.py

# --- root tasks ---------------------------------------------------------------
# Every system's init is built with it (servers/configs.mk); a test root task
# booted instead of init (ktest, difftest) is $(call root_task,name,objects):
# it links <name>.elf with root.ld and makes the flat <name>.img.
INIT_CORE_OBJS := $(patsubst %,$(USER_O)/servers/init/%.c.o,alloc archive boot elfmap pool uart \
	vspace)

define root_task
$(1)_ELF := $(USER_O)/servers/$(1)/$(1).elf
$(1)_IMG := $(USER_O)/servers/$(1)/$(1).img
$$($(1)_ELF): $(2) $$(ROOT_START_OBJS) $$(LIBTESSERA) $$(ROOT_LD)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(CROSS_CC) $$(TSR_ROOT_LDFLAGS) $$(TSR_ROOT_CRT) $(2) $$(TSR_LDLIBS) -o $$@
	@echo "  LD      $$@"
$$($(1)_IMG): $$($(1)_ELF) libs/tools/bootimg.py
	$$(Q)$$(PLAT_CROSS)objcopy -O binary $$< $$@
	$$(Q)$$(BOOTIMG) check-init $$@
	@echo "  IMG     $$@"
endef

-include $(INIT_CORE_OBJS:.o=.d)

# What QEMU needs to load them (appended to QEMU_FLAGS and the scenarios).
# $(call qemu_loader,<root task image>[,<boot archive>]): the kernel boots
# that root task with that archive; without one, nothing is loaded at
# PLAT_ARCHIVE_BASE and the kernel reports an empty archive (the test root
# tasks need none). make run boots RUN_INIT_IMG and RUN_ARCHIVE_IMG
# (servers/configs.mk: CONFIG).
qemu_loader = -device loader,file=$(1),addr=$(PLAT_INIT_BASE),force-raw=on \
	$(if $(2),$(call qemu_archive_loader,$(2)))
qemu_archive_loader = -device loader,file=$(1),addr=$(PLAT_ARCHIVE_BASE),force-raw=on
QEMU_LOADER_FLAGS = $(call qemu_loader,$(RUN_INIT_IMG),$(RUN_ARCHIVE_IMG))

# --- the kernel test root task (tests/ktest), booted instead of init ---------
KTEST_OBJS := $(patsubst %,$(USER_O)/tests/ktest/%.c.o,main caps ipc threads timer bench)
$(eval $(call root_task,ktest,$(KTEST_OBJS)))
KTEST_IMG := $(ktest_IMG)
-include $(KTEST_OBJS:.o=.d)

