# SPDX-License-Identifier: BSD-2-Clause
# Test and measurement targets. Every group writes its verdicts to
# $(RESULTS)/<group>.res (or a JUnit .xml); `make test` totals them.

RESULTS := $(B)/test-results
RUNNER := $(PY) tests/qemu/run.py
HOST_CC := gcc
SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
UNIT_O := $(B)/unit

# --- host unit tests: real sources against small fakes ---------------------
# UNIT_<name> lists the real source files test_<name>.c is built with;
# UNIT_FLAGS_<name> adds compiler flags for it.
UNIT_printf := microkernel/kernel/printf.c
UNIT_cpio := libs/cpio/cpio.c
UNIT_cspace := microkernel/kernel/cspace.c
UNIT_cdt := microkernel/kernel/cdt.c microkernel/kernel/cspace.c microkernel/kernel/cnode.c \
	microkernel/kernel/object.c microkernel/kernel/untyped.c tests/unit/fakes/kernel_fakes.c
UNIT_irq_dispatch := microkernel/arch/$(ARCH)/irq.c
UNIT_irq_timer := microkernel/kernel/irq.c
UNIT_FLAGS_irq_dispatch := -DPLAT_MAX_CPUS=$(PLAT_MAX_CPUS)
UNIT_elfload := libs/elfload/elfload.c libs/elfload/elfstack.c
UNIT_heap := libs/libtessera/heap.c
UNIT_invoke := libs/libtessera/invoke.c libs/libtessera/invoke_tcb.c
UNIT_init_alloc := servers/init/alloc.c servers/init/pool.c servers/init/uart.c
UNIT_log_ring := libs/libtessera/log_ring.c
UNIT_console := $(patsubst %,servers/console/%.c,linemux escape inq)
UNIT_netswitch := servers/netswitch/mactable.c servers/netswitch/swcore.c
UNIT_virtio := $(patsubst %,libs/virtio/%.c,virtq virtio_mmio virtio_blk virtio_net virtio_console chan_ring)
UNIT_virtio_net := $(UNIT_virtio)
UNIT_virtio_console := $(UNIT_virtio)
UNIT_chan_ring := libs/virtio/chan_ring.c
# The runtime under the IDL glue, against a golden generated tsr_rt.h.
UNIT_tsr_rt := libs/libtessera/tsr_rt.c
UNIT_FLAGS_tsr_rt := -Itests/idl/good/rpc_types.golden/include
# The VMM's exit handling with a fake kernel (vmm/, a golden VM config header).
UNIT_vmm_exits := $(patsubst %,vmm/%.c,exit psci sysreg mmio gic gicv2_dist gicv3_dist gicv3_redist \
	passthrough)
UNIT_FLAGS_vmm_exits := -Ivmm -Itests/idl/good/vm_full.golden/include
# The VMM's lifecycle hooks (stats block, pings, power requests, test hooks).
UNIT_vmm_life := vmm/life.c
UNIT_FLAGS_vmm_life := -Ivmm -Itests/idl/good/vm_full.golden/include
# The VMM's channel devices: both ends of a vm_channel in one process.
UNIT_vmm_chan := vmm/chan.c $(UNIT_virtio)
UNIT_FLAGS_vmm_chan := -Ivmm -Itests/idl/good/vm_full.golden/include
# init's spec realiser on a golden generated spec, fake kernel and loader.
UNIT_init_realise := $(patsubst %,servers/init/%.c,realise_objects realise_space realise_start uart \
	alloc pool vspace) libs/libtessera/invoke.c libs/libtessera/invoke_tcb.c libs/libtessera/invoke_vcpu.c \
	libs/libtessera/errname.c \
	tests/idl/good/rpc_types.golden/spec.c
UNIT_FLAGS_init_realise := -Iservers/init -Itests/idl/good/rpc_types.golden/include
# init's kernel-log handover on the golden spec with a klog holder.
UNIT_init_klog := servers/init/klog.c libs/libtessera/invoke.c libs/libtessera/invoke_tcb.c \
	tests/idl/good/klog.golden/spec.c
