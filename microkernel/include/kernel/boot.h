/* SPDX-License-Identifier: BSD-2-Clause */
/* What the arch boot code hands to generic kernel_main(). */
#ifndef KERNEL_BOOT_H
#define KERNEL_BOOT_H

#include <kernel/types.h>

struct boot_info {
	const char *platform;
	paddr_t ram_base, ram_end;
	paddr_t dtb_base;
	size_t dtb_size; /* 0 if no FDT header was found */
	paddr_t kernel_base, kernel_end;
	paddr_t archive_base;
	paddr_t device_end;
	uint64_t boot_instructions; /* instructions from entry to kernel_main */
};

struct selftest_result {
	int passed, failed;
};

NORETURN void kernel_main(const struct boot_info *bi);
/* Creates init from the image QEMU loaded (boot_init.c); false if there is none. */
bool boot_create_init(const struct boot_info *bi);

#endif
