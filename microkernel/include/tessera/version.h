/* SPDX-License-Identifier: BSD-2-Clause */
/* Tessera release and ABI version, shared by kernel and user level. */
#ifndef TESSERA_VERSION_H
#define TESSERA_VERSION_H

#define TESSERA_VERSION	    "0.1.0"
#define TESSERA_ABI_VERSION 1

#endif
