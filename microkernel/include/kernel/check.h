/* SPDX-License-Identifier: BSD-2-Clause */
/* Kernel consistency check (check.c), reachable from SYS_DEBUG_CHECK. */
#ifndef KERNEL_CHECK_H
#define KERNEL_CHECK_H

#include <kernel/object.h>

bool kernel_check(const struct cap *root_cnode, char *why, size_t n);

#endif
