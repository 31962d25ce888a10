/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Promela model of Tessera's endpoints, reply objects, notifications and
 * the scheduler's blocking and waking (docs/spec/abi-v1.md sections 3, 5,
 * 6, 8.1). Each kernel entry is one atomic step (one kernel lock, spec
 * axiom A1); the inline functions below follow microkernel/kernel/ipc.c,
 * notification.c and sched.c statement by statement, with the C function
 * named above each. Data are abstracted (axiom A2): a message is "who sent
 * it through which endpoint", a badge is one bit per signalling thread.
 *
 * Configuration: 3 threads, 2 endpoints (E1 can be deleted), 2 reply
 * objects (R1 can be deleted), 1 notification bound to T0.
 *   default      every thread runs K nondeterministic system calls from
 *                its capability set (the "generic" model);
 *   -DCLOSED     a fixed cooperative program per thread, for the liveness
 *                check "progress" (every thread finishes).
 * Properties: the ltl blocks at the end; docs in README.md.
 */

#define NT 3
#define NE 2
#define NR 2
#define NONE 255
#ifndef K
#define K 3
#endif

/* thread states (spec 8.1) */
#define INACTIVE 0
#define RUNNABLE 1
#define BSEND 2
#define BRECV 3
#define BREPLY 4
#define BNTFN 5

/* errors (spec 1.3) */
#define OK 0
#define ILLEGAL 3
#define NO_RIGHTS 11
#define CANCELLED 12
#define WOULD_BLOCK 13

/* endpoint states (spec 5.1) */
#define EP_IDLE 0
#define EP_SEND 1
#define EP_RECV 2

/* rights (spec 2.3) */
#define RD 1
#define WR 2
#define GR 4
#define GRR 8

typedef Thread {
	byte st;
	byte on;	  /* blocked_on: endpoint, reply object or 0 (ntfn) */
	byte x0;	  /* status register */
	byte ipc_reply;	  /* reply object named in the pending Recv */
	bool is_call;
	bool grant_reply; /* ipc.can_grant_reply of the pending send */
	byte reply_to_me;
	byte got_from;	  /* ghost: sender of the last message received */
	byte got_ep;
	byte word;	  /* last notification word received (x6) */
};

typedef Endpoint {
	byte q[NT];
	byte cnt;
	byte state;
	bool alive;
};

typedef Reply {
	byte caller;
	byte receiver;
	bool alive;
};

typedef Ntfn {
	byte word;
	bool act;
	byte q[NT];
	byte cnt;
	byte bound;
};

Thread th[NT];
Endpoint ep[NE];
Reply rp[NR];
Ntfn nt;

byte cap[NT * NE];	/* rights of thread t's cap to endpoint e */
#define CAP(t, e) cap[(t) * NE + (e)]

/* ghost state for the properties */
bool lost = false;		/* a blocked thread its waker cannot find, or one that should be awake */
bool misdelivered = false;	/* a message reached a thread without a READ cap to its endpoint */
bool reply_violation = false;	/* a reply delivered to a thread not waiting for exactly that reply */
byte ghost_bits = 0;		/* bits signalled and not yet received by anyone */
bool bits_wrong = false;	/* a Wait/Poll/Recv returned other bits than those pending */
byte rbound[NT];		/* 1 while thread t is bound to a reply object by a Call */
bool done[NT];

/* kernel temporaries (reset after each step so they add no states) */
byte kt, kr, kres, ki, kj, kq, kw, ke;
bool kcall, kg;

/* ---- queues (ipc.c ep_append/ep_remove, notification.c remove_waiter) ---- */

inline ep_append(e, t) {
	ep[e].q[ep[e].cnt] = t;
	ep[e].cnt++
}

/* ep_remove: dequeue t; an empty queue makes the endpoint idle */
inline ep_remove(e, t) {
	ki = 0;
	do
	:: ki < ep[e].cnt && ep[e].q[ki] != t -> ki++
	:: else -> break
	od;
	assert(ki < ep[e].cnt);
	do
	:: ki + 1 < ep[e].cnt -> ep[e].q[ki] = ep[e].q[ki + 1]; ki++
	:: else -> break
	od;
	ep[e].cnt--;
	ep[e].q[ep[e].cnt] = 0;
	if
	:: ep[e].cnt == 0 -> ep[e].state = EP_IDLE
	:: else -> skip
	fi;
	ki = 0
}

