/**
 * The one write path of readings, for typed rows, Excel files and device batches alike: entries are
 * checked and evaluated in memory against a bulk-loaded context, then written with a single
 * `insert … select from unnest(…) on conflict do update`, whatever their number. Invoices already
 * computed for the customers are marked for recalculation in the same transaction.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { pgArray, rowsOf } from '@/db/sql';
import { evaluateReading, type ReadingEvaluation } from '@/domain/billing/reading-evaluation';
import { READING_CODES, type ReadingCode } from '@/domain/reading/anomaly';
import { ReadingError } from '@/domain/reading/errors';
import { fixedCurrentIndex } from '@/domain/reading/replaced-meter';
import { formatDateVi } from '@/domain/tariff/describe';
import type { Actor } from '@/services/auth/actor';
import type { ErrorCode } from '@/services/error-codes';
import {
  startIndexOf,
  toReadingRecord,
  type CustomerInPeriod,
  type MeterInPeriod,
  type ReadingContext,
  type ReadingRecord,
} from './reading-context';

export type ReadingSource = 'manual' | 'import' | 'device' | 'system';

export interface ReadingEntry {
  customerId: number;
  /** Default: the customer's active meter. */
  meterId?: number | null;
  /** null: not read (billed on the 3-period average). */
  currentIndex: number | null;
  code?: string | null;
  note?: string | null;
  /** Optimistic check against the stored row's version. */
  expectedVersion?: number | null;
  /** A corrected previous index (declaration "rolled-back previous index"). */
  previousIndex?: number | null;
  /** From files and devices: must be the serial of the meter read. */
  meterSerial?: string | null;
}

export interface EntryError {
  /** Position of the entry in the input. */
  index: number;
  customerId: number | null;
  code: ErrorCode;
  message: string;
  field?: string;
}

export interface PreparedReading {
  index: number;
  customer: CustomerInPeriod;
  meter: MeterInPeriod;
  existing: ReadingRecord | null;
  previousIndex: number;
  code: ReadingCode;
  note: string | null;
  evaluation: ReadingEvaluation;
  anomalyStatus: 'none' | 'open' | 'cleared';
}

export interface PrepareOptions {
  /** Books whose period is locked, with the reason. */
  locked: ReadonlyMap<number, string>;
  /** Whether the actor may add (new row) or edit (existing row) readings of a book. */
  canWrite: (bookId: number, isNew: boolean) => boolean;
}

function sameValues(
  existing: ReadingRecord,
  previousIndex: number,
  code: string,
  evaluation: ReadingEvaluation,
): boolean {
  return (
    existing.previousIndex === previousIndex &&
    existing.currentIndex === evaluation.currentIndex &&
    existing.consumption === evaluation.consumption &&
    existing.code === code
  );
}

function meterFor(
  customer: CustomerInPeriod,
  meterId: number | null | undefined,
  serial: string | null | undefined,
): MeterInPeriod | undefined {
  if (meterId != null) return customer.meters.find((m) => m.id === meterId);
  // A device or file names the meter it read: the old or the new one of a replacement.
  const named = serial
    ? customer.meters.find((m) => m.serial.toUpperCase() === serial.trim().toUpperCase())
    : undefined;
  if (named) return named;
  return customer.meters.find((m) => m.isActive) ?? customer.meters[customer.meters.length - 1];
}

