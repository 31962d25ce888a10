// SPDX-License-Identifier: BSD-2-Clause
/*
 * The default heap arena (1 MiB of .bss). The linker takes this archive
 * member only when the program did not define the arena itself with
 * TSR_HEAP_SIZE (tessera/runtime.h); keep nothing else in this file.
 */
#include <tessera/runtime.h>

TSR_HEAP_SIZE(1UL << 20);