inline ntfn_remove(t) {
	ki = 0;
	do
	:: ki < nt.cnt && nt.q[ki] != t -> ki++
	:: else -> break
	od;
	assert(ki < nt.cnt);
	do
	:: ki + 1 < nt.cnt -> nt.q[ki] = nt.q[ki + 1]; ki++
	:: else -> break
	od;
	nt.cnt--;
	nt.q[nt.cnt] = 0;
	ki = 0
}

/* ---- scheduler (sched.c) ---- */

inline make_runnable(t) {	/* sched_make_runnable */
	th[t].st = RUNNABLE;
	th[t].on = 0
}

inline sched_block(t, s, o) {	/* sched_block */
	th[t].st = s;
	th[t].on = o
}

inline set_error(t, e) {	/* tcb_set_error */
	th[t].x0 = e
}

/* ---- message transfer (ipc_transfer.c), with the delivery ghost ---- */

inline transfer(s, r, e) {
	if
	:: e != NONE && !((CAP(r, e) & RD) && (CAP(s, e) & WR)) -> misdelivered = true
	:: else -> skip
	fi;
	th[r].got_from = s;
	th[r].got_ep = e;
	th[r].x0 = OK
}

/* ---- reply objects (ipc.c reply_bind, sender_after) ---- */

inline reply_bind(r, c) {
	if
	:: rp[r].caller != NONE ->
		kj = rp[r].caller;
		th[kj].reply_to_me = NONE;
		rbound[kj] = 0;
		set_error(kj, CANCELLED);
		make_runnable(kj);
		kj = 0
	:: else -> skip
	fi;
	rp[r].caller = c;
	th[c].reply_to_me = r;
	rbound[c] = 1;
	sched_block(c, BREPLY, r)
}

/* sender_after: result in kres */
/* the grant-reply flag is passed in kg */
inline sender_after(s, r, call) {
	kq = th[r].ipc_reply;
	if
	:: call && kq != NONE && kg -> reply_bind(kq, s); kres = OK
	:: else -> kres = (call -> CANCELLED : OK)
	fi;
	kg = false;
	kq = 0
}

/* ---- notifications (notification.c) ---- */

/* deliver: the word w reaches thread t; the ghost checks no bit was lost or invented */
/* the word is passed in kw */
inline ntfn_deliver(t) {
	if
	:: kw != ghost_bits -> bits_wrong = true
	:: else -> skip
	fi;
	ghost_bits = 0;
	th[t].x0 = OK;
	th[t].word = kw;
	kw = 0
}

/* forget_receiver(t): a receiver leaving its Recv (cancelled, or its
 * endpoint destroyed) is no longer its reply object's receiver (ipc.c
 * ipc_cancel, endpoint_finalise; spec 5.6) */
inline forget_receiver(t) {
	if
	:: th[t].ipc_reply != NONE && rp[th[t].ipc_reply].receiver == t -> rp[th[t].ipc_reply].receiver = NONE
	:: else -> skip
	fi;
	th[t].ipc_reply = NONE
}

inline ipc_cancel(t) {
	if
	:: th[t].st == BSEND -> ke = th[t].on; ep_remove(ke, t); ke = 0
	:: th[t].st == BRECV -> forget_receiver(t); ke = th[t].on; ep_remove(ke, t); ke = 0
	:: th[t].st == BREPLY ->
		if
		:: th[t].reply_to_me != NONE -> rp[th[t].reply_to_me].caller = NONE
		:: else -> skip
		fi;
		th[t].reply_to_me = NONE;
		rbound[t] = 0
	:: th[t].st == BNTFN -> ntfn_remove(t)
	:: else -> skip
	fi;
	th[t].on = 0
}

