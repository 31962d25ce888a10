# SPDX-License-Identifier: BSD-2-Clause
# libtessera: syscall stubs, invocation wrappers and the Tessera backend of
# musl's syscall shim, plus the ELF loader library; and how a user program
# is linked against them. Included by the top-level Makefile after libs.mk.

# The address root tasks are linked at; root_start.c checks it against
# INIT_VADDR in <tessera/bootinfo.h>.
INIT_VADDR := 0x00400000

LIBTESSERA_SRCS := $(addprefix libs/libtessera/,invoke.c invoke_tcb.c invoke_vcpu.c shim.c runtime.c \
	console.c heap.c heap_arena.c log_ring.c errname.c) libs/elfload/elfload.c libs/elfload/elfstack.c libs/cpio/cpio.c \
	$(patsubst %,libs/virtio/%.c,virtq virtio_mmio virtio_blk virtio_net virtio_console chan_ring)
LIBTESSERA_OBJS := $(patsubst %,$(USER_O)/%.o,$(LIBTESSERA_SRCS))
LIBTESSERA := $(USER_O)/libs/libtessera/libtessera.a
ROOT_START_OBJS := $(USER_O)/libs/libtessera/root_start.S.o $(USER_O)/libs/libtessera/root_start.c.o
ROOT_LD := libs/libtessera/root.ld

$(USER_O)/%.S.o: %.S $(MUSL_LIBC)
	@mkdir -p $(dir $@)
	$(Q)$(CROSS_CC) $(USER_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

$(USER_O)/libs/libtessera/root_start.c.o: USER_CFLAGS += -DTSR_LINK_INIT_VADDR=$(INIT_VADDR)

$(LIBTESSERA): $(LIBTESSERA_OBJS)
	@rm -f $@
	$(Q)$(PLAT_CROSS)ar rcs $@ $^
	@echo "  AR      $@"

# A Tessera program: musl's crt1 (the loader gives it a Linux-style stack),
# libtessera serving musl's system calls. 4 KiB segment alignment keeps the
# images small for init's loader.
TSR_LDFLAGS = -static -nostdlib -no-pie -Wl,-z,max-page-size=4096 -Wl,--build-id=none
TSR_LDLIBS = -Wl,--start-group $(LIBTESSERA) $(MUSL)/lib/libc.a -lgcc -Wl,--end-group \
	$(MUSL)/lib/crtn.o
TSR_PROG_CRT = $(MUSL)/lib/crt1.o $(MUSL)/lib/crti.o
# A root task: root.ld and root_start instead of crt1 (no Linux stack).
TSR_ROOT_CRT = $(MUSL)/lib/crti.o $(ROOT_START_OBJS)
TSR_ROOT_LDFLAGS = $(TSR_LDFLAGS) -Wl,-T,$(ROOT_LD) -Wl,--defsym=INIT_VADDR=$(INIT_VADDR) \
	-Wl,--orphan-handling=error

-include $(LIBTESSERA_OBJS:.o=.d) $(ROOT_START_OBJS:.o=.d)

.PHONY: libtessera
libtessera: $(LIBTESSERA) $(ROOT_START_OBJS)
