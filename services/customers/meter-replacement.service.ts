/**
 * Correcting a meter replacement's declared final index. The final index is also the outgoing meter's
 * reading of the period it was removed in (readings refuse any other value), so the meter history and
 * that reading change together, and the period's bills are flagged for recalculation.
 */
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { meters } from '@/db/schema/customers';
import type { Actor } from '@/services/auth/actor';
import { AppError, notFound } from '@/services/errors';
import { saveEntries } from '@/services/readings/reading-entry.service';
import { getCustomerForActor } from './customer.service';
import { recordHistory } from './history';

export interface CorrectMeterReplacementInput {
  customerId: number;
  /** The outgoing (replaced) meter. */
  meterId: number;
  finalIndex: number;
  reason: string;
}

export async function correctMeterReplacement(db: DbOrTx, actor: Actor, input: CorrectMeterReplacementInput) {
  await getCustomerForActor(db, actor, input.customerId, 'edit');
  const reason = input.reason.trim();
  if (!reason) throw new AppError('VALIDATION_FAILED', 'Phải nhập lý do sửa chỉ số cuối.', { field: 'reason' });
  return db.transaction(async (tx) => {
    const [meter] = await tx
      .select()
      .from(meters)
      .where(and(eq(meters.id, input.meterId), eq(meters.customerId, input.customerId)))
      .for('update');
    if (!meter) throw notFound('đồng hồ');
    if (meter.isActive || meter.removedOn === null || meter.finalIndex === null) {
      throw new AppError(
        'METER_NOT_REPLACED',
        `Đồng hồ ${meter.serial} chưa được thay nên chưa có chỉ số cuối để sửa.`,
        { field: 'meterId' },
      );
    }
    if (input.finalIndex < meter.initialIndex) {
      throw new AppError(
        'FINAL_INDEX_TOO_LOW',
        `Chỉ số cuối (${input.finalIndex}) nhỏ hơn chỉ số đầu của đồng hồ cũ (${meter.initialIndex}).`,
        {
          field: 'finalIndex',
        },
      );
    }
    if (input.finalIndex === meter.finalIndex) return meter;
    const [row] = await tx
      .update(meters)
      .set({ finalIndex: input.finalIndex })
      .where(eq(meters.id, meter.id))
      .returning();
    await recordHistory(tx, actor, [
      {
        customerId: input.customerId,
        kind: 'meter',
        before: { finalIndex: meter.finalIndex },
        after: { finalIndex: input.finalIndex },
        note: `Sửa chỉ số cuối khi thay đồng hồ: ${reason}`,
      },
    ]);
    // Rewritten through the one reading write path: period lock, book rights, anomalies and bill flags apply as for any reading.
    await saveEntries(
      tx,
      actor,
      meter.removedOn.slice(0, 7),
      [
        {
          customerId: input.customerId,
          meterId: meter.id,
          currentIndex: input.finalIndex,
          code: 'normal',
          note: `Sửa chỉ số cuối từ ${meter.finalIndex} thành ${input.finalIndex}: ${reason}`,
        },
      ],
      'manual',
    );
    return row!;
  });
}