inline notification_signal(b) {
	ghost_bits = ghost_bits | b;
	if
	:: nt.cnt > 0 ->
		kt = nt.q[0];
		ntfn_remove(kt);
		kw = nt.word | b;
		ntfn_deliver(kt);
		make_runnable(kt);
		nt.word = 0;
		nt.act = false
	:: nt.cnt == 0 && nt.bound != NONE && th[nt.bound].st == BRECV ->
		kt = nt.bound;
		ipc_cancel(kt);
		kw = nt.word | b;
		ntfn_deliver(kt);
		make_runnable(kt);
		nt.word = 0;
		nt.act = false
	:: else ->
		nt.word = nt.word | b;
		nt.act = true
	fi
}

/* notification_deliver_bound: true (kres = 1) if it delivered */
inline deliver_bound(t) {
	if
	:: nt.bound == t && nt.act ->
		kw = nt.word;
		ntfn_deliver(t);
		nt.word = 0;
		nt.act = false;
		kres = 1
	:: else -> kres = 0
	fi
}

/* ---- system calls (ipc.c, notification.c, syscall.c) ---- */

/* ep_send + ipc_send; block: Send/Call, !block: NBSend */
inline sys_send(t, e, block, call) {
	if
	:: !ep[e].alive -> th[t].x0 = 2	/* the cap is gone: ERR_INVALID_CAPABILITY */
	:: ep[e].alive && !(CAP(t, e) & WR) -> th[t].x0 = NO_RIGHTS
	:: ep[e].alive && (CAP(t, e) & WR) ->
		th[t].is_call = call;
		th[t].grant_reply = ((CAP(t, e) & (GR | GRR)) != 0);
		if
		:: ep[e].state == EP_RECV ->
			kr = ep[e].q[0];
			if
			:: th[kr].on != e -> misdelivered = true
			:: else -> skip
			fi;
			ep_remove(e, kr);
			transfer(t, kr, e);
			make_runnable(kr);
			kg = th[t].grant_reply;
			sender_after(t, kr, call)
		:: else ->
			if
			:: !block -> kres = WOULD_BLOCK
			:: else ->
				ep_append(e, t);
				ep[e].state = EP_SEND;
				sched_block(t, BSEND, e);
				kres = OK
			fi
		fi;
		/* syscall_handle: a blocked thread gets x0 when woken */
		if
		:: kres != OK || th[t].st == RUNNABLE -> th[t].x0 = kres
		:: else -> skip
		fi
	fi
}

/* ipc_recv (Recv, NBRecv, the Recv half of ReplyRecv) */
inline sys_recv(t, e, r, block) {
	if
	:: !ep[e].alive -> th[t].x0 = 2
	:: ep[e].alive && r != NONE && !rp[r].alive -> th[t].x0 = 2	/* reply cap gone (sys_recv reply_slot) */
	:: ep[e].alive && (r == NONE || rp[r].alive) && !(CAP(t, e) & RD) -> th[t].x0 = NO_RIGHTS
	:: ep[e].alive && (r == NONE || rp[r].alive) && (CAP(t, e) & RD) ->
		th[t].ipc_reply = r;
		deliver_bound(t);
		if
		:: kres == 1 -> kres = OK
		:: kres == 0 && ep[e].state == EP_SEND ->
			kt = ep[e].q[0];
			ep_remove(e, kt);
			kcall = th[kt].is_call;
			transfer(kt, t, e);
			kg = th[kt].grant_reply;
			sender_after(kt, t, kcall);
			if
			:: kres != OK -> set_error(kt, CANCELLED); make_runnable(kt)
			:: kres == OK && !kcall -> th[kt].x0 = OK; make_runnable(kt)
			:: else -> skip
			fi;
			kres = OK
		:: kres == 0 && ep[e].state != EP_SEND && !block -> kres = WOULD_BLOCK
		:: kres == 0 && ep[e].state != EP_SEND && block ->
			if
			:: r != NONE ->
				kj = rp[r].receiver;
				if
				:: kj != NONE && kj != t && th[kj].ipc_reply == r -> th[kj].ipc_reply = NONE
				:: else -> skip
				fi;
				rp[r].receiver = t;
				kj = 0
			:: else -> skip
			fi;
			ep_append(e, t);
			ep[e].state = EP_RECV;
			sched_block(t, BRECV, e);
			kres = OK
		fi;
		if
		:: kres != OK || th[t].st == RUNNABLE -> th[t].x0 = kres
		:: else -> skip
		fi
	fi
}

