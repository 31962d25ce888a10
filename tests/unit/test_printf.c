// SPDX-License-Identifier: BSD-2-Clause
/* Host tests of microkernel/kernel/printf.c (the real file). */
#include <kernel/printf.h>
#include <string.h>

#include "check.h"

static char buf[128];

#define FMT(...) ksnprintf(buf, sizeof(buf), __VA_ARGS__)

/* For formats the compiler would reject: goes around the format attribute. */
static int raw_fmt(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return n;
}

static void integers(void)
{
	FMT("%d %i %u", -42, 7, 4000000000U);
	CHECK(strcmp(buf, "-42 7 4000000000") == 0);
	FMT("%ld %lu", -9223372036854775807L - 1, 18446744073709551615UL);
	CHECK(strcmp(buf, "-9223372036854775808 18446744073709551615") == 0);
	FMT("%x %X %lx %llx", 0xbeefU, 0xbeefU, 0x1234567890abUL, 0xffULL);
	CHECK(strcmp(buf, "beef BEEF 1234567890ab ff") == 0);
	FMT("%zu", (size_t)12345);
	CHECK(strcmp(buf, "12345") == 0);
	FMT("%d", 0);
	CHECK(strcmp(buf, "0") == 0);
}

static void widths(void)
{
	FMT("[%5d][%-5d][%05d][%010lx]", 42, 42, -42, 0x4000UL);
	CHECK(strcmp(buf, "[   42][42   ][-0042][0000004000]") == 0);
	FMT("[%-8s][%8s]", "ram", "dtb");
	CHECK(strcmp(buf, "[ram     ][     dtb]") == 0);
	FMT("[%2d]", 12345);
	CHECK(strcmp(buf, "[12345]") == 0);
}

static void strings_and_misc(void)
{
	FMT("%s|%c|%%|%p", "abc", 'z', (void *)0x1000);
	CHECK(strcmp(buf, "abc|z|%|0x1000") == 0);
	raw_fmt("%s", (const char *)NULL);
	CHECK(strcmp(buf, "(null)") == 0);
	raw_fmt("%q");
	CHECK(strcmp(buf, "%q") == 0);
	raw_fmt("end%");
	CHECK(strcmp(buf, "end") == 0);
}

static void truncation(void)
{
	char small[8];
	memset(small, 'X', sizeof(small));
	int n = ksnprintf(small, sizeof(small), "%s", "0123456789");
	CHECK(n == 10);
	CHECK(strcmp(small, "0123456") == 0);
	n = ksnprintf(small, 0, "%d", 5);
	CHECK(n == 1);
	CHECK(small[0] == '0');
	n = ksnprintf(small, 1, "abc");
	CHECK(n == 3 && small[0] == '\0');
}

int main(void)
{
	RUN("unit_printf", integers);
	RUN("unit_printf", widths);
	RUN("unit_printf", strings_and_misc);
	RUN("unit_printf", truncation);
	return DONE("unit_printf");
}
