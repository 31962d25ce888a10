/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Object invocations: decoded arguments in, results out. Every *_invoke
 * entry point first decodes (checks caps, rights and arguments, changes
 * nothing, returns an error) and then performs the operation, which cannot
 * fail (seL4's decode/invoke split).
 */
#ifndef KERNEL_INVOKE_H
#define KERNEL_INVOKE_H

#include <kernel/thread.h>
#include <tessera/invocation.h>

#define INV_MAX_WORDS 40

struct inv {
	uint64_t label;
	unsigned len; /* message words available in mr[] */
	unsigned nextra;
	uint64_t mr[INV_MAX_WORDS];
	struct cte *extra[MSG_MAX_EXTRA_CAPS]; /* looked-up extra caps (never NULL below nextra) */
	struct tcb *caller;
	struct cte *slot; /* the invoked cap's slot */
};

struct inv_result {
	unsigned len;
	uint64_t mr[INV_MAX_WORDS];
};

MUST_CHECK err_t untyped_invoke(struct cte *slot, const struct inv *in, struct inv_result *out);
MUST_CHECK err_t cnode_invoke(struct cte *slot, const struct inv *in, struct inv_result *out);
MUST_CHECK err_t tcb_invoke(struct cte *slot, const struct inv *in, struct inv_result *out);
MUST_CHECK err_t frame_invoke(struct cte *slot, const struct inv *in, struct inv_result *out);
MUST_CHECK err_t page_table_invoke(struct cte *slot, const struct inv *in, struct inv_result *out);
MUST_CHECK err_t irq_invoke(struct cte *slot, const struct inv *in, struct inv_result *out);

/* Derives the cap that Copy/Mint would place, or an error (rights only shrink, badge set once). */
MUST_CHECK err_t cap_derive(const struct cte *src, unsigned rights, uint64_t badge, bool mint,
			    struct cap *out, bool *revocable);

#endif