/* ipc_reply: result in kres */
inline do_reply(t, r) {
	if
	:: !rp[r].alive -> kres = 2
	:: rp[r].alive && rp[r].caller == NONE -> kres = ILLEGAL
	:: rp[r].alive && rp[r].caller != NONE ->
		kj = rp[r].caller;
		if
		:: !(th[kj].st == BREPLY && th[kj].on == r && rbound[kj] == 1) -> reply_violation = true
		:: else -> skip
		fi;
		rbound[kj] = 0;
		rp[r].caller = NONE;
		th[kj].reply_to_me = NONE;
		transfer(t, kj, NONE);
		make_runnable(kj);
		kj = 0;
		kres = OK
	fi
}

inline sys_reply(t, r) {
	do_reply(t, r);
	th[t].x0 = kres
}

/* sys_reply_recv: reply if a caller waits, then a blocking Recv */
inline sys_reply_recv(t, e, r) {
	if
	:: !rp[r].alive -> th[t].x0 = 2
	:: rp[r].alive ->
		if
		:: rp[r].caller != NONE -> do_reply(t, r)
		:: else -> skip
		fi;
		sys_recv(t, e, r, true)
	fi
}

/* sys_signal_wait: Signal (WRITE), Wait/Poll (READ, bound to t or unbound) */
inline sys_signal(t) {
	notification_signal(1 << t);
	th[t].x0 = OK
}

inline sys_wait(t, block) {
	if
	:: nt.bound != NONE && nt.bound != t -> th[t].x0 = ILLEGAL
	:: else ->
		if
		:: nt.act || !block ->
			kw = nt.word;
		ntfn_deliver(t);
			nt.word = 0;
			nt.act = false
		:: else ->
			nt.q[nt.cnt] = t;
			nt.cnt++;
			sched_block(t, BNTFN, 0)
		fi
	fi
}

/* ---- destruction (ipc.c endpoint_finalise, reply_finalise) ---- */

inline endpoint_finalise(e) {
	do
	:: ep[e].cnt > 0 ->
		kt = ep[e].q[0];
		if
		:: th[kt].st == BRECV -> forget_receiver(kt)
		:: else -> skip
		fi;
		ep_remove(e, kt);
		set_error(kt, CANCELLED);
		make_runnable(kt)
	:: else -> break
	od;
	ep[e].alive = false
}

inline reply_finalise(r) {
	if
	:: rp[r].caller != NONE ->
		kj = rp[r].caller;
		rp[r].caller = NONE;
		th[kj].reply_to_me = NONE;
		rbound[kj] = 0;
		set_error(kj, CANCELLED);
		make_runnable(kj);
		kj = 0
	:: else -> skip
	fi;
	if
	:: rp[r].receiver != NONE && th[rp[r].receiver].ipc_reply == r -> th[rp[r].receiver].ipc_reply = NONE
	:: else -> skip
	fi;
	rp[r].receiver = NONE;
	rp[r].alive = false
}

/* ---- the "no lost wake-up" invariant, evaluated after every kernel step ---- */

/* in_ep(t, e): kres = 1 if t is queued on e */
inline in_ep(t, e) {
	kres = 0; ki = 0;
	do
	:: ki < ep[e].cnt -> if :: ep[e].q[ki] == t -> kres = 1 :: else -> skip fi; ki++
	:: else -> break
	od;
	ki = 0
}

inline in_ntfn(t) {
	kres = 0; ki = 0;
	do
	:: ki < nt.cnt -> if :: nt.q[ki] == t -> kres = 1 :: else -> skip fi; ki++
	:: else -> break
	od;
	ki = 0
}

/*
 * Every blocked thread is where its waker looks for it, and is not waiting
 * for something that has already happened: a sender is queued on a live
 * endpoint in SEND state, a receiver on a live endpoint in RECV state with
 * no active bound notification, a notification waiter in the queue of a
 * notification that is not active, a caller in its live reply object.
 */
