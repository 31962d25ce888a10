// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of init's partition check (servers/init/realise_objects.c,
 * realise_init; docs/idl.md "Static partitioning") on the golden generated
 * spec tests/idl/good/partitioned (vm rt0 on cores 1 2, rt1 on core 3,
 * ctl and component tick on core 0): with every core present init accepts
 * it and prints each partition; with a core missing it refuses naming the
 * VM instead of moving the VM's threads to another core; a spec that puts
 * another thread on a partition's core is refused naming the thread.
 */
#include <stdlib.h>
#include <string.h>
#include <tessera/elfload.h>

#include "archive.h"
#include "check.h"
#include "elfmap.h"
#include "realise.h"

__thread struct ipc_buffer *tsr_ipcbuf_tls;

/* realise_init makes no system call; the other realise files link these. */
void tsr_syscall_regs(uint64_t sysno, uint64_t r[7])
{
	(void)sysno;
	memset(r, 0, 7 * sizeof(r[0]));
}

const void *archive_find(const struct bootinfo *bi, const char *name, size_t *size)
{
	(void)bi, (void)name, (void)size;
	return 0;
}

enum elf_status elf_parse(const void *image, size_t size, uint64_t lo, uint64_t hi,
			  struct elf_info *info)
{
	(void)image, (void)size, (void)lo, (void)hi, (void)info;
	return ELF_OK;
}

enum tessera_err elfmap_load(tsr_cptr_t vspace, const void *image, const struct elf_info *info,
			     unsigned *pages)
{
	(void)vspace, (void)image, (void)info, (void)pages;
	return ERR_OK;
}

static char *out;

/* realise_init on spec with cores cores; its output in out. */
static enum tessera_err init_on(const struct tsr_spec *spec, uint64_t cores)
{
	struct bootinfo bi = {.num_cores = cores};
	struct realise r;
	size_t len = 0;
	FILE *saved = stdout;

	free(out);
	stdout = open_memstream(&out, &len);
	enum tessera_err err = realise_init(&r, spec, &bi);
	fclose(stdout);
	stdout = saved;
	free(r.slot);
	free(r.stats);
	return err;
}

static int space_of(const char *name)
{
	for (uint32_t s = 0; s < tsr_spec.num_spaces; s++)
		if (strcmp(tsr_spec.spaces[s].name, name) == 0)
			return (int)s;
	return -1;
}

/* The generator's partitions: the VMs' spaces, and their threads on their cores. */
static void spec_partitions(void)
{
	CHECK(tsr_spec.num_partitions == 2);
	const struct tsr_spec_partition *p = tsr_spec.partitions;
	CHECK(strcmp(p[0].vm, "rt0") == 0 && p[0].cores == 0x6);
	CHECK(strcmp(p[1].vm, "rt1") == 0 && p[1].cores == 0x8);
	for (uint32_t k = 0; k < 2; k++) {
		CHECK((int)p[k].guest_space == space_of(p[k].vm));
		CHECK(strncmp(tsr_spec.spaces[p[k].vmm_space].name, p[k].vm, 3) == 0 &&
		      tsr_spec.spaces[p[k].vmm_space].kind == TSR_SPACE_VMM);
		for (uint32_t i = 0; i < tsr_spec.spaces[p[k].guest_space].num_threads; i++)
			CHECK(p[k].cores >> tsr_spec.spaces[p[k].guest_space].threads[i].affinity &
			      1);
		CHECK(p[k].cores >> tsr_spec.spaces[p[k].vmm_space].threads[0].affinity & 1);
	}
}

static void all_cores_present(void)
{
	CHECK(init_on(&tsr_spec, 4) == ERR_OK);
	CHECK(out != 0 && strstr(out, "init: vm rt0: partition of cores 1 2 (") != 0);
	CHECK(out != 0 && strstr(out, "init: vm rt1: partition of cores 3 (") != 0);
}

static void core_missing(void)
{
	CHECK(init_on(&tsr_spec, 3) == ERR_RANGE);
	CHECK(out != 0 && strstr(out, "init: vm rt1 is partitioned onto core 3, but this machine "
				      "has 3 cores: refusing to start the system\n") != 0);
	CHECK(init_on(&tsr_spec, 2) == ERR_RANGE);
	CHECK(out != 0 && strstr(out, "init: vm rt0 is partitioned onto core 2, but this machine "
				      "has 2 cores") != 0);
	CHECK(init_on(&tsr_spec, 1) == ERR_RANGE);
	CHECK(out != 0 && strstr(out, "init: vm rt0 is partitioned onto core 1,") != 0);
}

/* A spec (not one the generator makes) with ctl's VMM on rt0's core 2. */
static void thread_on_partition_core(void)
{
	struct tsr_spec spec = tsr_spec;
	struct tsr_spec_space spaces[16];
	struct tsr_spec_thread vmm_thread;
	int s = space_of("ctl_vmm");

	CHECK(s >= 0 && tsr_spec.num_spaces <= 16);
	if (s < 0 || tsr_spec.num_spaces > 16)
		return;
	memcpy(spaces, tsr_spec.spaces, tsr_spec.num_spaces * sizeof(spaces[0]));
	vmm_thread = spaces[s].threads[0];
	vmm_thread.affinity = 2;
	spaces[s].threads = &vmm_thread;
	spec.spaces = spaces;
	CHECK(init_on(&spec, 4) == ERR_RANGE);
	CHECK(out != 0 && strstr(out, "init: vm rt0 is partitioned onto core 2, but thread "
				      "ctl_vmm.control would run there too: refusing") != 0);
	/* core 6 on a 4-core machine falls back to core 2: refused as well */
	vmm_thread.affinity = 6;
	CHECK(init_on(&spec, 4) == ERR_RANGE);
	CHECK(out != 0 && strstr(out, "ctl_vmm.control would run there too") != 0);
}

int main(void)
{
	RUN("unit_init_partition", spec_partitions);
	RUN("unit_init_partition", all_cores_present);
	RUN("unit_init_partition", core_missing);
	RUN("unit_init_partition", thread_on_partition_core);
	free(out);
	return DONE("unit_init_partition");
}
