/* SPDX-License-Identifier: BSD-2-Clause */
/* The checker's harness for exercise 1: includes the student's model. */
#include "ntfn.pml"

active proctype signaller() {
	sys_signal(1);
	sys_signal(2);
	sys_signal(4)
}

active proctype poller() {
	byte w;
	sys_poll(1, w);
	assert((w & ~7) == 0);
	sys_poll(1, w);
	assert((w & ~7) == 0)
}

active proctype waiter_thread() {
	sys_wait(0)
}

/* a Poll that does not clear the word returns old bits again: wrong */
ltl no_lost_bit { [] !wrong }
