# SPDX-License-Identifier: BSD-2-Clause
# Building a generated system (docs/idl.md "Building and booting a
# system"): configs/<name>.tsr -> $(O)/gen/<name>/ (generator, idl/idl.mk),
# then one ELF per instance, an init image with the spec linked in, and a
# boot archive:
#   $(O)/gen/<name>/images/<instance>.elf   component sources apps/<component>/*.c, *.S
#                                           + its glue + tsr_rt.c + comp_start
#   $(O)/gen/<name>/init.img                init (main_spec.c, realise*.c) + spec.c
#   $(O)/gen/<name>/archive.img             the images and the files archive.list names
# `make run CONFIG=<name>` (also configs/<name> or configs/<name>.tsr)
# boots one; without CONFIG, `make run` boots configs/linux-vm.tsr (Debian's
# Linux in a VM, its console through the console server). The smallest is
# CONFIG=test-userland (init, ping and pong; it replaces the hand-built init
# and archive that CONFIG=none used to boot).
# Systems built here: CONFIG's, hello and the test systems the QEMU scenarios
# boot (test-userland: boot.manifest, userland.manifest; test-fuzz:
# tests/qemu/scenarios/fuzz.manifest; test-vm: vm.manifest and bench-vm; test-links:
# links.manifest; test-vms: vms.manifest, lifecycle.manifest; test-servers:
# servers.manifest; test-vms-fault: vms_fault.manifest; linux-test:
# linux.manifest; linux-vm: shell.manifest; net-test: net.manifest; two-vms: built by test-qemu;
# test-passthrough: passthrough.manifest; chan-test: chan.manifest; the Linux ones
# need the guest initramfs's rule, GUEST_INITRD).
CONFIG ?= linux-vm
ifeq ($(CONFIG),none)
$(error CONFIG=none is gone: the bare init and ping are now the generated system \
	configs/test-userland.tsr (make run CONFIG=test-userland))
