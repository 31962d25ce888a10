/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The lifecycle test guest's contract (tests/fault/lifeguest.S), for init's
 * VM lifecycle experiments (C) and the guest (assembly): guest RAM from
 * LG_RAM_BASE, a mailbox word init writes through its frame caps, the RAM
 * range the guest checks is zero at boot and then fills with LG_FILL_BYTE.
 */
#ifndef LIFEGUEST_H
#define LIFEGUEST_H

#define LG_RAM_BASE    0x40000000
#define LG_MAILBOX     0x40001000 /* 8 bytes, polled every 10 ms; the guest clears it */
#define LG_STATUS      0x40001008 /* 8 bytes: the guest's verdict on its RAM at boot */
#define LG_LINK_ADDR   0x40080000 /* the image; it ends below LG_SCAN_BASE */
#define LG_SCAN_BASE   0x40400000 /* [BASE, END): zero at boot, then LG_FILL_BYTE */
#define LG_SCAN_END    0x40800000
#define LG_FILL_BYTE   0xa5
#define LG_TICK_HZ     100 /* loop iterations per second */
#define LG_ALIVE_TICKS 100 /* "lifeguest: alive N" every this many iterations */

/* LG_STATUS values (0: not checked yet). */
#define LG_STATUS_ZEROED     1
#define LG_STATUS_NOT_ZEROED 2

/* Mailbox commands. */
#define LG_CMD_PANIC 1 /* "lifeguest: panic", interrupts masked, waits forever */
#define LG_CMD_RESET 2 /* PSCI SYSTEM_RESET */
#define LG_CMD_OFF   3 /* PSCI SYSTEM_OFF */
#define LG_CMD_HELLO 4 /* "lifeguest: hello" */

#endif
