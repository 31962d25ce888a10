# SPDX-License-Identifier: BSD-2-Clause
# Exercise 4: Untyped_Describe (spec 4.2) in the reference model.
# This function replaces Model.op_describe of tests/formal/refmodel/model.py.
# self.slots[a] is the untyped's Cap; cap.obj has .bits (log2 size) and
# .watermark; self.has_children(a) tells whether the untyped has children
# (spec 2.5.2). Return the result words the root task prints:
# [status, MR0 bytes free, MR1 size_bits].


def op_describe(self, a, b, c, x, y):
    raise NotImplementedError("Untyped_Describe is not modelled yet")
