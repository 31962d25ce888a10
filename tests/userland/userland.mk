# SPDX-License-Identifier: BSD-2-Clause
# test-userland: libtessera and the root task start-up run under
# qemu-aarch64 user mode, with "svc #0" replaced by a fake kernel
# (tests/userland/fake_kernel.c). Included by tests/tests.mk.
FAKE_O := $(O)/user-fake
FAKE_SRCS := $(LIBTESSERA_SRCS) libs/libtessera/root_start.c libs/libtessera/root_start.S \
	tests/userland/fake_kernel.c tests/userland/fake_svc.S
FAKE_OBJS := $(patsubst %,$(FAKE_O)/%.o,$(FAKE_SRCS))
FAKE_LIB := $(FAKE_O)/libtessera-fake.a
FAKE_ROOT_START := $(FAKE_O)/libs/libtessera/root_start.S.o $(FAKE_O)/libs/libtessera/root_start.c.o

$(FAKE_O)/%.c.o: %.c $(MUSL_LIBC)
	@mkdir -p $(dir $@)
	$(Q)$(CROSS_CC) $(USER_CFLAGS) -DTSR_FAKE_SVC -DTSR_LINK_INIT_VADDR=$(INIT_VADDR) -c $< -o $@
$(FAKE_O)/%.S.o: %.S $(MUSL_LIBC)
	@mkdir -p $(dir $@)
	$(Q)$(CROSS_CC) $(USER_CFLAGS) -DTSR_FAKE_SVC -D__ASSEMBLY__ -c $< -o $@
$(FAKE_LIB): $(filter-out $(FAKE_ROOT_START),$(FAKE_OBJS))
	@rm -f $@
	$(Q)$(PLAT_CROSS)ar rcs $@ $^

FAKE_LDLIBS = -Wl,--start-group $(FAKE_LIB) $(MUSL)/lib/libc.a -lgcc -Wl,--end-group \
	$(MUSL)/lib/crtn.o
FAKE_RUNTIME := $(FAKE_O)/test_runtime
FAKE_ROOTCRT := $(FAKE_O)/test_rootcrt

$(FAKE_RUNTIME): $(FAKE_O)/tests/userland/test_runtime.c.o $(FAKE_LIB)
	$(Q)$(CROSS_CC) $(TSR_LDFLAGS) $(TSR_PROG_CRT) $< $(FAKE_LDLIBS) -o $@
$(FAKE_ROOTCRT): $(FAKE_O)/tests/userland/test_rootcrt.c.o $(FAKE_LIB) $(FAKE_ROOT_START) $(ROOT_LD)
	$(Q)$(CROSS_CC) $(TSR_ROOT_LDFLAGS) $(MUSL)/lib/crti.o $(FAKE_ROOT_START) $< \
		$(FAKE_LDLIBS) -o $@

-include $(FAKE_OBJS:.o=.d) $(FAKE_O)/tests/userland/*.d

.PHONY: test-userland
test-userland: $(FAKE_RUNTIME) $(FAKE_ROOTCRT)
	@mkdir -p $(RESULTS)
	$(Q)for t in runtime rootcrt; do \
		$(RUNNER) --suite userland_$$t --timeout 120 --results $(RESULTS)/userland.res \
			--log $(O)/logs/userland_$$t.log -- qemu-aarch64 $(FAKE_O)/test_$$t || st=1; \
	done; exit $${st:-0}
