// SPDX-License-Identifier: BSD-2-Clause
/*
 * Object invocations (see tessera/invoke.h): each wrapper packs its
 * arguments as <tessera/invocation.h> lists them and makes one Call.
 */
#include <tessera/invocation.h>
#include <tessera/invoke.h>

enum tessera_err tsr_invoke(tsr_cptr_t cap, unsigned label, unsigned ncaps, const tsr_cptr_t *caps,
			    unsigned len, const uint64_t *words, struct tsr_msg *out)
{
	struct tsr_msg m = {.info = tsr_msginfo(label, ncaps, len)};
	struct ipc_buffer *buf = tsr_ipcbuf();

	if (len > MSG_MAX_LENGTH || ncaps > MSG_MAX_EXTRA_CAPS)
		return ERR_INVALID_ARGUMENT;
	for (unsigned i = 0; i < len; i++) {
		if (i < MSG_REG_COUNT)
			m.mr[i] = words[i];
		else
			buf->msg[i] = words[i];
	}
	for (unsigned i = 0; i < ncaps; i++)
		buf->caps[i] = caps[i];
	enum tessera_err err = tsr_call(cap, &m);
	if (err == ERR_OK && out != 0)
		*out = m;
	return err;
}

#define WORDS(...)                                                                                 \
	(const uint64_t[])                                                                         \
	{                                                                                          \
		__VA_ARGS__                                                                        \
	}
#define NWORDS(...) (unsigned)(sizeof(WORDS(__VA_ARGS__)) / sizeof(uint64_t))
#define CAPS(...)                                                                                  \
	(const tsr_cptr_t[])                                                                       \
	{                                                                                          \
		__VA_ARGS__                                                                        \
	}
#define NCAPS(...) (unsigned)(sizeof(CAPS(__VA_ARGS__)) / sizeof(tsr_cptr_t))
/* An invocation without extra caps and without results. */
#define INVOKE0(cap, label, ...)                                                                   \
	tsr_invoke(cap, label, 0, 0, NWORDS(__VA_ARGS__), WORDS(__VA_ARGS__), 0)
#define INVOKE_CAPS(cap, label, caps, ...)                                                         \
	tsr_invoke(cap, label, NCAPS caps, CAPS caps, NWORDS(__VA_ARGS__), WORDS(__VA_ARGS__), 0)

enum tessera_err tsr_untyped_retype(tsr_cptr_t ut, unsigned type, unsigned size_bits,
				    tsr_cptr_t root, uint64_t node_index, unsigned node_depth,
				    uint64_t offset, uint64_t count)
{
	return INVOKE_CAPS(ut, INV_UNTYPED_RETYPE, (root), type, size_bits, node_index, node_depth,
			   offset, count);
}

enum tessera_err tsr_untyped_describe(tsr_cptr_t ut, struct tsr_untyped_info *out)
{
	struct tsr_msg m;
	enum tessera_err err = tsr_invoke(ut, INV_UNTYPED_DESCRIBE, 0, 0, 0, 0, &m);

	if (err == ERR_OK)
		*out = (struct tsr_untyped_info){m.mr[0], m.mr[1], m.mr[2], m.mr[3]};
	return err;
}

/* Copy, Mint, Move and Mutate all send six words (unused rights are
 * RIGHTS_ALL, unused badges 0), so no variant can be truncated. */
static enum tessera_err cnode_two_slot(unsigned label, tsr_cptr_t cnode, uint64_t index,
				       unsigned depth, tsr_cptr_t src_root, uint64_t src_index,
				       unsigned src_depth, unsigned rights, uint64_t badge)
{
	return INVOKE_CAPS(cnode, label, (src_root), index, depth, src_index, src_depth, rights,
			   badge);
}

enum tessera_err tsr_cnode_copy(tsr_cptr_t cnode, uint64_t index, unsigned depth,
				tsr_cptr_t src_root, uint64_t src_index, unsigned src_depth,
				unsigned rights)
{
	return cnode_two_slot(INV_CNODE_COPY, cnode, index, depth, src_root, src_index, src_depth,
			      rights, 0);
}

enum tessera_err tsr_cnode_mint(tsr_cptr_t cnode, uint64_t index, unsigned depth,
				tsr_cptr_t src_root, uint64_t src_index, unsigned src_depth,
				unsigned rights, uint64_t badge)
{
	return cnode_two_slot(INV_CNODE_MINT, cnode, index, depth, src_root, src_index, src_depth,
			      rights, badge);
}

enum tessera_err tsr_cnode_move(tsr_cptr_t cnode, uint64_t index, unsigned depth,
				tsr_cptr_t src_root, uint64_t src_index, unsigned src_depth)
{
	return cnode_two_slot(INV_CNODE_MOVE, cnode, index, depth, src_root, src_index, src_depth,
			      RIGHTS_ALL, 0);
}

enum tessera_err tsr_cnode_mutate(tsr_cptr_t cnode, uint64_t index, unsigned depth,
				  tsr_cptr_t src_root, uint64_t src_index, unsigned src_depth,
				  uint64_t badge)
{
	return cnode_two_slot(INV_CNODE_MUTATE, cnode, index, depth, src_root, src_index, src_depth,
			      RIGHTS_ALL, badge);
}

enum tessera_err tsr_cnode_delete(tsr_cptr_t cnode, uint64_t index, unsigned depth)
{
	return INVOKE0(cnode, INV_CNODE_DELETE, index, depth);
}

enum tessera_err tsr_cnode_revoke(tsr_cptr_t cnode, uint64_t index, unsigned depth)
{
	return INVOKE0(cnode, INV_CNODE_REVOKE, index, depth);
}

enum tessera_err tsr_cnode_inspect(tsr_cptr_t cnode, uint64_t index, unsigned depth,
				   struct tsr_cap_info *out)
{
	struct tsr_msg m;
	enum tessera_err err =
	    tsr_invoke(cnode, INV_CNODE_INSPECT, 0, 0, 2, WORDS(index, depth), &m);

	if (err == ERR_OK)
		*out = (struct tsr_cap_info){m.mr[0], m.mr[1], m.mr[2]};
	return err;
}
