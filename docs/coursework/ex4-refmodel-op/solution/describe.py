# SPDX-License-Identifier: BSD-2-Clause
# Exercise 4, reference solution: Untyped_Describe (spec 4.2).


def op_describe(self, a, b, c, x, y):
    u = self.slots[a].obj
    # 4.2: size - watermark if the untyped has children, else the size
    free = (1 << u.bits) - u.watermark if self.has_children(a) else 1 << u.bits
    return [M.ERR_OK, free, u.bits]
