/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A small model of one notification (spec 6.1-6.3): Signal and Wait.
 * Exercise 1: add Poll (spec 3.12) as `inline sys_poll(t, w)`.
 * `ghost` holds the bits signalled and not yet received; a receive that
 * returns anything else sets `wrong` (the property no_lost_bit).
 */
#define NOBODY 255
byte word;
bool act;
byte waiter = NOBODY;	/* at most one waiting thread in this model */
byte got[3];		/* what each thread received */
byte ghost;
bool wrong;

/* the receiving thread t gets w: it must be exactly the pending bits */
inline take(t, w) {
	if
	:: w != ghost -> wrong = true
	:: else -> skip
	fi;
	got[t] = got[t] | w;
	ghost = 0
}

inline sys_signal(b) {
	atomic {
		ghost = ghost | b;
		if
		:: waiter != NOBODY -> take(waiter, word | b); waiter = NOBODY; word = 0; act = false
		:: else -> word = word | b; act = true
		fi
	}
}

inline sys_wait(t) {
	atomic {
		if
		:: act -> take(t, word); word = 0; act = false
		:: else -> waiter = t
		fi
	};
	(waiter != t)	/* blocked until a Signal hands the word over */
}