/** Checks and evaluates entries; nothing is written. Errors carry Vietnamese messages. */
export function prepareEntries(
  ctx: ReadingContext,
  entries: readonly ReadingEntry[],
  options: PrepareOptions,
): { prepared: PreparedReading[]; errors: EntryError[] } {
  const prepared: PreparedReading[] = [];
  const errors: EntryError[] = [];
  const seen = new Set<string>();

  entries.forEach((entry, index) => {
    const fail = (code: ErrorCode, message: string, field?: string) =>
      errors.push({ index, customerId: entry.customerId ?? null, code, message, ...(field ? { field } : {}) });
    const customer = ctx.customers.get(entry.customerId);
    if (!customer) return fail('NOT_FOUND', 'Không tìm thấy khách hàng.', 'customerId');
    const meter = meterFor(customer, entry.meterId, entry.meterSerial);
    if (!meter) return fail('NO_METER', `Khách hàng ${customer.code} chưa có đồng hồ trong kỳ này.`, 'meterId');
    if (entry.meterSerial && entry.meterSerial.trim().toUpperCase() !== meter.serial.toUpperCase()) {
      return fail(
        'METER_MISMATCH',
        `Số seri ${entry.meterSerial.trim()} không khớp đồng hồ ${meter.serial} của khách hàng ${customer.code}.`,
        'meterSerial',
      );
    }
    const key = `${customer.id}:${meter.id}`;
    if (seen.has(key))
      return fail('DUPLICATE_ROW', `Khách hàng ${customer.code} có nhiều dòng chỉ số cho cùng đồng hồ.`, 'customerId');
    seen.add(key);

    const code = (entry.code ?? 'normal') as ReadingCode;
    if (!READING_CODES.includes(code))
      return fail('INVALID_CODE', `Mã ghi chỉ số "${String(entry.code)}" không hợp lệ.`, 'code');
    if (entry.currentIndex === null && code === 'normal') {
      return fail(
        'MISSING_INDEX',
        `Chưa nhập chỉ số mới của khách hàng ${customer.code}; không đọc được thì chọn mã ghi chỉ số.`,
        'currentIndex',
      );
    }
    const existing = customer.readings.get(meter.id) ?? null;
    if (!options.canWrite(customer.bookId, existing === null))
      return fail('FORBIDDEN', 'Bạn không có quyền ghi chỉ số trên sổ đọc này.');
    const lock = options.locked.get(customer.bookId);
    if (lock) return fail('PERIOD_LOCKED', lock, 'period');
    // The declared final index is the meter history's word for this period; typing another would bill what the history denies.
    const fixed = fixedCurrentIndex(meter, ctx.period);
    if (fixed !== null && (entry.currentIndex !== fixed || code !== 'normal')) {
      return fail(
        'REPLACED_METER_FINAL_INDEX',
        `Khách hàng ${customer.code}: đồng hồ ${meter.serial} đã thay ngày ${formatDateVi(meter.removedOn as string)} với chỉ số cuối ${fixed}, ` +
          `nên chỉ số kỳ này của đồng hồ cũ là ${fixed}. Nếu chỉ số cuối khai báo sai, hãy sửa khai báo thay đồng hồ.`,
        'currentIndex',
      );
    }
    if (entry.expectedVersion != null && existing && existing.version !== entry.expectedVersion) {
      return fail('VERSION_CONFLICT', `Chỉ số của khách hàng ${customer.code} vừa được người khác sửa. Hãy tải lại.`);
    }

    const previousIndex = entry.previousIndex ?? existing?.previousIndex ?? startIndexOf(meter);
    let otherMeters = 0;
    for (const [meterId, r] of customer.readings) if (meterId !== meter.id) otherMeters += Math.max(0, r.consumption);
    const isOutgoing = !meter.isActive && customer.meters.some((m) => m.id !== meter.id && m.isActive);
    let evaluation: ReadingEvaluation;
    try {
      evaluation = evaluateReading({
        previousIndex,
        currentIndex: entry.currentIndex,
        code,
        meterMaxIndex: meter.maxIndex,
        history: customer.history.map((h) => h.consumption),
        estimatedSinceLastReal: entry.previousIndex != null ? 0 : meter.estimatedSinceLastReal,
        otherMetersConsumption: otherMeters,
        judgeUsage: !isOutgoing,
        highFactorPct: ctx.highFactorPct,
        lowFactorPct: ctx.lowFactorPct,
      });
    } catch (e) {
      if (e instanceof ReadingError) return fail(e.code, `Khách hàng ${customer.code}: ${e.message}`, 'currentIndex');
      throw e;
    }
    const anomalyStatus =
      evaluation.anomalies.length === 0
        ? 'none'
        : existing?.anomalyStatus === 'cleared' && sameValues(existing, previousIndex, code, evaluation)
          ? 'cleared'
          : 'open';
    prepared.push({
      index,
      customer,
      meter,
      existing,
      previousIndex,
      code,
      note: entry.note?.trim() || null,
      evaluation,
      anomalyStatus,
    });
  });
  return { prepared, errors };
}

