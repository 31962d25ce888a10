/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * init's request loop on its endpoint: the tiny RPC protocol of
 * <tessera/proc.h> (INIT_RPC_*) from the processes it started, fault
 * messages from them (badge BADGE_FAULT | id: reported, left stopped), and
 * wake-ups by the kernel log notification bound to init's TCB (any other
 * badge: the log ring is drained, nothing is replied).
 */
#ifndef INIT_SERVE_H
#define INIT_SERVE_H

#include <stdint.h>
#include <tessera/sys.h>

#define BADGE_CLIENT (1ULL << 62)
#define BADGE_FAULT  (1ULL << 61)
#define BADGE_ID(b)  ((b)&0xffffULL)

struct serve_state {
	tsr_cptr_t endpoint, reply;
	unsigned clients_done; /* clients that sent INIT_RPC_DONE */
	unsigned client_passed, client_failed, faults;
	unsigned long console_bytes; /* written by clients through INIT_RPC_WRITE */
	unsigned stop_after;	     /* return once this many clients are done (0: never) */
	void (*idle)(void);	     /* called after every message (log draining) */
};

/* Handles one request in *m (badge set); returns 1 if *m is now the reply. */
int serve_handle(struct serve_state *s, struct tsr_msg *m);

/* Serves until stop_after clients are done; returns ERR_OK or the error of
 * a failed Recv. */
enum tessera_err serve(struct serve_state *s);

#endif
