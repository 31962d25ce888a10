// SPDX-License-Identifier: BSD-2-Clause
/* Starting a realised spec's threads, naming them; see realise.h. */
#include <stdio.h>
#include <tessera/invocation.h>
#include <tessera/invoke.h>
#include <tessera/objects.h>

#include "alloc.h"
#include "realise.h"

/* An IRQ handler signals its holder's notification through a badged cap. */
static enum tessera_err bind_irq(struct realise *r, const struct tsr_spec_irq *q)
{
	tsr_cptr_t minted = alloc_slot();
	enum tessera_err err = minted == 0 ? ERR_NOT_ENOUGH_MEMORY : ERR_OK;

	if (err == ERR_OK)
		err = tsr_cnode_mint(SLOT_INIT_CNODE, minted, TSR_DEPTH, SLOT_INIT_CNODE,
				     r->slot[q->ntfn], TSR_DEPTH, RIGHT_WRITE, q->badge);
	if (err == ERR_OK)
		err = tsr_irq_handler_set_notification(r->slot[q->handler], minted);
	/* a restarted holder: an interrupt its predecessor never acknowledged
	 * would stay masked */
	if (err == ERR_OK)
		(void)!tsr_irq_handler_ack(r->slot[q->handler]);
	if (err != ERR_OK)
		printf("init: interrupt %u of component %s: binding its notification failed: %d\n",
		       q->irq, r->spec->spaces[q->space].name, err);
	return err;
}

static enum tessera_err start_space(struct realise *r, uint32_t s)
{
	const struct tsr_spec_space *sp = &r->spec->spaces[s];

	for (uint32_t i = 0; i < sp->num_threads; i++) {
		const struct tsr_spec_thread *t = &sp->threads[i];
		if (t->start != TSR_START_INIT)
			continue;
		/* pc, sp, spsr (EL0t), x0 = index, x1 = IPC buffer, x2 = the
		 * interrupt controller's version (comp_start.S) */
		const uint64_t regs[] = {r->stats[s].entry, t->stack_top,	0, t->x0,
					 t->ipcbuf,	    r->bi->irqc_version};
		enum tessera_err err =
		    tsr_tcb_write_regs(r->slot[t->tcb] + t->tcb_index, 1, 6, regs);
		if (err != ERR_OK) {
			printf("init: component %s: starting thread %s failed: %d\n", sp->name,
			       t->name, err);
			return err;
		}
	}
	return ERR_OK;
}

enum tessera_err realise_start_group(struct realise *r, int g)
{
	const struct tsr_spec *spec = r->spec;
	int saved = alloc_group();
	enum tessera_err err = ERR_OK;

	alloc_set_group(g);
	for (uint32_t i = 0; err == ERR_OK && i < spec->num_irqs; i++)
		if (realise_space_group(r, spec->irqs[i].space) == g)
			err = bind_irq(r, &spec->irqs[i]);
	for (uint32_t s = 0; err == ERR_OK && s < spec->num_spaces; s++)
		if (realise_space_group(r, s) == g)
			err = start_space(r, s);
	alloc_set_group(saved);
	return err;
}

enum tessera_err realise_start(struct realise *r)
{
	enum tessera_err err = realise_start_group(r, ALLOC_GROUP_INIT);

	for (int g = 0; err == ERR_OK && g < ALLOC_MAX_GROUPS; g++)
		err = realise_start_group(r, g);
	return err;
}

const char *realise_thread_name(const struct tsr_spec *spec, uint64_t badge, const char **space)
{
	uint64_t n = 0;

	for (uint32_t s = 0; s < spec->num_spaces; s++)
		for (uint32_t i = 0; i < spec->spaces[s].num_threads; i++)
			if (++n == badge) {
				*space = spec->spaces[s].name;
				return spec->spaces[s].threads[i].name;
			}
	*space = "?";
	return "?";
}
