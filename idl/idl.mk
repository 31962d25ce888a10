# SPDX-License-Identifier: BSD-2-Clause
# The system description language: the generator's tests, and generating a
# system from configs/<name>.tsr into $(O)/gen/<name>/ (docs/idl.md).
# Included by the top-level Makefile (uses B, O, PY, Q).
#
#   make idl-test           pytest of tests/idl -> $(B)/test-results/idl.xml
#   make idl-gen-<name>     generate configs/<name>.tsr
#
# For another makefile: $(call idl_stamp,<name>) is the file that is up to
# date once $(O)/gen/<name>/ is; depend on it before compiling generated
# C. IDL_PREREQ_<name> may list files the system names that the build
# makes (e.g. $(LINUX_IMAGE)); they are made first (order-only).

IDL_GEN := $(O)/gen
IDL_SRCS := $(wildcard idl/*.py idl/templates/*.j2 idl/builtin.tsr)
IDL_SYSTEMS := $(patsubst configs/%.tsr,%,$(wildcard configs/*.tsr))
# Extra search directories for files named in system files (-I).
IDL_SEARCH ?=

idl_stamp = $(IDL_GEN)/$(1)/.stamp

# The Linux systems name the Debian kernel, the guest initramfs and (the
# test system) the ext4 test disk.
IDL_PREREQ_linux-vm = $(LINUX_IMAGE) $(GUEST_INITRD)
IDL_PREREQ_linux-test = $(LINUX_IMAGE) $(GUEST_INITRD) $(GUEST_DISK_EXT4)
IDL_PREREQ_linux-bench = $(LINUX_IMAGE) $(GUEST_INITRD)
IDL_PREREQ_net-test = $(LINUX_IMAGE) $(GUEST_INITRD)
IDL_PREREQ_two-vms = $(LINUX_IMAGE) $(GUEST_INITRD)
# The lifecycle test system runs the bare-metal guest of tests/fault/fault.mk.
IDL_PREREQ_test-vms = $(LIFEGUEST)
IDL_PREREQ_test-servers = $(LIFEGUEST)
IDL_PREREQ_test-vms-fault = $(LIFEGUEST)

.PHONY: idl-test
idl-test:
	@mkdir -p $(B)/test-results
	$(Q)$(PY) -m pytest tests/idl -q -p no:cacheprovider --junitxml=$(B)/test-results/idl.xml

# The generator writes only files whose content changed, so the stamp (not
# spec.c) carries the time of the last successful run.
define idl_system
$(call idl_stamp,$(1)): configs/$(1).tsr $$(IDL_SRCS) | $$(IDL_PREREQ_$(1))
	@echo "  IDL     configs/$(1).tsr"
	@mkdir -p $(IDL_GEN)/$(1)
	$$(Q)$$(PY) -m idl configs/$(1).tsr -o $(IDL_GEN)/$(1) --build $$(B) \
		$$(addprefix -I ,$$(IDL_SEARCH)) --spec-text $(IDL_GEN)/$(1)/spec.txt \
		--deps $(IDL_GEN)/$(1)/deps.d --deps-target $(call idl_stamp,$(1))
	@touch $$@

.PHONY: idl-gen-$(1)
idl-gen-$(1): $(call idl_stamp,$(1))

-include $(IDL_GEN)/$(1)/deps.d
endef
$(foreach s,$(IDL_SYSTEMS),$(eval $(call idl_system,$(s))))
