/* SPDX-License-Identifier: BSD-2-Clause */
/* The single error enumeration returned by syscalls and invocations (ABI). */
#ifndef TESSERA_ERRORS_H
#define TESSERA_ERRORS_H

enum tessera_err {
	ERR_OK = 0,
	ERR_INVALID_ARGUMENT = 1,   /* an argument is out of range */
	ERR_INVALID_CAPABILITY = 2, /* a cap pointer names no cap of the needed type */
	ERR_ILLEGAL_OPERATION = 3,  /* the object does not support this invocation */
	ERR_RANGE = 4,		    /* a size or index is outside what the object allows */
	ERR_ALIGNMENT = 5,	    /* an address is not aligned as required */
	ERR_FAILED_LOOKUP = 6,	    /* cap pointer resolution failed (depth, guard, empty) */
	ERR_TRUNCATED_MESSAGE = 7,  /* the message has fewer words than the call needs */
	ERR_DELETE_FIRST = 8,	    /* the destination slot is not empty */
	ERR_REVOKE_FIRST = 9,	    /* the cap has children, or the object is in use */
	ERR_NOT_ENOUGH_MEMORY = 10, /* the untyped has no room left */
	ERR_NO_RIGHTS = 11,	    /* the cap lacks a right the operation needs */
	ERR_CANCELLED = 12,	    /* a blocked operation was aborted (object deleted) */
	ERR_WOULD_BLOCK = 13,	    /* a non-blocking operation found no partner */
	ERR_COUNT
};

#endif
