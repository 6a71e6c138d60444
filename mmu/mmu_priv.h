/* mmu/ private: the region list behind the page table. */
#ifndef BLINK_MMU_PRIV_H_
#define BLINK_MMU_PRIV_H_

#include "mmu/mmu.h"

/* Records [like->start, like->end) as like says, replacing what was there. */
int mmu_regions_add(struct mmu *m, const struct mmu_region *like);
int mmu_regions_remove(struct mmu *m, u64 start, u64 end);
int mmu_regions_protect(struct mmu *m, u64 start, u64 end, u32 prot);
void mmu_regions_free(struct mmu *m);

#endif /* BLINK_MMU_PRIV_H_ */
