// SPDX-License-Identifier: BSD-2-Clause
/* Groups, pools, stop and start; see lifecycle.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tessera/counter.h>
#include <tessera/elfload.h>
#include <tessera/invoke.h>
#include <tessera/objects.h>
#include <tessera/proc.h>

#include "archive.h"
#include "lifecycle.h"
#include "pool.h"
#include "vspace.h"

struct lifecycle lc;

uint64_t lc_now(void)
{
	return tsr_counter_now();
}

uint64_t lc_freq(void)
{
	return tsr_counter_freq();
}

const char *lc_state_name(enum lc_state s)
{
	static const char *const names[] = {"stopped", "running", "paused", "crashed"};
	return (unsigned)s < 4 ? names[s] : "?";
}

static int space_named(const struct tsr_spec *spec, const char *name)
{
	for (uint32_t s = 0; s < spec->num_spaces; s++)
		if (strcmp(spec->spaces[s].name, name) == 0)
			return (int)s;
	return -1;
}

/* A server may be restarted unless it was given caps that are handed over
 * for good (untyped, IRQ control). */
static bool restartable(const struct tsr_spec *spec, const struct tsr_spec_space *sp)
{
	for (uint32_t i = 0; i < sp->num_caps; i++) {
		uint8_t t = spec->objects[sp->caps[i].object].type;
		if (t == OBJ_UNTYPED || t == OBJ_IRQ_CONTROL)
			return false;
	}
	return sp->num_threads > 0;
}

static void add_group(const char *name, enum lc_kind kind, int s0, int s1)
{
	struct lc_group *g = &lc.g[lc.n];
	const struct tsr_spec *spec = lc.r->spec;

	*g = (struct lc_group){.name = name, .kind = kind, .watchdog = kind == LC_VM};
	g->space[g->nspaces++] = (uint32_t)s0;
	lc.space_group[s0] = (int8_t)lc.n;
	if (s1 >= 0) {
		const struct tsr_spec_space *gs = &spec->spaces[s1];
		g->space[g->nspaces++] = (uint32_t)s1;
		lc.space_group[s1] = (int8_t)lc.n;
		g->vcpus = gs->num_threads;
		for (uint32_t i = 0; i < gs->num_maps; i++)
			if (!spec->objects[gs->maps[i].object].is_device)
				g->ram += (uint64_t)gs->maps[i].count << gs->maps[i].page_bits;
	}
	lc.n++;
}

static uint64_t image_bytes(const struct realise *r, const struct tsr_spec_space *sp)
{
	struct elf_info info;
	size_t size;
	const void *image = sp->image != 0 ? archive_find(r->bi, sp->image, &size) : 0;
	uint64_t bytes = 0;

	if (image == 0 || elf_parse(image, size, PROC_IMAGE_MIN, PROC_IMAGE_MAX, &info) != ELF_OK)
		return 0;
	for (unsigned i = 0; i < info.nsegs; i++) {
		uint64_t lo = info.segs[i].vaddr & ~4095ULL;
		uint64_t hi = (info.segs[i].vaddr + info.segs[i].memsz + 4095) & ~4095ULL;
		bytes += hi - lo;
	}
	return bytes;
}

/* Everything group g will retype: its objects, its images, page tables. */
static uint64_t group_bytes(const struct realise *r, int g)
{
	uint64_t bytes = 16 * 4096; /* page tables made while loading images */

	for (uint32_t k = 0; k < r->spec->num_objects; k++) {
		const struct tsr_spec_object *o = &r->spec->objects[k];
		if (realise_object_group(r, k) == g)
			bytes += (uint64_t)o->count << obj_bits(o->type, o->size_bits);
	}
	for (unsigned i = 0; i < lc.g[g].nspaces; i++)
		bytes += image_bytes(r, &r->spec->spaces[lc.g[g].space[i]]);
	return bytes;
}

static void form_groups(const struct tsr_spec *spec)
{
	char vmm[64];

	for (uint32_t s = 0; s < spec->num_spaces && lc.n < ALLOC_MAX_GROUPS; s++) {
		const struct tsr_spec_space *sp = &spec->spaces[s];
		if (sp->kind == TSR_SPACE_GUEST) {
			snprintf(vmm, sizeof(vmm), "%s_vmm", sp->name);
			int v = space_named(spec, vmm);
			if (v >= 0)
				add_group(sp->name, LC_VM, v, (int)s);
		} else if (sp->kind == TSR_SPACE_COMPONENT && restartable(spec, sp)) {
			add_group(sp->name, LC_SERVER, (int)s, -1);
		}
	}
}

enum tessera_err lc_setup(struct realise *r)
{
	lc.r = r;
	lc.space_group = malloc(r->spec->num_spaces + 1);
	if (lc.space_group == 0)
		return ERR_NOT_ENOUGH_MEMORY;
	memset(lc.space_group, ALLOC_GROUP_INIT, r->spec->num_spaces + 1);
	r->space_group = lc.space_group;
	r->group_live = lc.live;
	form_groups(r->spec);
	for (unsigned g = 0; g < lc.n; g++) {
		uint64_t bytes = group_bytes(r, (int)g);
		enum tessera_err err = pool_create((int)g, bytes);
		if (err != ERR_OK) {
			printf("init: %s %s: no untyped pool of %llu KiB (error %d)\n",
			       lc.g[g].kind == LC_VM ? "vm" : "server", lc.g[g].name,
			       (unsigned long long)(bytes >> 10), err);
			return err;
		}
		lc.live[g] = 1;
	}
	return ERR_OK;
}

int lc_find(const char *name)
{
	for (unsigned g = 0; g < lc.n; g++)
		if (strcmp(lc.g[g].name, name) == 0)
			return (int)g;
	return -1;
}

int lc_group_of_thread(uint64_t badge)
{
	const struct tsr_spec *spec = lc.r->spec;
	uint64_t n = 0;

	for (uint32_t s = 0; s < spec->num_spaces; s++) {
		n += spec->spaces[s].num_threads;
		if (badge >= 1 && badge <= n)
			return lc.space_group[s];
	}
	return -1;
}

volatile struct vmm_stats *lc_stats(int gi)
{
	volatile struct vmm_stats *st = lc.g[gi].stats;

	return st != 0 && st->magic == VMM_STATS_MAGIC ? st : 0;
}

bool lc_uses(uint32_t s, int gi)
{
	const struct tsr_spec_space *sp = &lc.r->spec->spaces[s];

	for (uint32_t i = 0; i < sp->num_caps; i++)
		if (realise_object_group(lc.r, (uint32_t)sp->caps[i].object) == gi)
			return true;
	return false;
}
