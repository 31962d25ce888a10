# SPDX-License-Identifier: BSD-2-Clause
# Tessera: one non-recursive build. Every output goes under build/.
#   make            build the default system (ARCH=aarch64 PLAT=qemu-virt)
#   make run        build and boot it in QEMU, console on stdio (Ctrl-a x quits);
#                   CONFIG=<name> boots the system configs/<name>.tsr instead
#   make test       install what is missing, build, run every test suite
#   make bench      run the benchmarks, write build/bench/<suite>.json
#   make verify     model checking of IPC (spin): tests/formal/README.md
#   make lint       cppcheck and clang-format check of project sources
#   make sloc       privileged (kernel) source lines per architecture
#   make fault-campaign N=50 SEED=1   randomized fault injections (docs/lifecycle.md)
#   make help       this list, with the variables you can set
ARCH ?= aarch64
PLAT ?= qemu-virt
V ?= 0

B := build
O := $(B)/$(ARCH)-$(PLAT)
PLATDIR := platforms/$(PLAT)-$(ARCH)
PY := /usr/bin/python3
Q := $(if $(filter 1,$(V)),,@)

ifeq ($(wildcard $(PLATDIR)/platform.mk),)
$(error no platform description $(PLATDIR)/platform.mk (ARCH=$(ARCH) PLAT=$(PLAT)))
endif
include $(PLATDIR)/platform.mk

CROSS_CC := $(PLAT_CROSS)gcc
WARN := -Wall -Wextra -Werror -Wno-override-init
KERNEL_BASE := $(PLAT_KERNEL_BASE)

# QEMU: the one place the machine is set up. SMP and GIC may be overridden on
# the command line (make run SMP=4 GIC=2); -m comes from the platform.
SMP ?= $(PLAT_SMP)
GIC ?= $(PLAT_GIC)
QEMU := $(PLAT_QEMU)
QEMU_MACHINE = -M $(PLAT_MACHINE),gic-version=$(GIC) -cpu $(PLAT_CPU) -m $(PLAT_RAM_MB) -smp $(SMP)
QEMU_FLAGS = $(QEMU_MACHINE) -nographic -no-reboot -kernel $(KERNEL_ELF) $(QEMU_LOADER_FLAGS)
# Deterministic execution for benchmarks: exact instruction counts.
QEMU_BENCH_FLAGS := -icount shift=0,sleep=off -seed 1

.DEFAULT_GOAL := all
.PHONY: all run test bench lint sloc help clean distclean deps

include libs/deps/deps.mk
include microkernel/kernel.mk
include libs/libs.mk
include libs/libtessera/libtessera.mk
include servers/servers.mk
include apps/linux-guest/guest.mk
include tests/fault/fault.mk
-include idl/idl.mk
include servers/configs.mk
include tests/tests.mk
include tests/formal/formal.mk

deps: $(APT_STAMP) $(DEBS_STAMP) $(LINUX_IMAGE) $(BUSYBOX) $(MUSL_LIBC) $(LIBFDT_A)

all: deps $(KERNEL_ELF) $(USER_DEMO) $(RUN_INIT_IMG) $(RUN_ARCHIVE_IMG)

run: deps $(KERNEL_ELF) $(RUN_INIT_IMG) $(RUN_ARCHIVE_IMG)
	@echo "Booting Tessera system $(CONFIG_NAME) in QEMU ($(QEMU_MACHINE)); quit with Ctrl-a x"
	$(QEMU) $(QEMU_FLAGS)

help:
	@sed -n '2,12p' Makefile | sed 's/^# //'
	@echo "variables: ARCH=$(ARCH) PLAT=$(PLAT) SMP=$(SMP) GIC=$(GIC) CONFIG=$(CONFIG_NAME) V=1 (verbose)"

clean:
	rm -rf $(O) $(B)/test-results $(B)/bench $(B)/unit

# Also forgets downloaded packages and the musl build.
distclean:
	rm -rf $(B)
