# SPDX-License-Identifier: BSD-2-Clause
# User-level libraries: musl (Debian source package, patched, cross-built),
# libfdt (the target's libfdt-dev package), and Tessera's own libraries.

# --- musl -----------------------------------------------------------------
MUSL_PATCHES := $(sort $(wildcard libs/musl/*.patch))
MUSL_SRC_STAMP := $(DEPS)/musl-src.stamp
MUSL_BUILD := $(DEPS)/musl-build
MUSL := $(DEPS)/musl-$(ARCH)
MUSL_LIBC := $(MUSL)/lib/libc.a

$(MUSL_SRC_STAMP): $(APT_STAMP)
	$(Q)$(SETUP) musl-src $(DEPS)/src
	@touch $@

# Fresh copy of the pristine source, our versioned patches, out-of-tree
# install into build/deps/musl-<arch> (static only).
$(MUSL_LIBC): $(MUSL_SRC_STAMP) $(MUSL_PATCHES) libs/libs.mk
	@rm -rf $(MUSL_BUILD) $(MUSL) && mkdir -p $(MUSL_BUILD)
	$(Q)cp -r $(DEPS)/src/musl-*/. $(MUSL_BUILD)/
	$(Q)for p in $(MUSL_PATCHES); do patch -s -p1 -d $(MUSL_BUILD) < $$p || exit 1; done
	@echo "  MUSL    configure + build ($(ARCH), static)"
	$(Q)cd $(MUSL_BUILD) && CC=$(CROSS_CC) ./configure --target=$(ARCH)-linux-gnu \
		--prefix=$(abspath $(MUSL)) --disable-shared >/dev/null
	$(Q)$(MAKE) -s -C $(MUSL_BUILD) install >/dev/null 2>$(MUSL_BUILD)/build.log || { tail -20 $(MUSL_BUILD)/build.log; exit 1; }
	@test -f $@

# --- libfdt ---------------------------------------------------------------
LIBFDT := $(DEPS)/libfdt-$(ARCH)
LIBFDT_A := $(LIBFDT)/lib/libfdt.a
LIBFDT_INC := $(LIBFDT)/include

$(LIBFDT_A): $(DEBS_STAMP)
	@rm -rf $(LIBFDT) && mkdir -p $(LIBFDT)/root $(LIBFDT)/lib $(LIBFDT)/include
	$(Q)dpkg-deb -x $(DEPS)/debs/libfdt-dev_*_arm64.deb $(LIBFDT)/root
	$(Q)cp $(LIBFDT)/root/usr/lib/aarch64-linux-gnu/libfdt.a $@
	$(Q)cp $(LIBFDT)/root/usr/include/*.h $(LIBFDT_INC)/

# --- user programs --------------------------------------------------------
# Compiled against musl's headers and linked statically with musl's crt and
# libc. A program also links one backend of the Linux syscall shim.
USER_O := $(O)/user
USER_CFLAGS = $(WARN) -std=gnu11 -O2 -g -nostdinc -isystem $(MUSL)/include \
	-isystem $(shell $(CROSS_CC) -print-file-name=include) -I$(LIBFDT_INC) \
	-Imicrokernel/include -Ilibs/include -MMD -MP
USER_LDFLAGS = -static -nostdlib -no-pie $(MUSL)/lib/crt1.o $(MUSL)/lib/crti.o
USER_LDLIBS = $(MUSL)/lib/libc.a -lgcc $(MUSL)/lib/libc.a $(MUSL)/lib/crtn.o

$(USER_O)/%.c.o: %.c $(MUSL_LIBC) $(LIBFDT_A)
	@mkdir -p $(dir $@)
	$(Q)$(CROSS_CC) $(USER_CFLAGS) -c $< -o $@

# hello-libs: the musl + libfdt demonstration, run under qemu-aarch64 user
# mode (it uses the shim's Linux pass-through backend).
USER_DEMO := $(USER_O)/apps/hello-libs/hello-libs
USER_DEMO_OBJS := $(USER_O)/apps/hello-libs/main.c.o $(USER_O)/libs/linuxshim/linux_host.c.o

$(USER_DEMO): $(USER_DEMO_OBJS) $(LIBFDT_A)
	$(Q)$(CROSS_CC) $(USER_LDFLAGS) $(USER_DEMO_OBJS) $(LIBFDT_A) $(USER_LDLIBS) -o $@
	@echo "  LD      $@"

-include $(USER_DEMO_OBJS:.o=.d)
