/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Start-up steps every init image takes (the default one with ping and one
 * per generated system): the boot-information summary line, taking over
 * the console (PL011 from device untyped, else debug putc), and draining
 * the kernel log ring to it.
 */
#ifndef INIT_BOOT_H
#define INIT_BOOT_H

#include <tessera/bootinfo.h>

void boot_summary(const struct bootinfo *bi);
void boot_take_console(const struct bootinfo *bi);
void boot_drain_log(void);

#endif
