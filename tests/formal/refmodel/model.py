# SPDX-License-Identifier: BSD-2-Clause
"""Executable reference model of Tessera's capability and IPC semantics.

Written from docs/spec/abi-v1.md (ABI v1); every rule cites its section.
It models what the differential test (difftest.py) exercises: the root
task's CNode slots of a pool, untyped retype (4.1), CNode Copy/Mint/Move/
Mutate/Delete/Revoke/Inspect (4.3-4.9), the derivation tree (2.5),
destruction (2.6), endpoints with helper threads (5.1-5.6), reply objects
(5.4), notifications (6.1-6.3). Scheduling (8.3) is modelled only as far
as the test needs: the helpers run at a higher priority than the root
task, so every helper made runnable runs to its next block before the
root task's next operation, in the order it was made runnable (FIFO run
queue of one priority).
"""

ERR_OK, ERR_INVALID_ARGUMENT, ERR_INVALID_CAPABILITY, ERR_ILLEGAL_OPERATION = 0, 1, 2, 3
ERR_RANGE, ERR_ALIGNMENT, ERR_FAILED_LOOKUP, ERR_TRUNCATED_MESSAGE = 4, 5, 6, 7
ERR_DELETE_FIRST, ERR_REVOKE_FIRST, ERR_NOT_ENOUGH_MEMORY, ERR_NO_RIGHTS = 8, 9, 10, 11
ERR_CANCELLED, ERR_WOULD_BLOCK = 12, 13

UNTYPED, TCB, ENDPOINT, NOTIFICATION, REPLY, CNODE = 0, 1, 2, 3, 4, 5
FRAME_4K = 8
READ, WRITE, GRANT, GRANT_REPLY = 1, 2, 4, 8
RIGHTS_ALL = 0xF
INIT_CNODE_SLOTS = 1 << 14  # INIT_CNODE_BITS (spec 9.3); pool offsets this large are outside

# 2.1 object sizes (log2 bytes); CNode and untyped depend on size_bits.
VCPU = 10
FIXED_BITS = {ENDPOINT: 5, NOTIFICATION: 6, REPLY: 5, FRAME_4K: 12, TCB: 11, VCPU: 12}

# Operation codes shared with the root task (tests/formal/refmodel/difftest.c).
OPS = ["retype", "copy", "mint", "move", "mutate", "delete", "revoke", "inspect",
       "describe", "signal", "poll", "nbsend", "send", "call", "nbrecv", "reply", "kick"]
OP = {n: i for i, n in enumerate(OPS)}

REPLY_LABEL = 0x55  # what a helper replies with: label REPLY_LABEL, MR0 = received MR0 + 1


def u_bits(cap):
    return cap.obj.bits


class Obj:
    """A kernel object. addr/bits locate it (2.1, relative to the pool untyped)."""
    _next = 0

    def __init__(self, otype, addr, bits, outside=False):
        self.type, self.addr, self.bits, self.outside = otype, addr, bits, outside
        Obj._next += 1
        self.id = Obj._next
        self.queue = []          # endpoint (5.1) / notification waiters (6.1): helpers
        self.word, self.active = 0, False  # notification (6.1)
        self.watermark = 0       # untyped (4.1)
        self.caller = None       # reply object (5.4)
        self.receiver = None


class Cap:
    def __init__(self, obj, rights=RIGHTS_ALL, badge=0, revocable=False, first_badged=False):
        self.obj, self.rights, self.badge = obj, rights, badge
        self.revocable, self.first_badged = revocable, first_badged

    def clone(self):
        return Cap(self.obj, self.rights, self.badge, self.revocable, self.first_badged)


class Helper:
    """A helper thread: loops Recv(slot, its reply object) -> Reply(MR0 + 1);
    on an error it parks (waits on its private notification, 'kick')."""

    def __init__(self, idx, slot, reply):
        self.idx, self.slot, self.reply = idx, slot, reply
        self.state = "new"       # "recv" (blocked on an ep), "ntfn" (blocked on a ntfn), "parked"
        self.on = None


