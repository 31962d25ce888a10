/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Minimal host unit-test harness. Each test is a function; RUN(fn) runs it
 * and prints "TEST <suite>.<fn> PASS|FAIL" (the format tests/qemu/run.py
 * judges); CHECK records a failed condition with its location and goes on.
 * DONE() prints the SUMMARY line and returns the exit status.
 */
#ifndef TESSERA_CHECK_H
#define TESSERA_CHECK_H

#include <stdio.h>

static int check_failures_in_test, check_passed, check_failed;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);          \
			check_failures_in_test++;                                                  \
		}                                                                                  \
	} while (0)

#define RUN(suite, fn)                                                                             \
	do {                                                                                       \
		check_failures_in_test = 0;                                                        \
		fn();                                                                              \
		printf("TEST %s.%s %s\n", suite, #fn, check_failures_in_test ? "FAIL" : "PASS");   \
		if (check_failures_in_test)                                                        \
			check_failed++;                                                            \
		else                                                                               \
			check_passed++;                                                            \
	} while (0)

#define DONE(suite)                                                                                \
	(printf("SUMMARY %s %d %d\n", suite, check_passed, check_failed), check_failed != 0)

#endif