UNIT_FLAGS_init_klog := -Iservers/init -Itests/idl/good/klog.golden/include
# init's shell reader (servers/init/shellread.c, included by the test) as a
# host thread against a fake kernel.
UNIT_init_shellread := libs/libtessera/invoke.c libs/libtessera/invoke_tcb.c
UNIT_FLAGS_init_shellread := -Iservers/init -Itests/idl/good/klog.golden/include -pthread
# init's check of static partitions (realise_init) on the golden partitioned spec.
UNIT_init_partition = $(filter-out %/spec.c,$(UNIT_init_realise)) \
	tests/idl/good/partitioned.golden/spec.c
UNIT_FLAGS_init_partition := -Iservers/init -Itests/idl/good/partitioned.golden/include
UNIT_TESTS := $(patsubst tests/unit/test_%.c,%,$(wildcard tests/unit/test_*.c))
UNIT_CFLAGS := $(WARN) -std=gnu11 -g -O1 $(SANITIZE) -Imicrokernel/include \
	-Imicrokernel/arch/$(ARCH)/include -Itests/unit/fakes -I$(PLATDIR) \
	-Ilibs/include -MMD -MP -DTSR_SYSCALL_EXTERN

# The real sources are prerequisites too (secondary expansion of UNIT_<name>).
.SECONDEXPANSION:
$(UNIT_O)/test_%: tests/unit/test_%.c $$(UNIT_$$*) | $(APT_STAMP)
	@mkdir -p $(dir $@)
	$(Q)$(HOST_CC) $(UNIT_CFLAGS) $(UNIT_FLAGS_$*) $< $(UNIT_$*) -o $@

