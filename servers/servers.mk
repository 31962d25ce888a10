# SPDX-License-Identifier: BSD-2-Clause
# User programs of the boot image: the root task (init) in the flat init
# image format, the programs packed into the boot archive, and the archive
# itself (formats: <tessera/bootinfo.h>, docs/userland.md).
#   $(INIT_IMG)     build/<arch>-<plat>/user/servers/init/init.img
#   $(ARCHIVE_IMG)  build/<arch>-<plat>/archive.img
BOOTIMG := $(PY) libs/tools/bootimg.py

# --- root tasks ---------------------------------------------------------------
# $(call root_task,name,objects): links <name>.elf with root.ld and makes
# the flat <name>.img. A test root task is another call with its own main.
INIT_CORE_OBJS := $(patsubst %,$(USER_O)/servers/init/%.c.o,alloc boot elfmap log pool spawn uart vspace)
INIT_OBJS := $(INIT_CORE_OBJS) $(patsubst %,$(USER_O)/servers/init/%.c.o,main serve)

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
$(eval $(call root_task,init,$(INIT_OBJS)))
INIT_ELF := $(init_ELF)
INIT_IMG := $(init_IMG)

# --- programs in the boot archive ------------------------------------------------
# To add one: a rule for its ELF (linked like PING_ELF) and an entry
# "<name in the archive>=<ELF>" in ARCHIVE_FILES.
PING_OBJS := $(USER_O)/apps/ping/main.c.o
PING_ELF := $(USER_O)/apps/ping/ping.elf
$(PING_ELF): $(PING_OBJS) $(LIBTESSERA)
	$(Q)$(CROSS_CC) $(TSR_LDFLAGS) $(TSR_PROG_CRT) $(PING_OBJS) $(TSR_LDLIBS) -o $@
	@echo "  LD      $@"

ARCHIVE_FILES := init.elf=$(INIT_ELF) ping=$(PING_ELF)
ARCHIVE_IMG := $(O)/archive.img
ARCHIVE_STAGE := $(O)/archive-stage

# Deterministic: stripped copies, fixed mode/owner/mtime, sorted names.
$(ARCHIVE_IMG): $(foreach f,$(ARCHIVE_FILES),$(lastword $(subst =, ,$(f)))) libs/tools/bootimg.py \
		servers/servers.mk
	@rm -rf $(ARCHIVE_STAGE) && mkdir -p $(ARCHIVE_STAGE)
	$(Q)for f in $(ARCHIVE_FILES); do \
		$(PLAT_CROSS)strip -o $(ARCHIVE_STAGE)/$${f%%=*} $${f#*=} || exit 1; \
		chmod 0755 $(ARCHIVE_STAGE)/$${f%%=*}; touch -d @0 $(ARCHIVE_STAGE)/$${f%%=*}; \
	done
	$(Q)cd $(ARCHIVE_STAGE) && ls | LC_ALL=C sort | \
		cpio --quiet -o -H newc --reproducible -R 0:0 > ../archive.cpio
	$(Q)$(BOOTIMG) archive $(O)/archive.cpio $@
	@echo "  ARCHIVE $@"

-include $(INIT_OBJS:.o=.d) $(PING_OBJS:.o=.d)

# What QEMU needs to load them (appended to QEMU_FLAGS and the scenarios).
# $(call qemu_loader,<root task image>[,<archive>]): the kernel boots that
# root task with that boot archive (default $(ARCHIVE_IMG)). make run boots
# RUN_INIT_IMG and RUN_ARCHIVE_IMG (servers/configs.mk: CONFIG).
qemu_loader = -device loader,file=$(1),addr=$(PLAT_INIT_BASE),force-raw=on \
	-device loader,file=$(or $(2),$(ARCHIVE_IMG)),addr=$(PLAT_ARCHIVE_BASE),force-raw=on
QEMU_LOADER_FLAGS = $(call qemu_loader,$(RUN_INIT_IMG),$(RUN_ARCHIVE_IMG))

.PHONY: userland
userland: $(INIT_IMG) $(ARCHIVE_IMG)

# --- the kernel test root task (tests/ktest), booted instead of init ---------
KTEST_OBJS := $(patsubst %,$(USER_O)/tests/ktest/%.c.o,main caps ipc threads timer bench)
$(eval $(call root_task,ktest,$(KTEST_OBJS)))
KTEST_IMG := $(ktest_IMG)
-include $(KTEST_OBJS:.o=.d)

# --- the test VMM with its bare-metal guest (tests/vmtest), booted instead of init
VMTEST_OBJS := $(patsubst %,$(USER_O)/tests/vmtest/%.o,vmm.c setup.c iso.c guest.S iso.S vtlat.S)
$(eval $(call root_task,vmtest,$(VMTEST_OBJS)))
VMTEST_IMG := $(vmtest_IMG)
-include $(VMTEST_OBJS:.o=.d)
