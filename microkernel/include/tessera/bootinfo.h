/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Boot information handed to the first user thread, init (ABI, docs/spec/).
 * The kernel maps it read-only at BOOTINFO_VADDR in init's VSpace and puts
 * its address in init's x0. Init's CNode has 2^INIT_CNODE_BITS slots with
 * a guard so that a plain slot number is a valid 64-bit-depth cptr.
 */
#ifndef TESSERA_BOOTINFO_H
#define TESSERA_BOOTINFO_H

#include <stdint.h>

/* Init's image format: a flat binary linked at INIT_VADDR, starting with this header. */
#define INIT_IMAGE_MAGIC 0x54534952494e4954ULL /* "TINITRST" little-endian */
struct init_image_header {
	uint64_t magic;
	uint64_t entry;	    /* virtual address of the entry point */
	uint64_t file_size; /* bytes of the image file (text+data) */
	uint64_t mem_size;  /* bytes including bss (zeroed by the kernel) */
};

/* Boot archive: a header page, then a cpio newc archive at offset 4096. */
#define ARCHIVE_MAGIC	    0x5643524141535354ULL /* "TSSAARCV" little-endian */
#define ARCHIVE_CPIO_OFFSET 4096
struct archive_header {
	uint64_t magic;
	uint64_t total_size; /* header page + cpio, bytes */
};

/* Init's address space layout. */
#define INIT_VADDR	  0x00400000UL
#define BOOTINFO_VADDR	  0x00300000UL
#define INIT_IPCBUF_VADDR 0x00301000UL
#define LOG_RING_VADDR	  0x00302000UL
#define INIT_STACK_TOP	  0x00300000UL /* stack grows down below the boot info */
#define INIT_STACK_SIZE	  0x10000UL
#define ARCHIVE_VADDR	  0x10000000UL /* the archive, read-only, 2 MiB frames */
#define DTB_VADDR	  0x0f000000UL /* the DTB QEMU provided, read-only */

#define INIT_CNODE_BITS 14 /* 16384 slots: six VMs with their VMMs need about 2700 */

/* Fixed slots in init's CNode. */
enum init_slot {
	SLOT_NULL = 0,
	SLOT_INIT_TCB = 1,
	SLOT_INIT_CNODE = 2,
	SLOT_INIT_VSPACE = 3,
	SLOT_IRQ_CONTROL = 4,
	SLOT_INIT_IPCBUF = 5,
	SLOT_BOOTINFO_FRAME = 6,
	SLOT_LOG_RING_FRAME = 7,
	SLOT_LOG_NOTIFICATION = 8, /* signalled when the kernel log ring has new data */
	SLOT_FIRST_FREE_FIXED = 16
};

struct bootinfo_range {
	uint64_t start, end; /* slots [start, end) */
};

#define BOOTINFO_MAX_UNTYPED 192

struct bootinfo_untyped {
	uint64_t paddr;
	uint8_t size_bits;
	uint8_t is_device;
	uint8_t pad[6];
};

struct bootinfo {
	uint64_t abi_version;
	uint64_t num_cores;
	uint64_t ram_base, ram_size;
	struct bootinfo_range empty;	      /* free slots in init's CNode */
	struct bootinfo_range untyped;	      /* untyped caps, described by untyped_list */
	struct bootinfo_range image_frames;   /* init's own image and stack frames (4 KiB) */
	struct bootinfo_range paging;	      /* page tables of init's VSpace */
	struct bootinfo_range archive_frames; /* read-only 2 MiB frames over the archive */
	struct bootinfo_range dtb_frames;     /* read-only 4 KiB frames over the DTB */
	uint64_t archive_size;		      /* bytes (header page included) at ARCHIVE_VADDR */
	uint64_t dtb_size;		      /* bytes at DTB_VADDR */
	uint64_t log_ring_size;		      /* bytes of the log ring at LOG_RING_VADDR */
	uint64_t uart_paddr;		      /* the console UART, in device untyped */
	struct bootinfo_untyped untyped_list[BOOTINFO_MAX_UNTYPED];
	uint64_t irqc_version; /* the interrupt controller: 2 (GICv2) or 3 (GICv3) */
};

/* The kernel log ring (one 4 KiB frame, written by the kernel, drained by
 * the console owner): data[] is a byte ring; head counts bytes written,
 * tail counts bytes consumed (written by the reader). */
struct log_ring {
	volatile uint64_t head;
	volatile uint64_t tail;
	volatile uint64_t dropped;
	char data[4096 - 24];
};

#endif