inline check_wakeups() {
	kt = 0;
	do
	:: kt < NT ->
		if
		:: th[kt].st == BSEND ->
			ke = th[kt].on;
			in_ep(kt, ke);
			if :: !(kres && ep[ke].alive && ep[ke].state == EP_SEND) -> lost = true :: else -> skip fi
		:: th[kt].st == BRECV ->
			ke = th[kt].on;
			in_ep(kt, ke);
			if :: !(kres && ep[ke].alive && ep[ke].state == EP_RECV &&
			       !(nt.bound == kt && nt.act)) -> lost = true :: else -> skip fi
		:: th[kt].st == BNTFN ->
			in_ntfn(kt);
			if :: !(kres && !nt.act) -> lost = true :: else -> skip fi
		:: th[kt].st == BREPLY ->
			if :: !(th[kt].on < NR && rp[th[kt].on].alive && rp[th[kt].on].caller == kt) -> lost = true :: else -> skip fi
		:: else -> skip
		fi;
		kt++
	:: else -> break
	od;
	kt = 0; kres = 0; ke = 0
}

inline kernel_exit() {
	check_wakeups();
	kt = 0; kr = 0; kres = 0; ki = 0; kj = 0; kcall = false
}

/* ---- operations and threads ---- */

#define OP_SEND 1
#define OP_NBSEND 2
#define OP_CALL 3
#define OP_RECV 4
#define OP_NBRECV 5
#define OP_REPLY 6
#define OP_REPLYRECV 7
#define OP_SIGNAL 8
#define OP_WAIT 9
#define OP_POLL 10
#define OP_DEL_EP 11
#define OP_DEL_REPLY 12

inline syscall(t, op, e, r) {
	d_step {
		if
		:: op == OP_SEND -> sys_send(t, e, true, false)
		:: op == OP_NBSEND -> sys_send(t, e, false, false)
		:: op == OP_CALL -> sys_send(t, e, true, true)
		:: op == OP_RECV -> sys_recv(t, e, r, true)
		:: op == OP_NBRECV -> sys_recv(t, e, r, false)
		:: op == OP_REPLY -> sys_reply(t, r)
		:: op == OP_REPLYRECV -> sys_reply_recv(t, e, r)
		:: op == OP_SIGNAL -> sys_signal(t)
		:: op == OP_WAIT -> sys_wait(t, true)
		:: op == OP_POLL -> sys_wait(t, false)
		:: op == OP_DEL_EP -> if :: ep[e].alive -> endpoint_finalise(e) :: else -> skip fi; th[t].x0 = OK
		:: op == OP_DEL_REPLY -> if :: rp[r].alive -> reply_finalise(r) :: else -> skip fi; th[t].x0 = OK
		fi;
		kernel_exit()
	}
}

#ifndef CLOSED
/*
 * Capability sets (rights per endpoint in init below):
 *  T0: client of E0 (WRITE|GRANT_REPLY), E1 (READ|WRITE), reply R0,
 *      notification N bound to it (READ).
 *  T1: server of E0 (READ only), E1 (READ|WRITE), reply R1, Signal N.
 *  T2: E0 (WRITE, no GRANT_REPLY: its Calls get ERR_CANCELLED), E1 (WRITE),
 *      a copy of R1 (it may reply too), Signal N; it may delete E1 and R1.
 */
proctype thread0() {
	byte n = 0, op, e, r;
	do
	:: atomic {
		th[0].st == RUNNABLE && n < K ->
		if
		:: op = OP_CALL; e = 0
		:: op = OP_SEND; e = 1
		:: op = OP_NBSEND; e = 1
		:: op = OP_RECV; e = 1; r = 0
		:: op = OP_NBRECV; e = 1; r = 0
		:: op = OP_REPLY; r = 0
		:: op = OP_WAIT
		:: op = OP_POLL
		fi;
		syscall(0, op, e, r);
		n++; op = 0; e = 0; r = 0
	}
	:: atomic { th[0].st == RUNNABLE && n >= K -> done[0] = true; break }
	od
}

