/* SPDX-License-Identifier: BSD-2-Clause */
/* Names of the kernel's error codes (<tessera/errors.h>) for messages. */
#ifndef TESSERA_ERRNAME_H
#define TESSERA_ERRNAME_H

#include <tessera/errors.h>

/* A short lower-case description of e ("out of memory"); never NULL. */
const char *tsr_err_name(enum tessera_err e);

#endif
