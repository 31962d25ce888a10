/* SPDX-License-Identifier: BSD-2-Clause */
/* Freestanding basic types for kernel code (no libc). */
#ifndef KERNEL_TYPES_H
#define KERNEL_TYPES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uintptr_t paddr_t;
typedef uintptr_t vaddr_t;

#define ARRAY_SIZE(a)	 (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)	 (((x) + ((a)-1)) & ~((__typeof__(x))(a)-1))
#define IS_ALIGNED(x, a) (((x) & ((a)-1)) == 0)
#define UNUSED		 __attribute__((unused))
#define NORETURN	 __attribute__((noreturn))
#define MUST_CHECK	 __attribute__((warn_unused_result))
/* For the few helpers on the IPC and VM-exit fast paths only. */
#define ALWAYS_INLINE inline __attribute__((always_inline))

#endif