/** Writes prepared readings in one statement and flags the invoices they change. */
export async function writeReadings(
  db: DbOrTx,
  actor: Actor,
  period: string,
  rows: readonly PreparedReading[],
  source: ReadingSource,
): Promise<ReadingRecord[]> {
  if (rows.length === 0) return [];
  // Booleans travel as 't'/'f' text: postgres.js types a JS boolean array as a scalar boolean.
  const col = <T>(pick: (r: PreparedReading) => T) => pgArray(rows.map(pick));
  const saved = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      insert into readings (customer_id, meter_id, book_id, period, previous_index, current_index, consumption, code,
                            is_estimated, anomalies, anomaly_status, source, note, entered_by)
      select u.customer_id, u.meter_id, u.book_id, ${period}, u.previous_index, u.current_index, u.consumption, u.code,
             u.is_estimated, u.anomalies::jsonb, u.anomaly_status, ${source}, u.note, ${actor.userId}
      from unnest(
        ${col((r) => r.customer.id)}::int4[], ${col((r) => r.meter.id)}::int4[], ${col((r) => r.customer.bookId)}::int4[],
        ${col((r) => r.previousIndex)}::int4[], ${col((r) => r.evaluation.currentIndex)}::int4[], ${col((r) => r.evaluation.consumption)}::int4[],
        ${col((r) => r.code)}::text[], ${col((r) => (r.evaluation.isEstimated ? 't' : 'f'))}::text[]::bool[], ${col((r) => JSON.stringify(r.evaluation.anomalies))}::text[],
        ${col((r) => r.anomalyStatus)}::text[], ${col((r) => r.note)}::text[]
      ) as u(customer_id, meter_id, book_id, previous_index, current_index, consumption, code, is_estimated, anomalies, anomaly_status, note)
      on conflict (customer_id, period, meter_id) do update set
        book_id = excluded.book_id, previous_index = excluded.previous_index, current_index = excluded.current_index,
        consumption = excluded.consumption, code = excluded.code, is_estimated = excluded.is_estimated,
        anomalies = excluded.anomalies, anomaly_status = excluded.anomaly_status, source = excluded.source,
        note = coalesce(excluded.note, readings.note), entered_by = excluded.entered_by, entered_at = now(),
        version = readings.version + 1
      returning *`),
  );
  await markInvoicesForRecalculation(
    db,
    period,
    rows.map((r) => r.customer.id),
    ['regular'],
  );
  return saved.map(toReadingRecord);
}

/**
 * Every change after billing flags the invoices it affects (SPEC §2). Issued invoices are flagged too: they
 * are never changed, but the flag tells the invoicing screens an adjustment is due.
 */
export async function markInvoicesForRecalculation(
  db: DbOrTx,
  period: string,
  customerIds: readonly number[],
  kinds: readonly ('regular' | 'backbill')[] = ['regular', 'backbill'],
): Promise<void> {
  if (customerIds.length === 0) return;
  await db.execute(sql`
    update invoices set needs_recalculation = true
    where period = ${period} and customer_id = any(${pgArray([...new Set(customerIds)])}::int4[])
      and (kind = any(${pgArray(kinds)}::text[]) or (kind = 'replacement' and status = 'issued'))
      and not needs_recalculation`);
}
