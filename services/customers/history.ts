import type { DbOrTx } from '@/db/client';
import { customerHistory } from '@/db/schema/customers';
import type { Actor } from '@/services/auth/actor';

type HistoryKind =
  'created' | 'name' | 'service_type' | 'details' | 'book' | 'sequence' | 'contract' | 'meter' | 'attachment';

export interface HistoryEntryInput {
  customerId: number;
  kind: HistoryKind;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  note?: string | null;
}

/** Appends history rows (never updates them): who, when, before, after. */
export async function recordHistory(db: DbOrTx, actor: Actor, entries: HistoryEntryInput[]): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(customerHistory).values(
    entries.map((e) => ({
      customerId: e.customerId,
      userId: actor.userId,
      kind: e.kind,
      before: e.before ?? null,
      after: e.after ?? null,
      note: e.note ?? null,
    })),
  );
}

/** The fields whose change gets a history row, grouped so the timeline reads per subject. */
const TRACKED: Record<string, HistoryKind> = {
  name: 'name',
  serviceTypeId: 'service_type',
};

/** Diffs two customer snapshots into history entries: name, service type, and one entry for other details. */
export function diffCustomer(
  customerId: number,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): HistoryEntryInput[] {
  const groups = new Map<HistoryKind, { before: Record<string, unknown>; after: Record<string, unknown> }>();
  for (const key of Object.keys(after)) {
    const a = after[key];
    const b = before[key];
    if (JSON.stringify(a ?? null) === JSON.stringify(b ?? null)) continue;
    const kind = TRACKED[key] ?? (key === 'sequenceNo' ? 'sequence' : 'details');
    const g = groups.get(kind) ?? { before: {}, after: {} };
    g.before[key] = b ?? null;
    g.after[key] = a ?? null;
    groups.set(kind, g);
  }
  return [...groups].map(([kind, g]) => ({ customerId, kind, before: g.before, after: g.after }));
}
