/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * configs/hello.tsr: the layout of the page the client and the server
 * share (dataport 'page'). The client writes the greeting before it emits
 * 'ready' and calls send(); the server writes what it saw.
 */
#ifndef HELLO_PAGE_H
#define HELLO_PAGE_H

#include <stdint.h>

struct hello_page {
	char greeting[64];	      /* client -> server */
	uint32_t greeting_id;	      /* client -> server: the id send() carries */
	uint32_t server_event_bits;   /* server: what ready_wait() returned */
	uint32_t server_saw_greeting; /* server: the page held the greeting */
	uint32_t server_badge;	      /* server: hello_badge() during say() */
	char server_note[64];	      /* server -> client */
};

#define HELLO_GREETING "greetings through shared memory"
#define HELLO_NOTE     "the server was here"

#endif
