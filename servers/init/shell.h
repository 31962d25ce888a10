/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The management shell on init's console (docs/lifecycle.md has every
 * command and a transcript). Input arrives a byte at a time; a line runs
 * when Enter is pressed. Commands typed while one runs are refused.
 */
#ifndef INIT_SHELL_H
#define INIT_SHELL_H

#include <stdbool.h>

void shell_input(char c);
/* Runs one command line (also used for the boot script init.rc). */
void shell_exec(const char *line);
void shell_prompt(void);
/* Runs every line of the boot archive's init.rc, if there is one. */
void shell_run_script(const char *text, unsigned long size);

#endif
