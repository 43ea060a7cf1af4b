/** The wards a registration may name (the portal's ward select). Public: a list of place names. */
import { asc } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { wards } from '@/db/schema/org';

export interface PortalWard {
  id: number;
  name: string;
  district: string;
}

export async function listPortalWards(db: DbOrTx): Promise<PortalWard[]> {
  return db
    .select({ id: wards.id, name: wards.name, district: wards.district })
    .from(wards)
    .orderBy(asc(wards.district), asc(wards.name));
}