class Model:
    def __init__(self, pool, ut_bits, nhelpers):
        self.pool = pool
        # The derivation tree (2.5) as one list in depth-first order; entries
        # are slot numbers, or None for caps outside the pool (never related
        # to a pool cap, so they only separate neighbours).
        self.slots = {}
        self.mdb = [None]
        self.events = []
        self.root_reply = None   # the reply object the root task is bound to
        ut = Obj(UNTYPED, 0, ut_bits)
        self._put(0, Cap(ut, revocable=True))
        # Setup objects come from init's big RAM untyped (outside the pool):
        # each one is an original cap separated from the others.
        for s, t in ((1, ENDPOINT), (2, ENDPOINT), (3, NOTIFICATION)):
            self._put(s, Cap(Obj(t, None, FIXED_BITS[t], outside=True), revocable=True))
        self.helpers = []
        for h in range(nhelpers):
            r = Obj(REPLY, None, 5, outside=True)
            self.helpers.append(Helper(h, 1 + h, r))
        self.run_helpers(list(self.helpers))

    # --- derivation tree (2.5) -------------------------------------------
    def _put(self, slot, cap, after=None):
        self.slots[slot] = cap
        if after is None:
            self.mdb += [slot, None]
        else:
            self.mdb.insert(self.mdb.index(after) + 1, slot)

    def cap(self, slot):
        return self.slots.get(slot)

    def _cap_at(self, i):
        return self.slots[self.mdb[i]] if 0 <= i < len(self.mdb) and self.mdb[i] is not None else None

    @staticmethod
    def same_object(a, b):
        return a is not None and b is not None and a.obj is b.obj

    @staticmethod
    def is_parent(p, c):
        """2.5.2: p is the parent of c (c follows p)."""
        if c is None or not p.revocable:
            return False
        if p.obj.type == UNTYPED:
            o = c.obj
            if o.outside or o.addr is None:
                return False
            if o.type == UNTYPED and o.addr == p.obj.addr and o.bits == p.obj.bits:
                return False
            return p.obj.addr <= o.addr and o.addr + (1 << o.bits) <= p.obj.addr + (1 << p.obj.bits)
        if not Model.same_object(p, c):
            return False
        if p.obj.type in (ENDPOINT, NOTIFICATION) and p.badge != 0:
            return c.badge == p.badge and not c.first_badged
        return True

    def has_children(self, slot):
        i = self.mdb.index(slot)
        return self.is_parent(self.slots[slot], self._cap_at(i + 1))

    def is_final(self, slot):
        i = self.mdb.index(slot)
        c = self.slots[slot]
        return not (self.same_object(self._cap_at(i - 1), c) or self.same_object(self._cap_at(i + 1), c))

    def delete(self, slot):
        """2.6 Delete: empty the slot; destroy the object if the cap was final."""
        if slot not in self.slots:
            return
        final = self.is_final(slot)
        cap = self.slots.pop(slot)
        self.mdb.remove(slot)
        if final:
            self.destroy(cap.obj)

    def revoke(self, slot):
        """2.6 Revoke: delete the following caps while they are children."""
        while slot in self.slots and self.has_children(slot):
            self.delete(self.mdb[self.mdb.index(slot) + 1])

    def destroy(self, obj):
        """2.6 destruction table / 5.6 cancellation."""
        woken = []
        if obj.type in (ENDPOINT, NOTIFICATION):
            woken, obj.queue = obj.queue, []
        elif obj.type == REPLY and obj.caller is not None:
            obj.caller = None  # only the root task calls; it never blocks here at a destroy
        for h in woken:
            self.events.append("h%d recv %d" % (h.idx, ERR_CANCELLED))
            h.state, h.on = "parked", None

    # --- helpers (scheduling, 8.3) ------------------------------------------
    def run_helpers(self, runnable):
        """Run helpers made runnable, FIFO, each to its next block."""
        while runnable:
            h = runnable.pop(0)
            self.helper_loop(h, runnable)

    def helper_loop(self, h, runnable):
        # The helper is at the top of its loop: Recv(slot, reply) (3.6).
        cap = self.cap(h.slot)
        if cap is not None and cap.obj.type == NOTIFICATION:
            err = self.wait_check(cap)   # 3.6: behaves as Wait (3.11)
            if err != ERR_OK:
                return self.park(h, err)
            n = cap.obj
            if n.active:
                word = self.take_word(n)
                return self.helper_got(h, "%d %d 0 0" % (ERR_OK, word), runnable)
            h.state, h.on = "ntfn", n
            n.queue.append(h)
            return None
        if cap is None or cap.obj.type != ENDPOINT:
            return self.park(h, ERR_INVALID_CAPABILITY)
        if not cap.rights & READ:
            return self.park(h, ERR_NO_RIGHTS)
        # 5.4: naming the reply object records the helper as its receiver.
        h.reply.receiver = h
        h.state, h.on = "recv", cap.obj
        cap.obj.queue.append(h)   # no sender is ever queued (the root never blocks in Send)
        return None

    def park(self, h, err):
        self.events.append("h%d recv %d" % (h.idx, err))
        h.state, h.on = "parked", None

    def helper_got(self, h, what, runnable):
        """A helper received (endpoint message or notification word): it
        records it and replies through its reply object (3.8)."""
        self.events.append("h%d recv %s" % (h.idx, what))
        r = h.reply
        if r.caller is None:
            self.events.append("h%d reply %d" % (h.idx, ERR_ILLEGAL_OPERATION))
        else:
            r.caller = None
            self.root_reply = None
            self.root_result = self._reply_msg
            self.events.append("h%d reply %d" % (h.idx, ERR_OK))
        self.helper_loop(h, runnable)

    # --- notifications (6) --------------------------------------------------------
    @staticmethod
    def wait_check(cap):
        if cap.obj.type != NOTIFICATION:
            return ERR_INVALID_CAPABILITY
        if not cap.rights & READ:
            return ERR_NO_RIGHTS
        return ERR_OK

    @staticmethod
    def take_word(n):
        w, n.word, n.active = n.word, 0, False
        return w

    def signal(self, n, badge, runnable):
        """6.2 Signal."""
        if n.queue:
            h = n.queue.pop(0)
            w = n.word | badge
            n.word, n.active = 0, False
            h.state, h.on = "run", None
            runnable.append((h, "%d %d 0 0" % (ERR_OK, w)))
        else:
            n.word |= badge
            n.active = True

    # --- the root task's operations --------------------------------------------------
    def would_block(self, op, a):
        """Whether the root task's operation would block (the generator then
        uses the non-blocking form): Send/Call on an endpoint with no receiver."""
        c = self.cap(a)
        if op in ("send", "call"):
            return c is not None and c.obj.type == ENDPOINT and c.rights & WRITE and not c.obj.queue
        if op == "describe":
            return c is None or c.obj.type != UNTYPED
        if op == "retype":
            return c is not None and c.obj.type == ENDPOINT
        return False

    def step(self, op, a=0, b=0, c=0, x=0, y=0):
        """Executes one operation of the root task; returns its result line."""
        self.events = []
        self.pending = []
        res = getattr(self, "op_" + op)(a, b, c, x, y)
        for h, what in self.pending:
            self.helper_got(h, what, [])
        return " ".join(str(v) for v in res) + "".join(" | " + e for e in self.events)

    def op_retype(self, a, b, c, x, y):
        """4.1 Untyped_Retype: ut slot a, type b, size_bits c, dest slot x, count y."""
        ut = self.cap(a)
        if ut is None:
            return [ERR_INVALID_CAPABILITY]
        if ut.obj.type != UNTYPED:
            # 3.5: a Call on the cap is an invocation of that type (or IPC).
            return [self.other_invocation(ut, 1)]
        if b in (11, 12):  # 4.1 error 2 (VCPU is retypable: fixed spec 2.1)
            return [ERR_ILLEGAL_OPERATION]
        if b >= 13:
            return [ERR_INVALID_ARGUMENT]
        if (b == UNTYPED and not 4 <= c <= 47) or (b == CNODE and not 1 <= c <= 20):
            return [ERR_RANGE]
        if b == UNTYPED and c >= u_bits(ut):
            return [ERR_RANGE]  # 4.1 error 2 (resolved OQ-1): a child untyped is smaller
        if not 1 <= y <= 256:
            return [ERR_RANGE]
        if x >= INIT_CNODE_SLOTS:
            return [ERR_RANGE]  # 4.1 error 7: beyond the root CNode (9.3: 2^14 slots)
        if any((x + i) in self.slots for i in range(y)):
            return [ERR_DELETE_FIRST]
        bits = c if b == UNTYPED else c + 6 if b == CNODE else FIXED_BITS[b]
        u = ut.obj
        w = u.watermark if self.has_children(a) else 0
        size = 1 << bits
        first = (u.addr + w + size - 1) & ~(size - 1)
        if first + y * size > u.addr + (1 << u.bits):
            return [ERR_NOT_ENOUGH_MEMORY]
        for i in range(y):
            o = Obj(b, first + i * size, bits)
            self._put(x + i, Cap(o, revocable=True), after=a)
        u.watermark = first + y * size - u.addr
        return [ERR_OK]

    def other_invocation(self, cap, label):
        """3.5 Call on a cap that is not the one the operation expects."""
        t = cap.obj.type
        if t in (NOTIFICATION, REPLY):
            return ERR_ILLEGAL_OPERATION
        if t == UNTYPED:
            return ERR_TRUNCATED_MESSAGE if label in (1,) else ERR_OK if label == 2 else ERR_ILLEGAL_OPERATION
        if t == CNODE:
            return ERR_TRUNCATED_MESSAGE if 10 <= label <= 16 else ERR_ILLEGAL_OPERATION
        return ERR_ILLEGAL_OPERATION

    def _two(self, a, b):
        """4.3 errors 1-5 (dest a, src b, both in the pool: lookups succeed)."""
        if a in self.slots:
            return ERR_DELETE_FIRST
        if b not in self.slots:
            return ERR_INVALID_CAPABILITY
        return ERR_OK

    def _mint_badge(self, src, badge):
        """4.4: returns (err, badge, first_badged) of the new cap."""
        t = src.obj.type
        if t in (ENDPOINT, NOTIFICATION):
            if badge == 0:
                return ERR_OK, src.badge, False
            if src.badge == 0:
                return ERR_OK, badge, True
            if badge != src.badge:
                return ERR_ILLEGAL_OPERATION, 0, False  # 2.5.3: a badge is set once
            return ERR_OK, src.badge, False
        if t == CNODE:
            gs, g = badge & 63, badge >> 6
            radix = src.obj.bits - 6
            if radix + gs > 64 or (gs < 58 and g >= (1 << gs)):
                return ERR_RANGE, 0, False
        return ERR_OK, src.badge, False

    def op_copy(self, a, b, c, x, y, mint=False):
        err = self._two(a, b)
        if err:
            return [err]
        src = self.slots[b]
        if src.obj.type == UNTYPED:
            return [ERR_ILLEGAL_OPERATION]  # 4.3 error 6
        new = Cap(src.obj, src.rights & x, src.badge)
        if mint:
            err, badge, first = self._mint_badge(src, y)
            if err:
                return [err]
            new.badge = badge
            if first:
                new.revocable = new.first_badged = True  # 2.5.1
        self._put(a, new, after=b)
        return [ERR_OK]

    def op_mint(self, a, b, c, x, y):
        return self.op_copy(a, b, c, x, y, mint=True)

    def op_move(self, a, b, c, x, y, mutate=False):
        err = self._two(a, b)
        if err:
            return [err]
        src = self.slots[b]
        new = src.clone()
        if mutate:
            if src.obj.type == UNTYPED:
                return [ERR_ILLEGAL_OPERATION]  # 4.6
            err, badge, _ = self._mint_badge(src, y)
            if err:
                return [err]
            new.rights, new.badge = src.rights & x, badge  # flags kept (OQ-16)
        self.slots[a] = new
        del self.slots[b]
        self.mdb[self.mdb.index(b)] = a
        return [ERR_OK]

    def op_mutate(self, a, b, c, x, y):
        return self.op_move(a, b, c, x, y, mutate=True)

    def op_delete(self, a, b, c, x, y):
        self.delete(a)  # 4.7: an empty slot is fine
        return [ERR_OK]

    def op_revoke(self, a, b, c, x, y):
        self.revoke(a)  # 4.8
        return [ERR_OK]

    def op_inspect(self, a, b, c, x, y):
        cap = self.cap(a)  # 4.9
        if cap is None:
            return [ERR_OK, 0, 0, 0]
        badge = cap.badge if cap.obj.type in (ENDPOINT, NOTIFICATION) else 0
        return [ERR_OK, cap.obj.type + 1, cap.rights, badge]

    def op_describe(self, a, b, c, x, y):
        u = self.slots[a].obj  # 4.2 (generated only for untyped caps)
        free = (1 << u.bits) - u.watermark if self.has_children(a) else 1 << u.bits
        return [ERR_OK, free, u.bits]

    def op_signal(self, a, b, c, x, y):
        cap = self.cap(a)  # 3.10
        if cap is None or cap.obj.type != NOTIFICATION:
            return [ERR_INVALID_CAPABILITY]
        if not cap.rights & WRITE:
            return [ERR_NO_RIGHTS]
        self.signal(cap.obj, cap.badge, self.pending)
        return [ERR_OK]

    def op_poll(self, a, b, c, x, y):
        cap = self.cap(a)  # 3.12
        if cap is None:
            return [ERR_INVALID_CAPABILITY, 0]
        err = self.wait_check(cap)
        if err:
            return [err, 0]
        return [ERR_OK, self.take_word(cap.obj)]

    def _send(self, a, label, mr0, call, nb):
        """3.3-3.5 from the root task; returns the result list."""
        cap = self.cap(a)
        if cap is None:
            return [ERR_INVALID_CAPABILITY]
        t = cap.obj.type
        if t == NOTIFICATION:
            if call:
                return [ERR_ILLEGAL_OPERATION]
            if not cap.rights & WRITE:
                return [ERR_NO_RIGHTS]
            self.signal(cap.obj, cap.badge, self.pending)
            return [ERR_OK]
        if t != ENDPOINT:
            return [self.other_invocation(cap, label) if call else ERR_INVALID_CAPABILITY]
        if not cap.rights & WRITE:
            return [ERR_NO_RIGHTS]
        ep = cap.obj
        if not ep.queue:
            return [ERR_WOULD_BLOCK]  # NBSend (3.4); Send/Call are not generated here
        h = ep.queue.pop(0)
        h.state, h.on = "run", None
        h.reply.receiver = None
        what = "%d %d %d 1 %d" % (ERR_OK, cap.badge, label, mr0)
        if call and cap.rights & (GRANT | GRANT_REPLY):
            # 5.5: the caller is bound to the receiver's reply object.
            h.reply.caller = "root"
            self.root_reply = h.reply
            self.root_result = None
            self._reply_msg = [ERR_OK, REPLY_LABEL, mr0 + 1, 0]
            self.helper_got(h, what, [])
            return self.root_result or [ERR_CANCELLED]
        self.pending.append((h, what))
        return [ERR_CANCELLED] if call else [ERR_OK]

    def op_nbsend(self, a, b, c, x, y):
        return self._send(a, x, y, False, True)

    def op_send(self, a, b, c, x, y):
        return self._send(a, x, y, False, False)

    def op_call(self, a, b, c, x, y):
        return self._send(a, x, y, True, False)

    def op_nbrecv(self, a, b, c, x, y):
        cap = self.cap(a)  # 3.7
        if cap is None:
            return [ERR_INVALID_CAPABILITY]
        if cap.obj.type == NOTIFICATION:
            err = self.wait_check(cap)
            return [err] if err else [ERR_OK, self.take_word(cap.obj), 0, 0]
        if cap.obj.type != ENDPOINT:
            return [ERR_INVALID_CAPABILITY]
        if not cap.rights & READ:
            return [ERR_NO_RIGHTS]
        return [ERR_WOULD_BLOCK]  # no sender is ever queued

    def op_reply(self, a, b, c, x, y):
        cap = self.cap(a)  # 3.8
        if cap is None or cap.obj.type != REPLY:
            return [ERR_INVALID_CAPABILITY]
        return [ERR_ILLEGAL_OPERATION]  # only the helpers' own reply objects get callers

    def op_kick(self, a, b, c, x, y):
        h = self.helpers[a]
        self.pending_kick = h
        h.state = "run"
        self.helper_loop(h, [])
        return [ERR_OK]
