/**
 * Batches of readings sent by handheld devices. A device retries when the network drops, so a batch is
 * idempotent per (deviceId, submissionId): the first answer is stored with the readings, in the same
 * transaction, and every retry gets it back unchanged. Rows are checked one by one (a device cannot fix
 * a file and resend it), the valid ones are saved and the rejected ones come back with their reason;
 * a batch touching a book the user does not hold is refused whole.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf, pgArray } from '@/db/sql';
import { type Actor, canOnBook } from '@/services/auth/actor';
import { AppError } from '@/services/errors';
import { assertNotFuture, lockedBooks } from './period-lock.service';
import { loadReadingContext } from './reading-context';
import { anomalyLabels } from './reading-sheet';
import { prepareEntries, writeReadings } from './reading-writer';

export interface DeviceReadingInput {
  customerId: number;
  period: string;
  meterId?: number | null;
  meterSerial?: string | null;
  currentIndex: number | null;
  code?: string | null;
  note?: string | null;
}

export interface DeviceRowResult {
  /** Position in the batch. */
  index: number;
  customerId: number;
  period: string;
  accepted: boolean;
  readingId: number | null;
  consumption: number | null;
  anomalies: string[];
  anomalyLabels: string[];
  errorCode: string | null;
  message: string | null;
}

export interface DeviceSubmissionResult {
  deviceId: string;
  submissionId: string;
  accepted: number;
  rejected: number;
  rows: DeviceRowResult[];
  /** true when this is a retry answered from the stored result. */
  replayed: boolean;
}

const MAX_DEVICE_BATCH = 5000;

async function storedResult(
  db: DbOrTx,
  deviceId: string,
  submissionId: string,
): Promise<DeviceSubmissionResult | null> {
  const [row] = rowsOf<{ result: unknown }>(
    await db.execute(
      sql`select result from device_submissions where device_id = ${deviceId} and submission_id = ${submissionId}`,
    ),
  );
  if (!row) return null;
  const result = (typeof row.result === 'string' ? JSON.parse(row.result) : row.result) as DeviceSubmissionResult;
  return { ...result, replayed: true };
}

async function assertMayWriteFor(db: DbOrTx, actor: Actor, customerIds: readonly number[]): Promise<void> {
  const ids = [...new Set(customerIds)];
  if (ids.length === 0) return;
  const books = rowsOf<{ id: number; book_id: number }>(
    await db.execute(sql`select id, book_id from customers where id = any(${pgArray(ids)}::int4[])`),
  );
  for (const b of books) {
    if (
      !canOnBook(actor, Number(b.book_id), 'readings', 'add') ||
      !canOnBook(actor, Number(b.book_id), 'readings', 'edit')
    ) {
      throw new AppError(
        'BOOK_FORBIDDEN',
        'Bạn không có quyền ghi chỉ số trên sổ đọc của một số khách hàng trong lần gửi này.',
      );
    }
  }
}

export async function submitDeviceReadings(
  db: DbOrTx,
  actor: Actor,
  input: { deviceId: string; submissionId: string; readings: readonly DeviceReadingInput[] },
): Promise<DeviceSubmissionResult> {
  const deviceId = input.deviceId.trim();
  const submissionId = input.submissionId.trim();
  if (!deviceId || !submissionId || deviceId.length > 64 || submissionId.length > 64) {
    throw new AppError('VALIDATION_FAILED', 'Mã thiết bị và mã lần gửi phải có từ 1 đến 64 ký tự.');
  }
  if (input.readings.length > MAX_DEVICE_BATCH)
    throw new AppError('VALIDATION_FAILED', `Mỗi lần gửi tối đa ${MAX_DEVICE_BATCH} chỉ số.`);

  // A stored answer names its customers: it is replayed only to a user who may write readings for all of
  // them now (in their current books), whatever the retry itself carries.
  const replay = await storedResult(db, deviceId, submissionId);
  if (replay) {
    await assertMayWriteFor(
      db,
      actor,
      replay.rows.map((r) => r.customerId),
    );
    return replay;
  }

  // Authorization before anything is written: every customer must be in a book the user may write readings in.
  await assertMayWriteFor(
    db,
    actor,
    input.readings.map((r) => r.customerId),
  );

  return db.transaction(async (tx) => {
    // Claims the submission first: a concurrent retry waits on this row and then replays the stored answer.
    const claimed = rowsOf<{ device_id: string }>(
      await tx.execute(sql`
        insert into device_submissions (device_id, submission_id, user_id, result)
        values (${deviceId}, ${submissionId}, ${actor.userId}, '{}'::jsonb)
        on conflict do nothing returning device_id`),
    );
    if (claimed.length === 0) {
      const stored = (await storedResult(tx, deviceId, submissionId)) as DeviceSubmissionResult;
      await assertMayWriteFor(
        tx,
        actor,
        stored.rows.map((r) => r.customerId),
      );
      return stored;
    }

    const rows: DeviceRowResult[] = input.readings.map((r, index) => ({
      index,
      customerId: r.customerId,
      period: r.period,
      accepted: false,
      readingId: null,
      consumption: null,
      anomalies: [],
      anomalyLabels: [],
      errorCode: null,
      message: null,
    }));
    const byPeriod = new Map<string, number[]>();
    input.readings.forEach((r, i) => byPeriod.set(r.period, [...(byPeriod.get(r.period) ?? []), i]));

    for (const [period, positions] of byPeriod) {
      try {
        assertNotFuture(period);
      } catch (e) {
        for (const i of positions)
          Object.assign(rows[i]!, { errorCode: 'FUTURE_PERIOD', message: (e as Error).message });
        continue;
      }
      const entries = positions.map((i) => input.readings[i]!);
      const ctx = await loadReadingContext(tx, period, { customerIds: entries.map((e) => e.customerId) });
      const { prepared, errors } = prepareEntries(ctx, entries, {
        locked: await lockedBooks(tx, period, [...new Set([...ctx.customers.values()].map((c) => c.bookId))]),
        canWrite: (bookId, isNew) => canOnBook(actor, bookId, 'readings', isNew ? 'add' : 'edit'),
      });
      for (const e of errors) Object.assign(rows[positions[e.index]!]!, { errorCode: e.code, message: e.message });
      const saved = await writeReadings(tx, actor, period, prepared, 'device');
      const savedByKey = new Map(saved.map((s) => [`${s.customerId}:${s.meterId}`, s]));
      for (const p of prepared) {
        const s = savedByKey.get(`${p.customer.id}:${p.meter.id}`);
        Object.assign(rows[positions[p.index]!]!, {
          accepted: true,
          readingId: s?.id ?? null,
          consumption: p.evaluation.consumption,
          anomalies: p.evaluation.anomalies,
          anomalyLabels: anomalyLabels(p.evaluation.anomalies),
        });
      }
    }

    const accepted = rows.filter((r) => r.accepted).length;
    const result: DeviceSubmissionResult = {
      deviceId,
      submissionId,
      accepted,
      rejected: rows.length - accepted,
      rows,
      replayed: false,
    };
    await tx.execute(sql`
      update device_submissions set result = ${JSON.stringify(result)}::jsonb
      where device_id = ${deviceId} and submission_id = ${submissionId}`);
    return result;
  });
}
