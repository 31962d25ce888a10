/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A small model of one reply object (spec 5.4): a caller binds itself to
 * it with Call, a server replies through it (twice: a buggy server, or two
 * holders of a copied reply cap). Spec: "Reply through R takes R.caller
 * (if none: ERR_ILLEGAL_OPERATION), clears it and delivers. A reply is
 * therefore used at most once."
 * Exercise 3: this model has a bug. Run the checker, replay the
 * counterexample (spin -t -p), find the statement that breaks reply_once
 * and fix it.
 */
#define NOBODY 255
#define OK 0
#define ILLEGAL 3
byte caller = NOBODY;	/* R.caller */
byte delivered[2];	/* replies each thread received per Call */
bool blocked[2];

inline sys_call(t) {
	atomic {
		caller = t;
		blocked[t] = true;
		delivered[t] = 0
	};
	(!blocked[t])
}

/* Reply through R; the status goes to err */
inline sys_reply(err) {
	atomic {
		if
		:: caller == NOBODY -> err = ILLEGAL
		:: else ->
			delivered[caller]++;
			blocked[caller] = false;
			err = OK
		fi
	}
}
