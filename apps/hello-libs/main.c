// SPDX-License-Identifier: BSD-2-Clause
/*
 * hello-libs: proves that a program built with Tessera's musl and Debian's
 * libfdt works: printf, malloc, string functions (FP/SIMD) and a device tree
 * built and read back with libfdt; and that musl's system calls went through
 * the Tessera shim rather than straight to a kernel.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tessera/linuxshim.h>

static int failed, passed;

static void check(const char *name, int ok)
{
	printf("TEST libs.%s %s\n", name, ok ? "PASS" : "FAIL");
	if (ok)
		passed++;
	else
		failed++;
}

static int fdt_roundtrip(void)
{
	static char blob[4096];
	int node, len;

	if (fdt_create_empty_tree(blob, sizeof(blob)) != 0)
		return 0;
	node = fdt_add_subnode(blob, 0, "memory@40000000");
	if (node < 0 || fdt_setprop_string(blob, node, "device_type", "memory") != 0)
		return 0;
	if (fdt_setprop_u64(blob, node, "reg", 0x40000000ULL) != 0)
		return 0;
	node = fdt_path_offset(blob, "/memory@40000000");
	const char *type = fdt_getprop(blob, node, "device_type", &len);
	return node >= 0 && type != NULL && strcmp(type, "memory") == 0 &&
	       fdt_check_header(blob) == 0;
}

static int heap_and_strings(void)
{
	size_t n = 1 << 20;
	char *a = malloc(n), *b = malloc(n);

	if (a == NULL || b == NULL)
		return 0;
	for (size_t i = 0; i < n; i++)
		a[i] = (char)(i * 7);
	memcpy(b, a, n);
	int ok = memcmp(a, b, n) == 0 && b[12345] == (char)(12345 * 7);
	free(a);
	free(b);
	return ok;
}

int main(void)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%d-%s-%.2f", 42, "musl", 1.5);
	check("musl_printf", strcmp(buf, "42-musl-1.50") == 0);
	check("musl_heap", heap_and_strings());
	check("libfdt_roundtrip", fdt_roundtrip());
	fflush(stdout);
	check("syscalls_via_shim", linuxshim_calls > 0);
	printf("SUMMARY libs %d %d\n", passed, failed);
	return failed != 0;
}