-include $(wildcard $(UNIT_O)/*.d)

.PHONY: test-unit test-libs test-qemu test-idl

# The generator's pytest suite (target idl-test comes from idl/idl.mk).
test-idl: idl-test
test-unit: $(addprefix $(UNIT_O)/test_,$(UNIT_TESTS))
	@mkdir -p $(RESULTS) && rm -f $(RESULTS)/unit.res
	$(Q)for t in $(UNIT_TESTS); do \
		$(RUNNER) --suite unit_$$t --timeout 120 --results $(RESULTS)/unit.res \
			--log $(UNIT_O)/test_$$t.log -- $(UNIT_O)/test_$$t >/dev/null || st=1; \
	done; grep -h FAIL $(RESULTS)/unit.res; exit $${st:-0}

# --- musl + libfdt demonstration under qemu-aarch64 user mode --------------
test-libs: $(USER_DEMO)
	@mkdir -p $(RESULTS)
	$(Q)$(RUNNER) --suite libs --timeout 120 --results $(RESULTS)/libs.res \
		--log $(O)/logs/libs.log -- qemu-aarch64 $(USER_DEMO)

include tests/userland/userland.mk

# --- QEMU scenarios ---------------------------------------------------------
# A scenario is tests/qemu/scenarios/<name>.manifest plus the machine it runs
# on. Each runs once per entry of QEMU_MATRIX (gic version x core count).
QEMU_MATRIX := gic3-smp1 gic3-smp2 gic3-smp4 gic2-smp1 gic2-smp2 gic2-smp4
# Per scenario: the root task it boots (SCENARIO_ROOT_<name>, required: a
# generated system's init, servers/configs.mk, or a test root task), its
# boot archive (SCENARIO_ARCHIVE_<name>: that system's; none for a test root
# task), the kernel (default the normal one) and the manifest (default
# <scenario>.manifest).
SCENARIOS := boot userland kernel kernel_nofastpath fuzz hello links vm vms lifecycle servers \
	vms_fault
# Debian Linux in a VM (once the guest initramfs has its rule). A scenario
# may run on fewer machines (SCENARIO_MATRIX_<name>).
SCENARIOS += $(if $(GUEST_INITRD),linux shell net passthrough chan)
SCENARIO_MATRIX_linux := gic3-smp2 gic2-smp2
# passthrough: Linux owns QEMU's PL031, its SPI hardware-linked (spec 4.30b).
SCENARIO_MATRIX_passthrough := gic3-smp2 gic2-smp2
SCENARIO_ROOT_passthrough = $(IDL_GEN)/test-passthrough/init.img
SCENARIO_ARCHIVE_passthrough = $(IDL_GEN)/test-passthrough/archive.img
# shell: the system `make run` boots, typed at (shell.manifest).
SCENARIO_MATRIX_shell := gic3-smp2
SCENARIO_ROOT_shell = $(IDL_GEN)/linux-vm/init.img
SCENARIO_ARCHIVE_shell = $(IDL_GEN)/linux-vm/archive.img
SCENARIO_MATRIX_net := gic3-smp2
SCENARIO_ROOT_net = $(IDL_GEN)/net-test/init.img
SCENARIO_ARCHIVE_net = $(IDL_GEN)/net-test/archive.img
# chan: the channel's two patterns (diskpattern records 0..511 and 512..1023),
# their sums computed on the host.
SCENARIO_MATRIX_chan := gic3-smp2
SCENARIO_ROOT_chan = $(IDL_GEN)/chan-test/init.img
SCENARIO_ARCHIVE_chan = $(IDL_GEN)/chan-test/archive.img
SCENARIO_VARS_chan = --var CHAN_A=$$($(PY) $(GUEST_DIR)/diskpattern.py 512 | cut -d' ' -f1) \
	--var CHAN_B=$$($(PY) $(GUEST_DIR)/diskpattern.py 512 512 | cut -d' ' -f1)
SCENARIO_ROOT_linux = $(IDL_GEN)/linux-test/init.img
SCENARIO_ARCHIVE_linux = $(IDL_GEN)/linux-test/archive.img
# The checksums the linux scenario expects (SCENARIO_DEPS_<name> are made
# first; SCENARIO_VARS_<name> adds --var options, read when the test runs):
# pattern.txt as recorded at build time, and the guest's 16 MiB file as
# computed on the host (apps/linux-guest/diskpattern.py).
SCENARIO_DEPS_linux = $(GUEST)/pattern.sha256 $(GUEST_WRITE_EXPECT)
SCENARIO_VARS_linux = --var PATTERN_SHA256=$$(cat $(GUEST)/pattern.sha256) \
	--var WRITE_MB=$(GUEST_WRITE_MB) --var WRITE_RECORDS=$$(($(GUEST_WRITE_MB) * 2048)) \
	--var WRITE_SHA256=$$(cut -d' ' -f1 $(GUEST_WRITE_EXPECT)) \
	--var WRITE_CRC32=$$(cut -d' ' -f2 $(GUEST_WRITE_EXPECT))
# boot and userland: configs/test-userland.tsr (init realises it; ping calls
# pong over RPC). boot judges only the kernel's own self-checks, printed
# before init runs.
SCENARIO_ROOT_boot = $(IDL_GEN)/test-userland/init.img
SCENARIO_ARCHIVE_boot = $(IDL_GEN)/test-userland/archive.img
SCENARIO_ROOT_userland = $(IDL_GEN)/test-userland/init.img
SCENARIO_ARCHIVE_userland = $(IDL_GEN)/test-userland/archive.img
SCENARIO_ROOT_vm = $(IDL_GEN)/test-vm/init.img
SCENARIO_ARCHIVE_vm = $(IDL_GEN)/test-vm/archive.img
SCENARIO_ROOT_fuzz = $(IDL_GEN)/test-fuzz/init.img
SCENARIO_ARCHIVE_fuzz = $(IDL_GEN)/test-fuzz/archive.img
SCENARIO_ROOT_hello = $(IDL_GEN)/hello/init.img
SCENARIO_ARCHIVE_hello = $(IDL_GEN)/hello/archive.img
SCENARIO_ROOT_links = $(IDL_GEN)/test-links/init.img
# vms: three VMs running the lifecycle guest (configs/test-vms.tsr).
SCENARIO_MATRIX_vms := gic3-smp2
# lifecycle: the lifecycle manager's shell on the same system (docs/lifecycle.md).
SCENARIO_MATRIX_lifecycle := gic3-smp2 gic2-smp2
SCENARIO_ROOT_lifecycle = $(IDL_GEN)/test-vms/init.img
SCENARIO_ARCHIVE_lifecycle = $(IDL_GEN)/test-vms/archive.img
# servers: the console server and the netswitch killed and restarted
# (configs/test-servers.tsr and its init.rc).
SCENARIO_MATRIX_servers := gic3-smp2 gic2-smp2
SCENARIO_ROOT_servers = $(IDL_GEN)/test-servers/init.img
SCENARIO_ARCHIVE_servers = $(IDL_GEN)/test-servers/archive.img
SCENARIO_ROOT_vms = $(IDL_GEN)/test-vms/init.img
SCENARIO_ARCHIVE_vms = $(IDL_GEN)/test-vms/archive.img
# vms_fault: VMMs fault on purpose, the others live on (configs/test-vms-fault.tsr).
SCENARIO_MATRIX_vms_fault := gic3-smp2
SCENARIO_ROOT_vms_fault = $(IDL_GEN)/test-vms-fault/init.img
SCENARIO_ARCHIVE_vms_fault = $(IDL_GEN)/test-vms-fault/archive.img
SCENARIO_ARCHIVE_links = $(IDL_GEN)/test-links/archive.img
SCENARIO_ROOT_kernel = $(KTEST_IMG)
SCENARIO_ROOT_kernel_nofastpath = $(KTEST_IMG)
SCENARIO_KERNEL_kernel_nofastpath = $(KERNEL_NOFP_ELF)
SCENARIO_MANIFEST_kernel_nofastpath = kernel
scenario_root = $(or $(SCENARIO_ROOT_$(1)),$(error scenario $(1) has no SCENARIO_ROOT_$(1)))
scenario_kernel = $(or $(SCENARIO_KERNEL_$(1)),$(KERNEL_ELF))
scenario_archive = $(SCENARIO_ARCHIVE_$(1))
scenario_manifest = tests/qemu/scenarios/$(or $(SCENARIO_MANIFEST_$(1)),$(1)).manifest

define qemu_scenario
test-qemu-$(1)-$(2): $$(call scenario_kernel,$(1)) $$(call scenario_root,$(1)) $$(call scenario_archive,$(1)) \
		$$(SCENARIO_DEPS_$(1))
	@mkdir -p $$(RESULTS)
	$$(Q)$$(RUNNER) --manifest $$(call scenario_manifest,$(1)) --name $(1)-$(2) \
		--var GIC=$$(word 1,$$(subst -, ,$$(subst gic,,$(2)))) \
		--var SMP=$$(subst smp,,$$(word 2,$$(subst -, ,$(2)))) $$(SCENARIO_VARS_$(1)) \
		--results $$(RESULTS)/qemu.res --log $$(O)/logs/$(1)-$(2).log -- \
		$$(QEMU) -M $$(PLAT_MACHINE),gic-version=$$(subst gic,,$$(word 1,$$(subst -, ,$(2)))) \
		-cpu $$(PLAT_CPU) -m $$(PLAT_RAM_MB) -smp $$(subst smp,,$$(word 2,$$(subst -, ,$(2)))) \
		-nographic -no-reboot -kernel $$(call scenario_kernel,$(1)) \
		$$(call qemu_loader,$$(call scenario_root,$(1)),$$(call scenario_archive,$(1)))
test-qemu: test-qemu-$(1)-$(2)
endef
$(foreach s,$(SCENARIOS),$(foreach m,$(or $(SCENARIO_MATRIX_$(s)),$(QEMU_MATRIX)),$(eval \
	$(call qemu_scenario,$(s),$(m)))))

# --- Debian Linux natively in QEMU (no hypervisor): docs/guest.md ----------
# The same kernel and initramfs the Tessera VM boots, with QEMU's own
# virtio-mmio devices; the console is shared by the PL011 and virtio-console
# so the hvc0 check's TEST line reaches the runner through the device.
LINUX_NATIVE_SMP := 2
LINUX_NATIVE_MACHINE = -M virt,virtualization=off,gic-version=3 -cpu max,pauth=off \
	-m 512M -smp $(LINUX_NATIVE_SMP) -kernel $(LINUX_IMAGE) -initrd $(GUEST_INITRD) -no-reboot
LINUX_NATIVE_DEVICES = -display none -monitor none -chardev stdio,id=con,mux=on,signal=off \
	-serial chardev:con -device virtio-serial-device -device virtconsole,chardev=con \
	-drive file=$(GUEST_DISK_EXT4),format=raw,if=none,id=d0,snapshot=on -device virtio-blk-device,drive=d0 \
	-drive file=$(GUEST_DISK_VFAT),format=raw,if=none,id=d1,snapshot=on -device virtio-blk-device,drive=d1 \
	-netdev user,id=n0 -device virtio-net-device,netdev=n0
LINUX_NATIVE_APPEND := console=ttyAMA0 quiet rdinit=/init tessera.test=linux tessera.cpus=$(LINUX_NATIVE_SMP) \
	tessera.ip=10.0.2.15/24 tessera.peer=10.0.2.2

test-qemu-linux_native: $(LINUX_IMAGE) $(GUEST_INITRD) $(GUEST_DISK_EXT4) $(GUEST_DISK_VFAT)
	@mkdir -p $(RESULTS)
	$(Q)$(RUNNER) --manifest tests/qemu/scenarios/linux_native.manifest --name linux_native \
		--var SMP=$(LINUX_NATIVE_SMP) --results $(RESULTS)/qemu.res --log $(O)/logs/linux_native.log -- \
		$(QEMU) $(LINUX_NATIVE_MACHINE) $(LINUX_NATIVE_DEVICES) -append "$(LINUX_NATIVE_APPEND)"
test-qemu: test-qemu-linux_native
# configs/two-vms.tsr (docs/idl.md's example of two Linux VMs, a console
# switch and a virtio-net link, `make run CONFIG=two-vms SMP=4`) is built,
# not booted: net-test is the same pair in test mode.
test-qemu: $(if $(GUEST_INITRD),system-two-vms)

# The boot benchmark's pytest suite (tests/bench/test_linux_boot.py).
.PHONY: test-bench-tools
test-bench-tools: $(APT_STAMP)
	@mkdir -p $(RESULTS)
	$(Q)$(PY) -m pytest tests/bench/test_linux_boot.py -q -p no:cacheprovider \
		--junitxml=$(RESULTS)/bench-tools.xml

# --- the whole suite ---------------------------------------------------------
TEST_GROUPS := test-unit test-runner test-idl test-libs test-userland test-tools test-bench-tools test-qemu verify

test: deps
	@rm -rf $(RESULTS) && mkdir -p $(RESULTS)
	@for g in $(TEST_GROUPS); do \
		echo "== $$g"; \
		$(MAKE) --no-print-directory -k -j2 $$g || echo "FAIL make-$$g: exited non-zero" >> $(RESULTS)/make.res; \
	done
	@$(PY) tests/tools/summary.py $(RESULTS)

# --- benchmarks --------------------------------------------------------------
# Each suite runs its scenario under -icount shift=0,sleep=off -seed 1 at
# -smp 1 and writes $(B)/bench/<suite>.json (metric -> instruction count).
BENCH_SUITES := boot ipc vm linux

# The test guest measures with the PMU it is granted (tests/vmtest/guest.S);
# the same virtual timer measurement (tests/vmtest/vtlat.S) also runs
# natively at EL1 with no hypervisor (native/native.S); vm_overhead.py adds the
# native figure and the difference to vm.json.
VTLAT_NATIVE := $(O)/tests/vtlat_native.elf
$(VTLAT_NATIVE): tests/vmtest/native/native.S tests/vmtest/vtlat.S tests/vmtest/guest.h
	@mkdir -p $(dir $@)
	$(Q)$(CROSS_CC) -nostdlib -nostartfiles -static -Wl,-Ttext=0x40100000 -Wl,--build-id=none \
		-I tests/vmtest -o $@ tests/vmtest/native/native.S tests/vmtest/vtlat.S

bench-vm: $(KERNEL_ELF) $(IDL_GEN)/test-vm/init.img $(IDL_GEN)/test-vm/archive.img $(VTLAT_NATIVE)
	@mkdir -p $(B)/bench $(RESULTS)
	$(Q)$(RUNNER) --manifest tests/qemu/scenarios/vtlat_native.manifest --name bench-vtlat-native \
		--bench $(B)/bench/vtlat_native.json \
		--results $(RESULTS)/bench.res --log $(O)/logs/bench-vtlat-native.log -- \
		$(QEMU) -M virt,gic-version=3 -cpu $(PLAT_CPU) -m 256 -smp 1 \
		$(QEMU_BENCH_FLAGS) -nographic -no-reboot -kernel $(VTLAT_NATIVE) >/dev/null
	$(Q)$(RUNNER) --manifest tests/qemu/scenarios/vm.manifest --name bench-vm --var GIC=$(PLAT_GIC) --var SMP=1 \
		--bench $(B)/bench/vm.json --bench-only '^(hvc_|mmio_|vtimer_)' \
		--results $(RESULTS)/bench.res --log $(O)/logs/bench-vm.log -- \
		$(QEMU) -M $(PLAT_MACHINE),gic-version=$(PLAT_GIC) -cpu $(PLAT_CPU) -m $(PLAT_RAM_MB) -smp 1 \
		$(QEMU_BENCH_FLAGS) -nographic -no-reboot -kernel $(KERNEL_ELF) $(call qemu_loader,$(IDL_GEN)/test-vm/init.img,$(IDL_GEN)/test-vm/archive.img) >/dev/null
	$(Q)$(PY) tests/tools/vm_overhead.py $(B)/bench/vtlat_native.json $(B)/bench/vm.json

bench-ipc: $(KERNEL_ELF) $(KTEST_IMG)
	@mkdir -p $(B)/bench $(RESULTS)
	$(Q)$(RUNNER) --manifest tests/qemu/scenarios/kernel.manifest --name bench-ipc --var GIC=$(PLAT_GIC) --var SMP=1 \
		--bench $(B)/bench/ipc.json --bench-only '^(ipc_|null_syscall|yield|signal_wait)' \
		--results $(RESULTS)/bench.res --log $(O)/logs/bench-ipc.log -- \
		$(QEMU) -M $(PLAT_MACHINE),gic-version=$(PLAT_GIC) -cpu $(PLAT_CPU) -m $(PLAT_RAM_MB) -smp 1 \
		$(QEMU_BENCH_FLAGS) -nographic -no-reboot -kernel $(KERNEL_ELF) $(call qemu_loader,$(KTEST_IMG)) >/dev/null

# The boot benchmark stops at kernel_main; the root task is test-userland's init.
BENCH_BOOT_SYSTEM := $(IDL_GEN)/test-userland
bench-boot: $(KERNEL_ELF) $(BENCH_BOOT_SYSTEM)/init.img $(BENCH_BOOT_SYSTEM)/archive.img
	@mkdir -p $(B)/bench $(RESULTS)
	$(Q)$(RUNNER) --manifest tests/qemu/scenarios/boot.manifest --name bench-boot --var GIC=$(PLAT_GIC) --var SMP=1 \
		--bench $(B)/bench/boot.json --results $(RESULTS)/bench.res --log $(O)/logs/bench-boot.log -- \
		$(QEMU) -M $(PLAT_MACHINE),gic-version=$(PLAT_GIC) -cpu $(PLAT_CPU) -m $(PLAT_RAM_MB) -smp 1 \
		$(QEMU_BENCH_FLAGS) -nographic -no-reboot -kernel $(KERNEL_ELF) \
		$(call qemu_loader,$(BENCH_BOOT_SYSTEM)/init.img,$(BENCH_BOOT_SYSTEM)/archive.img) >/dev/null

# Linux boot to the initramfs's first command (docs/guest.md, "Boot
# benchmark"): tests/bench/linux_boot.py writes boot_native here and the
# Tessera run adds boot_tessera and boot_ratio to the same file. Both runs
# must use this command line, memory size, vCPU count and DTB: the native
# run boots with the DTB the VMM generated (LINUX_VMM_DTB, captured from a
# Tessera run below); LINUX_BENCH_DTB=$(LINUX_QEMU_DTB) compares with
# QEMU's own virt DTB instead. `quiet`: without it, earlycon's polled
# output costs two VM exits per character and measures the PL011 model.
LINUX_BENCH_SMP := 2
LINUX_BENCH_BOOTARGS := console=ttyAMA0 quiet rdinit=/init tessera.bench=boot
LINUX_BENCH_MACHINE := -M virt,virtualization=off,gic-version=3 -cpu max,pauth=off \
	-m 512M -smp $(LINUX_BENCH_SMP)
LINUX_QEMU_DTB := $(GUEST)/qemu-virt.dtb
LINUX_VMM_DTB := $(GUEST)/linux-vmm.dtb
LINUX_BENCH_DTB ?= $(LINUX_VMM_DTB)

# QEMU dumps a 1 MiB padded blob (which this kernel does not boot from) with
# random seeds; drop the seeds (no KASLR, as with a generated DTB that has
# none) and repack it to its real size.
$(LINUX_QEMU_DTB): | $(APT_STAMP)
	@mkdir -p $(dir $@)
	$(Q)$(QEMU) $(LINUX_BENCH_MACHINE) -display none -machine dumpdtb=$@.raw >/dev/null 2>&1
	$(Q)fdtput -d $@.raw /chosen kaslr-seed && fdtput -d $@.raw /chosen rng-seed
	$(Q)dtc -q -I dtb -O dtb -o $@ $@.raw && rm -f $@.raw

bench-linux-native: $(LINUX_IMAGE) $(GUEST_INITRD) $(LINUX_BENCH_DTB)
	@mkdir -p $(B)/bench
	$(Q)$(PY) tests/bench/linux_boot.py --key boot_native --json $(B)/bench/linux.json \
		--log $(O)/logs/bench-linux-native.log -- \
		$(QEMU) $(LINUX_BENCH_MACHINE) $(QEMU_BENCH_FLAGS) -nographic -no-reboot \
		-kernel $(LINUX_IMAGE) -initrd $(GUEST_INITRD) -dtb $(LINUX_BENCH_DTB) \
		-append "$(LINUX_BENCH_BOOTARGS)"
bench-linux: bench-linux-native bench-linux-tessera

# The Tessera half: configs/linux-bench.tsr (the same kernel, initramfs,
# command line, 512 MiB and 2 vCPUs) on 2 cores, counted from QEMU reset, so
# the kernel's boot, init building the VM (retyping and zeroing its RAM) and
# the VMM loading the images are all in boot_tessera. The guest powers off
# after its stamp; a plain run then captures the DTB the VMM generated
# (tests/bench/vmm_dtb.py) for the native half.
LINUX_TESSERA_RUN = $(QEMU) -M $(PLAT_MACHINE),gic-version=3 -cpu $(PLAT_CPU) -m $(PLAT_RAM_MB) \
	-smp $(LINUX_BENCH_SMP) -nographic -no-reboot -kernel $(KERNEL_ELF) \
	$(call qemu_loader,$(IDL_GEN)/linux-bench/init.img,$(IDL_GEN)/linux-bench/archive.img)
LINUX_TESSERA_DEPS = $(KERNEL_ELF) $(IDL_GEN)/linux-bench/init.img $(IDL_GEN)/linux-bench/archive.img
$(LINUX_VMM_DTB): $(LINUX_TESSERA_DEPS)
	$(Q)$(PY) tests/bench/vmm_dtb.py --out $@ --log $(O)/logs/linux-vmm-dtb.log -- $(LINUX_TESSERA_RUN)
bench-linux-tessera: $(LINUX_TESSERA_DEPS)
	@mkdir -p $(B)/bench
	$(Q)$(PY) tests/bench/linux_boot.py --key boot_tessera --json $(B)/bench/linux.json \
		--log $(O)/logs/bench-linux-tessera.log -- $(LINUX_TESSERA_RUN) $(QEMU_BENCH_FLAGS)

bench: deps $(addprefix bench-,$(BENCH_SUITES))
	$(Q)$(PY) tests/tools/bench_table.py $(addprefix $(B)/bench/,$(addsuffix .json,$(BENCH_SUITES)))

# --- static checks and size ----------------------------------------------------
LINT_SRCS = $(shell git ls-files '*.c' '*.h' 2>/dev/null | grep -v '\.golden/')

lint: $(APT_STAMP)
	@echo "  CPPCHECK"
	$(Q)cppcheck --quiet --error-exitcode=1 --enable=warning,portability --inline-suppr \
		--std=c11 -Imicrokernel/include -Ilibs/include $(LINT_SRCS)
	@echo "  CLANG-FORMAT"
	$(Q)clang-format --dry-run --Werror $(LINT_SRCS)

sloc: $(KERNEL_ELF)
	$(Q)$(PY) tests/tools/sloc.py $(ARCH) $(KERNEL_O)

# --- host tools (boot image formats) -----------------------------------------
.PHONY: test-tools
test-tools: $(APT_STAMP)
	@mkdir -p $(RESULTS)
	$(Q)$(PY) -m pytest tests/tools/test_bootimg.py -q -p no:cacheprovider \
		--junitxml=$(RESULTS)/tools.xml

# --- the runner's own tests ------------------------------------------------------
.PHONY: test-runner
test-runner: $(APT_STAMP)
	@mkdir -p $(RESULTS)
	$(Q)$(PY) -m pytest tests/qemu/test_run.py -q -p no:cacheprovider --junitxml=$(RESULTS)/runner.xml

# --- fault-isolation campaign (docs/lifecycle.md) ----------------------------
# `make fault-campaign N=50 SEED=1` boots configs/test-vms.tsr (three VMs,
# 2 cores) and has init's shell run `campaign SEED N`: N randomized
# injections, each printing its own seed, then the survived/failed counts.
N ?= 50
SEED ?= 1
FAULT_CAMPAIGN_MANIFEST := $(O)/fault/campaign.manifest
.PHONY: fault-campaign
fault-campaign: $(KERNEL_ELF) $(IDL_GEN)/test-vms/init.img $(IDL_GEN)/test-vms/archive.img
	@mkdir -p $(dir $(FAULT_CAMPAIGN_MANIFEST)) $(O)/logs
	@printf '%s\n' "timeout $$((120 + 10 * $(N)))" \
		"send ^vm2: lifeguest: alive 1$$ => 'campaign $(SEED) $(N)\\n'" \
		"send ^TEST campaign => 'summary\\n'" "init.realise" "campaign.$$(printf '%#x' $(SEED))" \
		> $(FAULT_CAMPAIGN_MANIFEST)
	$(Q)$(RUNNER) --manifest $(FAULT_CAMPAIGN_MANIFEST) --name fault-campaign \
		--log $(O)/logs/fault-campaign.log -- \
		$(QEMU) -M $(PLAT_MACHINE),gic-version=3 -cpu $(PLAT_CPU) -m $(PLAT_RAM_MB) -smp 2 \
		-nographic -no-reboot -kernel $(KERNEL_ELF) \
		$(call qemu_loader,$(IDL_GEN)/test-vms/init.img,$(IDL_GEN)/test-vms/archive.img)
	@grep -E '^campaign: seed' $(O)/logs/fault-campaign.log | tail -1
