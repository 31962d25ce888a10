// SPDX-License-Identifier: BSD-2-Clause
#include <tessera/errname.h>

const char *tsr_err_name(enum tessera_err e)
{
	static const char *const names[ERR_COUNT] = {
	    [ERR_OK] = "no error",
	    [ERR_INVALID_ARGUMENT] = "invalid argument",
	    [ERR_INVALID_CAPABILITY] = "invalid capability",
	    [ERR_ILLEGAL_OPERATION] = "illegal operation",
	    [ERR_RANGE] = "out of range",
	    [ERR_ALIGNMENT] = "misaligned",
	    [ERR_FAILED_LOOKUP] = "failed lookup",
	    [ERR_TRUNCATED_MESSAGE] = "truncated message",
	    [ERR_DELETE_FIRST] = "slot in use",
	    [ERR_REVOKE_FIRST] = "revoke first",
	    [ERR_NOT_ENOUGH_MEMORY] = "out of memory or slots",
	    [ERR_NO_RIGHTS] = "no rights",
	    [ERR_CANCELLED] = "cancelled",
	    [ERR_WOULD_BLOCK] = "would block",
	};
	return (unsigned)e < ERR_COUNT && names[e] != 0 ? names[e] : "unknown error";
}
