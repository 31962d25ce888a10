// SPDX-License-Identifier: BSD-2-Clause
/* Creating a spec's objects; see realise.h. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tessera/invoke.h>
#include <tessera/objects.h>

#include "alloc.h"
#include "archive.h"
#include "realise.h"
#include "uart.h"
#include "vspace.h"

int realise_owner(const struct tsr_spec *spec, const char *name)
{
	size_t n = strcspn(name, ".");

	for (uint32_t s = 0; s < spec->num_spaces; s++)
		if (strlen(spec->spaces[s].name) == n &&
		    strncmp(spec->spaces[s].name, name, n) == 0)
			return (int)s;
	return -1;
}

/* A thread of another space that would run on one of partition p's cores
 * (its own core, or where realise_space moves it when that is missing), or
 * NULL. */
static const struct tsr_spec_thread *intruder(const struct tsr_spec *spec,
					      const struct tsr_spec_partition *p,
					      uint64_t num_cores, uint32_t *space)
{
	if (num_cores == 0)
		return 0;
	for (uint32_t s = 0; s < spec->num_spaces; s++) {
		if (s == p->vmm_space || s == p->guest_space)
			continue;
		for (uint32_t i = 0; i < spec->spaces[s].num_threads; i++) {
			uint64_t core = spec->spaces[s].threads[i].affinity % num_cores;
			if (p->cores >> core & 1) {
				*space = s;
				return &spec->spaces[s].threads[i];
			}
		}
	}
	return 0;
}

/*
 * A partitioned VM (docs/idl.md "Static partitioning") must have its cores
 * to itself: every core it names must exist on this machine (else the
 * fallback to another core would share one), and no other space's thread
 * may be placed there. Checked before anything is made; prints the reason
 * naming the VM and refuses with ERR_RANGE.
 */
/* The lowest core of partition p this machine does not have, or -1. */
static int missing_core(const struct tsr_spec_partition *p, uint64_t num_cores)
{
	for (unsigned c = 0; c < 64; c++)
		if ((p->cores >> c & 1) && c >= num_cores)
			return (int)c;
	return -1;
}

static enum tessera_err check_partitions(const struct tsr_spec *spec, uint64_t num_cores)
{
	for (uint32_t k = 0; k < spec->num_partitions; k++) {
		const struct tsr_spec_partition *p = &spec->partitions[k];
		const struct tsr_spec_thread *t;
		uint32_t s;
		int c = missing_core(p, num_cores);
		if (c >= 0) {
			printf("init: vm %s is partitioned onto core %d, but this machine has %llu "
			       "cores: refusing to start the system\n",
			       p->vm, c, (unsigned long long)num_cores);
			return ERR_RANGE;
		}
		if ((t = intruder(spec, p, num_cores, &s)) != 0) {
			printf("init: vm %s is partitioned onto core %llu, but thread %s.%s would "
			       "run there too: refusing to start the system\n",
			       p->vm, (unsigned long long)(t->affinity % num_cores),
			       spec->spaces[s].name, t->name);
			return ERR_RANGE;
		}
		printf("init: vm %s: partition of cores", p->vm);
		for (c = 0; c < 64; c++)
			if (p->cores >> c & 1)
				printf(" %d", c);
		printf(" (nothing but its vCPUs and its VMM runs there)\n");
	}
	return ERR_OK;
}

enum tessera_err realise_init(struct realise *r, const struct tsr_spec *spec,
			      const struct bootinfo *bi)
{
	*r = (struct realise){.spec = spec, .bi = bi};
	r->slot = calloc(spec->num_objects + 1, sizeof(*r->slot));
	r->stats = calloc(spec->num_spaces + 1, sizeof(*r->stats));
	if (r->slot == 0 || r->stats == 0) {
		printf("init: spec %s: no heap for %u objects\n", spec->system, spec->num_objects);
		return ERR_NOT_ENOUGH_MEMORY;
	}
	return check_partitions(spec, bi->num_cores);
}

static struct realise_stats *owner_stats(struct realise *r, const char *name)
{
	int s = realise_owner(r->spec, name);

	return s < 0 ? &r->shared : &r->stats[s];
}

static void out_of_memory(const struct realise *r, const struct tsr_spec_object *o, uint32_t i,
			  enum tessera_err err)
{
	int s = realise_owner(r->spec, o->name);

	printf("init: cannot create %s[%u] (type %u, %llu bytes) for %s %s: %s (error %d); "
	       "%llu KiB of RAM untyped left\n",
	       o->name, i, o->type, 1ULL << obj_bits(o->type, o->size_bits),
	       s < 0 ? "the connections of system" : "component",
	       s < 0 ? r->spec->system : r->spec->spaces[s].name,
	       err == ERR_NOT_ENOUGH_MEMORY ? "out of memory" : "retype failed", err,
	       (unsigned long long)(alloc_free_bytes() >> 10));
}

