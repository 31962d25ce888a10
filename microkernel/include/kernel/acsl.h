/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ACSL logic for the Frama-C WP proofs (tests/formal/README.md). Seen
 * only by Frama-C (object.h includes it under __FRAMAC__); the compiler
 * never reads it. The axioms here are the reviewed list in
 * docs/spec/axioms.md (W1-W5): nothing else is assumed.
 */
#ifndef KERNEL_ACSL_H
#define KERNEL_ACSL_H

/*@ axiomatic Tessera_cap_storage {
  @   // The slot array a CNode cap names (spec 2.2).
  @   logic struct cte *cnode_slots(struct cap *c) = (struct cte *)c->obj;
  @   logic integer cnode_count(struct cap *c) = 1 << c->size_bits;
  @
  @   // "c is a place in the kernel's cap storage" (a CNode slot's or a
  @   // TCB's cap): a property of the address only, so it reads no memory.
  @   predicate cap_slot(struct cap *c) reads \nothing;
  @
  @   // W1: a CNode cap in cap storage has radix 1..20 (spec 4.1), radix +
  @   // guard size <= 64 (spec 4.4), and names 2^radix valid slots, whose
  @   // caps are in cap storage too; a frame cap there is 4 KiB or 2 MiB.
  @   axiom W1_cnode_radix{L}: \forall struct cap *c;
  @     cap_slot(c) && c->type == CAP_CNODE ==> 1 <= c->size_bits <= 20;
  @   axiom W1_cnode_guard{L}: \forall struct cap *c;
  @     cap_slot(c) && c->type == CAP_CNODE ==> c->size_bits + c->aux <= 64;
  @   axiom W1_cnode_valid{L}: \forall struct cap *c, integer i;
  @     cap_slot(c) && c->type == CAP_CNODE && 0 <= i < cnode_count(c) ==>
  @       \valid(cnode_slots(c) + i);
  @   axiom W1_cnode_child{L}: \forall struct cap *c, integer i;
  @     cap_slot(c) && c->type == CAP_CNODE && 0 <= i < cnode_count(c) ==>
  @       cap_slot(&(cnode_slots(c) + i)->cap);
  @   axiom W1_frame_size{L}: \forall struct cap *c;
  @     cap_slot(c) && c->type == CAP_FRAME ==> c->size_bits == 12 || c->size_bits == 21;
  @
  @   // *s lies in the slot array of a CNode cap in cap storage (spec 2.4 step 4).
  @   predicate in_cnode(struct cte *s) =
  @     \exists struct cap *c, integer i; cap_slot(c) && c->type == CAP_CNODE &&
  @       0 <= i < cnode_count(c) && s == cnode_slots(c) + i;
  @ }
  @
  @ // W2-W5: arithmetic facts the provers (z3, cvc4 on integers) lack.
  @ axiomatic Tessera_bits {
  @   // W2: masking with 2^n - 1 keeps the low n bits.
  @   axiom W2_mask_low_bits: \forall integer v, n; 0 <= v < 18446744073709551616 &&
  @     0 <= n < 64 ==> (v & ((1 << n) - 1)) == v % (1 << n);
  @   // W3: and of non-negative numbers is at most either of them.
  @   axiom W3_land_bound: \forall integer a, b; 0 <= a && 0 <= b ==>
  @     0 <= (a & b) <= a && (a & b) <= b;
  @   // W4: and sets a bit iff both operands set it.
  @   axiom W4_land_bit: \forall integer a, b, i; 0 <= i ==>
  @     (((a & b) & (1 << i)) != 0 <==> ((a & (1 << i)) != 0 && (b & (1 << i)) != 0));
  @   // W5: 1 << n is positive.
  @   axiom W5_shift_pos: \forall integer n; 0 <= n <= 64 ==> (1 << n) > 0;
  @ }
  @
  @ // Rights set x is a subset of y, right by right (spec 2.3: READ, WRITE,
  @ // GRANT, GRANT_REPLY are bits 0-3).
  @ predicate rights_subset(integer x, integer y) =
  @   \forall integer i; 0 <= i < 4 ==> ((x & (1 << i)) != 0 ==> (y & (1 << i)) != 0);
  @*/

#endif
