/* SPDX-License-Identifier: BSD-2-Clause */
/* The checker's harness for exercise 3: includes the student's model. */
#include "reply.pml"

active proctype client() {
	sys_call(0)
}

active proctype server() {
	byte e1, e2;
	(caller != NOBODY);
	sys_reply(e1);
	sys_reply(e2);
	assert(e1 == OK && e2 == ILLEGAL)
}

/* no Call ever gets more than one reply */
ltl reply_once { [] (delivered[0] <= 1 && delivered[1] <= 1) }