/* Copies the boot-archive file into the object's 4 KiB or 2 MiB frames. */
static enum tessera_err fill(const struct realise *r, const struct tsr_spec_object *o,
			     tsr_cptr_t first)
{
	size_t size;
	const unsigned char *data = archive_find(r->bi, o->fill, &size);
	bool large = o->type == OBJ_FRAME_2M;
	unsigned bits = large ? 21 : 12;

	if (data == 0 || (o->type != OBJ_FRAME_4K && !large) || size > (uint64_t)o->count << bits) {
		printf("init: cannot fill %s from \"%s\" (%s)\n", o->name, o->fill,
		       data == 0 ? "not in the boot archive" : "needs frames that hold it");
		return ERR_INVALID_ARGUMENT;
	}
	for (uint32_t i = 0; (uint64_t)i << bits < size; i++) {
		unsigned char *view =
		    large ? vs_scratch_map_large(first + i) : vs_scratch_map(first + i);
		if (view == 0) {
			printf("init: cannot fill %s: no scratch mapping for frame %u (init's "
			       "CNode or memory is exhausted)\n",
			       o->name, i);
			return ERR_NOT_ENOUGH_MEMORY;
		}
		size_t off = (size_t)i << bits,
		       n = size - off < (1UL << bits) ? size - off : 1UL << bits;
		memcpy(view, data + off, n);
		vs_scratch_unmap(first + i);
	}
	return ERR_OK;
}

static enum tessera_err make_object(struct realise *r, uint32_t k)
{
	const struct tsr_spec_object *o = &r->spec->objects[k];
	struct realise_stats *st = owner_stats(r, o->name);

	if (o->type == OBJ_IRQ_CONTROL) {
		/* init's own IRQ control capability: components get copies of it */
		r->slot[k] = SLOT_IRQ_CONTROL;
		return o->count == 1 ? ERR_OK : ERR_INVALID_ARGUMENT;
	}
	if (r->spec->klog != 0 && r->spec->klog->ring == (int32_t)k) {
		/* the kernel log ring's frame: the klog holder maps a copy */
		r->slot[k] = SLOT_LOG_RING_FRAME;
		return o->count == 1 && o->type == OBJ_FRAME_4K ? ERR_OK : ERR_INVALID_ARGUMENT;
	}
	r->slot[k] = alloc_slots(o->count);
	if (r->slot[k] == 0) {
		printf("init: no %u free slots in init's CNode for %s\n", o->count, o->name);
		return ERR_NOT_ENOUGH_MEMORY;
	}
	for (uint32_t i = 0; i < o->count; i++) {
		tsr_cptr_t slot = r->slot[k] + i;
		if (o->type == OBJ_IRQ_HANDLER)
			continue; /* IrqControl_Get, below */
		if (o->is_device) {
			uint64_t paddr = o->paddr + ((uint64_t)i << 12);
			enum tessera_err err = o->type == OBJ_FRAME_4K
						   ? devmem_frame(r->bi, paddr, slot)
						   : ERR_INVALID_ARGUMENT;
			if (err != ERR_OK) {
				printf("init: %s: device frame at %#llx: error %d (only 4 KiB "
				       "frames, each page once)\n",
				       o->name, (unsigned long long)paddr, err);
				return err;
			}
			st->objects++;
			continue;
		}
		enum tessera_err err = alloc_retype_into(slot, o->type, o->size_bits);
		if (err != ERR_OK) {
			out_of_memory(r, o, i, err);
			return err;
		}
		st->objects++;
		st->bytes += 1ULL << obj_bits(o->type, o->size_bits);
	}
	return o->fill != 0 ? fill(r, o, r->slot[k]) : ERR_OK;
}

int realise_space_group(const struct realise *r, uint32_t s)
{
	return r->space_group == 0 ? ALLOC_GROUP_INIT : r->space_group[s];
}

int realise_object_group(const struct realise *r, uint32_t k)
{
	const struct tsr_spec_object *o = &r->spec->objects[k];
	int s = realise_owner(r->spec, o->name);

	if (s < 0 || o->is_device || o->type == OBJ_IRQ_HANDLER || o->type == OBJ_IRQ_CONTROL)
		return ALLOC_GROUP_INIT;
	return realise_space_group(r, (uint32_t)s);
}

enum tessera_err realise_group_objects(struct realise *r, int g)
{
	const struct tsr_spec *spec = r->spec;
	int saved = alloc_group();

	alloc_set_group(g);
	/* largest first: a pool part then fills without alignment gaps (pool.h) */
	for (int bits = 63; bits >= 0; bits--)
		for (uint32_t k = 0; k < spec->num_objects; k++) {
			const struct tsr_spec_object *o = &spec->objects[k];
			if (realise_object_group(r, k) != g ||
			    obj_bits(o->type, o->size_bits) != (unsigned)bits)
				continue;
			enum tessera_err err = make_object(r, k);
			if (err != ERR_OK) {
				alloc_set_group(saved);
				return err;
			}
		}
	alloc_set_group(saved);
	return ERR_OK;
}

enum tessera_err realise_objects(struct realise *r)
{
	const struct tsr_spec *spec = r->spec;
	enum tessera_err err = realise_group_objects(r, ALLOC_GROUP_INIT);

	for (int g = 0; err == ERR_OK && g < ALLOC_MAX_GROUPS; g++)
		err = realise_group_objects(r, g);
	if (err != ERR_OK)
		return err;
	for (uint32_t i = 0; i < spec->num_irqs; i++) {
		const struct tsr_spec_irq *q = &spec->irqs[i];
		enum tessera_err err = tsr_irq_control_get(
		    SLOT_IRQ_CONTROL, q->irq, SLOT_INIT_CNODE, r->slot[q->handler], TSR_DEPTH);
		if (err != ERR_OK) {
			printf("init: interrupt %u for component %s: IrqControl_Get failed: %d\n",
			       q->irq, spec->spaces[q->space].name, err);
			return err;
		}
	}
	return ERR_OK;
}
