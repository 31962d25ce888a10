/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Address spaces: a VSpace is the root of a stage-2 translation (40-bit
 * IPA) used both for unprivileged threads (EL0 runs with stage 1 off, so
 * its addresses are IPAs) and for guests. Each VSpace owns a VMID while it
 * exists. The arch implements these (arch/<arch>/s2pt.c).
 */
#ifndef KERNEL_VSPACE_H
#define KERNEL_VSPACE_H

#include <kernel/object.h>

#define VSPACE_VADDR_BITS 40

/* Frame cap aux: low byte MAP_* attributes, bits 16..31 VMID of the mapping. */
#define FRAME_AUX(attrs, vmid) ((uint32_t)(attrs) | ((uint32_t)(vmid) << 16))
#define FRAME_AUX_VMID(aux)    ((aux) >> 16)
#define FRAME_AUX_ATTRS(aux)   ((aux)&0xff)

unsigned vspace_vmids_free(void);
/* Takes a free VMID for a new VSpace at root (zeroed); returns it. */
uint64_t vspace_create(uint64_t root);
/* Releases the VMID and invalidates its TLB entries. */
void vspace_destroy(uint64_t root, uint64_t vmid);
/* Whether (root, vmid) still names a live VSpace. */
bool vspace_valid(uint64_t root, uint64_t vmid);
uint64_t vspace_vttbr(uint64_t root, uint64_t vmid);
/* vspace_vttbr if the VSpace is valid, else 0 (the context-switch path). */
uint64_t vspace_vttbr_checked(uint64_t root, uint64_t vmid);

/* Level (1: 1 GiB per entry, 2: 2 MiB, 3: 4 KiB) a new page table for vaddr
 * would be installed at, or 0 if every level for vaddr exists already. */
MUST_CHECK err_t s2pt_map_table(uint64_t root, uint64_t vaddr, uint64_t table, unsigned *level);
/* Contract (spec 4.22): the mapping never exceeds the frame cap it is made
 * for (ghost parameter `cap`, seen only by Frama-C): the cap's frame and
 * size, a non-empty subset of its rights (READ/WRITE only), a vaddr in the
 * VSpace aligned to the frame size, and device memory stays device and
 * never executable. Checked by WP at every call (tests/formal/README.md). */
/*@ requires \valid_read(cap) && cap->type == CAP_FRAME;
  @ requires pa == cap->obj && size_bits == cap->size_bits;
  @ requires size_bits == OBJ_FRAME_4K_BITS || size_bits == OBJ_FRAME_2M_BITS;
  @ requires vaddr < (1 << VSPACE_VADDR_BITS) && vaddr % (1 << size_bits) == 0;
  @ requires rights != 0 && rights_subset(rights, cap->rights);
  @ requires rights_subset(rights, RIGHT_READ | RIGHT_WRITE) && rights <= 3;
  @ requires (cap->flags & CAP_F_DEVICE) != 0 ==>
  @   (attrs & MAP_DEVICE) != 0 && (attrs & MAP_EXEC) == 0;
  @*/
MUST_CHECK err_t s2pt_map_frame(uint64_t root, uint64_t vmid, uint64_t vaddr, uint64_t pa,
				unsigned size_bits, unsigned rights, unsigned attrs)
    /*@ ghost (const struct cap *cap) */;
/* Removes the mapping of a frame or page table cap if it is still in place. */
void vspace_unmap_cap(const struct cap *cap);
/* Translates vaddr in a VSpace; returns false if unmapped. Used for IPC buffers. */
bool s2pt_lookup(uint64_t root, uint64_t vaddr, uint64_t *pa, unsigned *rights);

#endif