endif
CONFIG_NAME := $(basename $(notdir $(CONFIG)))
ifneq ($(filter-out ./ configs/ ./configs/,$(dir $(CONFIG))),)
$(error CONFIG=$(CONFIG): a system is named as <name>, configs/<name> or configs/<name>.tsr)
endif
ifeq ($(wildcard configs/$(CONFIG_NAME).tsr),)
$(error CONFIG=$(CONFIG): there is no configs/$(CONFIG_NAME).tsr; the systems are: \
	$(basename $(notdir $(wildcard configs/*.tsr))))
endif
LINUX_TEST_SYSTEM := $(if $(GUEST_INITRD),linux-test linux-bench linux-vm net-test two-vms \
	test-passthrough chan-test)
SYSTEMS_BUILT := $(sort hello test-userland test-fuzz test-vm test-links test-vms test-servers test-vms-fault \
	$(LINUX_TEST_SYSTEM) $(CONFIG_NAME))

COMP_START_OBJS := $(USER_O)/libs/libtessera/comp_start.S.o $(USER_O)/libs/libtessera/comp_start.c.o
INIT_SPEC_SRCS := main_spec realise_objects realise_space realise_start lifecycle \
	lifecycle_ops manager shell shellread experiment klog
# Where a component's sources are: apps/<component>/, servers/<component>/ or
# (test components) tests/<component>/; the VMM (component vmm, one instance
# per VM) is vmm/ and links libfdt.
component_dir = $(if $(filter vmm,$(1)),vmm,$(firstword $(wildcard apps/$(1) servers/$(1) tests/$(1))))
component_libs = $(if $(filter vmm,$(1)),$(LIBFDT_A))

# $(call sys_instance,system,instance,component)
define sys_instance
SYS_DIR_$(1)_$(2) := $(call component_dir,$(3))
SYS_OBJS_$(1)_$(2) := $$(patsubst %,$(IDL_GEN)/$(1)/obj/$(2)/%.o,$$(notdir \
	$$(wildcard $$(SYS_DIR_$(1)_$(2))/*.c $$(SYS_DIR_$(1)_$(2))/*.S))) $(IDL_GEN)/$(1)/obj/$(2)/glue.c.o \
	$$(if $$(filter vmm,$(3)),$(IDL_GEN)/$(1)/obj/$(2)/vm_config.c.o)
$(IDL_GEN)/$(1)/obj/$(2)/%.c.o: $$(SYS_DIR_$(1)_$(2))/%.c $(call idl_stamp,$(1)) $$(MUSL_LIBC)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(CROSS_CC) $$(USER_CFLAGS) -I$(IDL_GEN)/$(1)/include \
		-I$(IDL_GEN)/$(1)/components/$(2) -c $$< -o $$@
$(IDL_GEN)/$(1)/obj/$(2)/%.S.o: $$(SYS_DIR_$(1)_$(2))/%.S $(call idl_stamp,$(1)) $$(MUSL_LIBC)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(CROSS_CC) $$(USER_CFLAGS) -D__ASSEMBLY__ -c $$< -o $$@
$(IDL_GEN)/$(1)/obj/$(2)/glue.c.o: $(call idl_stamp,$(1)) $$(MUSL_LIBC)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(CROSS_CC) $$(USER_CFLAGS) -I$(IDL_GEN)/$(1)/include \
		-c $(IDL_GEN)/$(1)/components/$(2)/glue.c -o $$@
$(IDL_GEN)/$(1)/obj/$(2)/vm_config.c.o: $(call idl_stamp,$(1)) $$(MUSL_LIBC)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(CROSS_CC) $$(USER_CFLAGS) -I$(IDL_GEN)/$(1)/include \
		-c $(IDL_GEN)/$(1)/components/$(2)/vm_config.c -o $$@
$(IDL_GEN)/$(1)/images/$(2).elf: $$(SYS_OBJS_$(1)_$(2)) $(IDL_GEN)/$(1)/obj/tsr_rt.c.o \
		$$(COMP_START_OBJS) $$(LIBTESSERA) $$(call component_libs,$(3))
	@test -n "$$(SYS_DIR_$(1)_$(2))" || { echo "$(1): no sources for component $(3) of \
		instance $(2) (apps/$(3)/ or servers/$(3)/)"; exit 1; }
	@mkdir -p $$(dir $$@)
	$$(Q)$$(CROSS_CC) $$(TSR_LDFLAGS) $$(MUSL)/lib/crti.o $$(COMP_START_OBJS) \
		$$(SYS_OBJS_$(1)_$(2)) $(IDL_GEN)/$(1)/obj/tsr_rt.c.o $$(call component_libs,$(3)) \
		$$(TSR_LDLIBS) -o $$@
	@echo "  LD      $$@"
-include $$(SYS_OBJS_$(1)_$(2):.o=.d)
endef

# $(call sys_build,system): reads the generated system.mk (made first: it
# is remade like any included makefile) and defines the system's rules.
define sys_build
-include $(IDL_GEN)/$(1)/system.mk
$(IDL_GEN)/$(1)/system.mk: $(call idl_stamp,$(1))
	@touch $$@
SYS_INSTANCES_$(1) := $$(TSR_INSTANCES)
$$(foreach i,$$(TSR_INSTANCES),$$(eval $$(call sys_instance,$(1),$$(i),$$(TSR_SOURCE_$$(i)))))
SYS_IMAGES_$(1) := $$(patsubst %,$(IDL_GEN)/$(1)/images/%.elf,$$(TSR_INSTANCES))

$(IDL_GEN)/$(1)/obj/tsr_rt.c.o: libs/libtessera/tsr_rt.c $(call idl_stamp,$(1)) $$(MUSL_LIBC)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(CROSS_CC) $$(USER_CFLAGS) -I$(IDL_GEN)/$(1)/include -c $$< -o $$@
$(IDL_GEN)/$(1)/obj/init/%.c.o: servers/init/%.c $(call idl_stamp,$(1)) $$(MUSL_LIBC)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(CROSS_CC) $$(USER_CFLAGS) -I$(IDL_GEN)/$(1)/include -Iservers/init -Itests/fault -c $$< -o $$@
$(IDL_GEN)/$(1)/obj/init/spec.c.o: $(call idl_stamp,$(1)) $$(MUSL_LIBC)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(CROSS_CC) $$(USER_CFLAGS) -I$(IDL_GEN)/$(1)/include -c $(IDL_GEN)/$(1)/spec.c -o $$@
SYS_INIT_OBJS_$(1) := $$(INIT_CORE_OBJS) \
	$$(patsubst %,$(IDL_GEN)/$(1)/obj/init/%.c.o,$$(INIT_SPEC_SRCS) spec)
$(IDL_GEN)/$(1)/init.elf: $$(SYS_INIT_OBJS_$(1)) $$(ROOT_START_OBJS) $$(LIBTESSERA) $$(ROOT_LD)
	$$(Q)$$(CROSS_CC) $$(TSR_ROOT_LDFLAGS) $$(TSR_ROOT_CRT) $$(SYS_INIT_OBJS_$(1)) \
		$$(TSR_LDLIBS) -o $$@
	@echo "  LD      $$@"
$(IDL_GEN)/$(1)/init.img: $(IDL_GEN)/$(1)/init.elf libs/tools/bootimg.py
	$$(Q)$$(PLAT_CROSS)objcopy -O binary $$< $$@
	$$(Q)$$(BOOTIMG) check-init $$@
	@echo "  IMG     $$@"
-include $$(SYS_INIT_OBJS_$(1):.o=.d)

# The archive: stripped images, then the files a VM names, as they are, and
# configs/<system>.rc as init.rc (commands for init's shell, docs/lifecycle.md).
$(IDL_GEN)/$(1)/archive.img: $$(SYS_IMAGES_$(1)) $(call idl_stamp,$(1)) libs/tools/bootimg.py \
		$$(wildcard configs/$(1).rc)
	@rm -rf $(IDL_GEN)/$(1)/archive-stage && mkdir -p $(IDL_GEN)/$(1)/archive-stage
	$$(Q)for f in $$(SYS_IMAGES_$(1)); do \
		$$(PLAT_CROSS)strip -o $(IDL_GEN)/$(1)/archive-stage/$$$${f##*/} $$$$f || exit 1; \
	done
	$$(Q)while read name path; do \
		cp "$$$$path" "$(IDL_GEN)/$(1)/archive-stage/$$$$name" || exit 1; \
	done < $(IDL_GEN)/$(1)/archive.list
	$$(Q)if [ -f configs/$(1).rc ]; then cp configs/$(1).rc $(IDL_GEN)/$(1)/archive-stage/init.rc; fi
	$$(Q)cd $(IDL_GEN)/$(1)/archive-stage && chmod 0755 * && touch -d @0 * && \
		ls | LC_ALL=C sort | cpio --quiet -o -H newc --reproducible -R 0:0 > ../archive.cpio
	$$(Q)$$(BOOTIMG) archive $(IDL_GEN)/$(1)/archive.cpio $$@
	@echo "  ARCHIVE $$@"

.PHONY: system-$(1)
system-$(1): $(IDL_GEN)/$(1)/init.img $(IDL_GEN)/$(1)/archive.img
endef

# Goals that need no system (and should not run the generator to parse).
SYS_NO_GOALS := clean distclean help lint sloc idl-test test-idl test-unit test-tools test-runner
ifneq ($(MAKECMDGOALS),)
ifeq ($(filter-out $(SYS_NO_GOALS),$(MAKECMDGOALS)),)
SYSTEMS_BUILT :=
endif
endif
$(foreach s,$(SYSTEMS_BUILT),$(eval $(call sys_build,$(s))))

# What `make run` boots.
RUN_INIT_IMG := $(IDL_GEN)/$(CONFIG_NAME)/init.img
RUN_ARCHIVE_IMG := $(IDL_GEN)/$(CONFIG_NAME)/archive.img
