/* mmu/ private: the region list behind the page table. */
#ifndef BLINK_MMU_PRIV_H_
#define BLINK_MMU_PRIV_H_

#include "mmu/mmu.h"

/* Records [like->start, like->end) as like says, replacing what was there. */
int mmu_regions_add(struct mmu *m, const struct mmu_region *like);
int mmu_regions_remove(struct mmu *m, u64 start, u64 end);
int mmu_regions_protect(struct mmu *m, u64 start, u64 end, u32 prot);
void mmu_regions_free(struct mmu *m);
/* Grows the stack region just above addr down to addr's page, as an
 * access there would on Linux: 1 if it did. */
int mmu_grow_stack(struct mmu *m, u64 addr);
/* How many bytes from addr (up to n) the regions let the guest access with
 * prot; when fewer than n, the fault is recorded in m. */
u64 mmu_regions_span(struct mmu *m, u64 addr, u64 n, u32 prot);

/* The linear backend (linear.c), used when m->linear is set. */
void linear_destroy(struct mmu *m);
int linear_map(struct mmu *m, u64 addr, u64 len, int prot);
int linear_protect(struct mmu *m, u64 addr, u64 len, int prot);
int linear_unmap(struct mmu *m, u64 addr, u64 len);
int linear_map_file(struct mmu *m, u64 addr, u64 len, int prot, int fd, u64 off,
                    int shared);

void linear_watch(struct mmu *m, u64 addr, u64 len);
/* Before a write to [addr, addr+len): unmarks watched pages and calls
 * on_code_write for each; 1 if there was any that the guest may write. */
int linear_unwatch(struct mmu *m, u64 addr, u64 len);

#endif /* BLINK_MMU_PRIV_H_ */