proctype thread1() {
	byte n = 0, op, e, r;
	do
	:: atomic {
		th[1].st == RUNNABLE && n < K ->
		if
		:: op = OP_RECV; e = 0; r = 1
		:: op = OP_REPLYRECV; e = 0; r = 1
		:: op = OP_REPLY; r = 1
		:: op = OP_SEND; e = 0	/* no WRITE: ERR_NO_RIGHTS */
		:: op = OP_SEND; e = 1
		:: op = OP_RECV; e = 1; r = 1
		:: op = OP_SIGNAL
		fi;
		syscall(1, op, e, r);
		n++; op = 0; e = 0; r = 0
	}
	:: atomic { th[1].st == RUNNABLE && n >= K -> done[1] = true; break }
	od
}

proctype thread2() {
	byte n = 0, op, e, r;
	do
	:: atomic {
		th[2].st == RUNNABLE && n < K ->
		if
		:: op = OP_CALL; e = 0
		:: op = OP_SEND; e = 0
		:: op = OP_SEND; e = 1
		:: op = OP_SIGNAL
		:: op = OP_REPLY; r = 1
		:: op = OP_DEL_EP; e = 1
		:: op = OP_DEL_REPLY; r = 1
		fi;
		syscall(2, op, e, r);
		n++; op = 0; e = 0; r = 0
	}
	:: atomic { th[2].st == RUNNABLE && n >= K -> done[2] = true; break }
	od
}
#else
/*
 * Closed scenario: every blocking operation has a partner, so every thread
 * must finish in every interleaving (weak fairness). A lost wake-up leaves
 * one blocked forever.
 *  T0: Call E0; Wait N
 *  T1: Recv E0 (R1); Reply R1; Recv E1
 *  T2: Signal N; Send E1
 */
#define STEP(t, op, e, r) atomic { th[t].st == RUNNABLE -> syscall(t, op, e, r) }
proctype thread0() {
	STEP(0, OP_CALL, 0, NONE);
	STEP(0, OP_WAIT, 0, NONE);
	atomic { th[0].st == RUNNABLE -> done[0] = true }
}

proctype thread1() {
	STEP(1, OP_RECV, 0, 1);
	STEP(1, OP_REPLY, 0, 1);
	STEP(1, OP_RECV, 1, NONE);
	atomic { th[1].st == RUNNABLE -> done[1] = true }
}

proctype thread2() {
	STEP(2, OP_SIGNAL, 0, NONE);
	STEP(2, OP_SEND, 1, NONE);
	atomic { th[2].st == RUNNABLE -> done[2] = true }
}
#endif

init {
	atomic {
		kt = 0;
		do
		:: kt < NT ->
			th[kt].st = RUNNABLE;
			th[kt].ipc_reply = NONE;
			th[kt].reply_to_me = NONE;
			th[kt].got_from = NONE;
			th[kt].got_ep = NONE;
			kt++
		:: else -> break
		od;
		kt = 0;
		ep[0].alive = true;
		ep[1].alive = true;
		rp[0].alive = true; rp[0].caller = NONE; rp[0].receiver = NONE;
		rp[1].alive = true; rp[1].caller = NONE; rp[1].receiver = NONE;
		nt.bound = 0;
		CAP(0, 0) = WR | GRR; CAP(0, 1) = RD | WR;
		CAP(1, 0) = RD;       CAP(1, 1) = RD | WR;
		CAP(2, 0) = WR;       CAP(2, 1) = WR;
		run thread0();
		run thread1();
		run thread2()
	}
}

/* ---- properties (tests/formal/spin/README.md) ---- */

#define blocked_on_ep(t, e) ((th[t].st == BSEND || th[t].st == BRECV) && th[t].on == e)

ltl no_lost_wakeup { [] !lost }
ltl msg_to_holder { [] !misdelivered }
ltl reply_once { [] !reply_violation }
ltl ep_delete_releases { [] (ep[1].alive || !(blocked_on_ep(0, 1) || blocked_on_ep(1, 1) || blocked_on_ep(2, 1))) }
ltl no_lost_bit { [] (!bits_wrong && ghost_bits == nt.word) }
ltl all_finish { <> (done[0] && done[1] && done[2]) }
