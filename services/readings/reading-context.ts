/**
 * Everything needed to show or evaluate readings of a period for a set of customers, read in a fixed
 * number of bulk queries whatever the number of customers (a 2,000-row book or an import of a file):
 * customers, the meters that served in the period, the period's readings, the last real index of each
 * meter, estimates awaiting settlement, consumption history, suspensions and the anomaly factors.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { pgArray, rowsOf } from '@/db/sql';
import { addPeriods, periodBounds } from '@/domain/reading/period';

export interface MeterInPeriod {
  id: number;
  serial: string;
  initialIndex: number;
  finalIndex: number | null;
  installedOn: string;
  removedOn: string | null;
  isActive: boolean;
  maxIndex: number | null;
  /** Last real (read) index before the period, and its period; null = never read (start from initialIndex). */
  lastReal: { index: number; period: string } | null;
  /** m3 billed on estimates after the last real reading and before the period. */
  estimatedSinceLastReal: number;
}

export interface ReadingRecord {
  id: number;
  customerId: number;
  meterId: number;
  bookId: number;
  period: string;
  previousIndex: number;
  currentIndex: number | null;
  consumption: number;
  code: string;
  isEstimated: boolean;
  anomalies: string[];
  anomalyStatus: string;
  source: string;
  note: string | null;
  enteredAt: string;
  version: number;
}

export interface CustomerInPeriod {
  id: number;
  code: string;
  name: string;
  address: string;
  bookId: number;
  sequenceNo: number;
  status: number;
  isPreferential: boolean;
  preferentialUntil: string | null;
  serviceTypeCode: string | null;
  /** Meters that served in the period, oldest first (two when replaced inside it). */
  meters: MeterInPeriod[];
  /** The period's readings by meter id. */
  readings: Map<number, ReadingRecord>;
  /** Consumption of past periods (all meters), newest first, up to 12. */
  history: { period: string; consumption: number }[];
  suspension: { id: number; fromPeriod: string; toPeriod: string | null; reason: string } | null;
}

export interface ReadingContext {
  period: string;
  highFactorPct: number;
  lowFactorPct: number;
  customers: Map<number, CustomerInPeriod>;
  /** Customer ids in book sequence order. */
  order: number[];
}

const HISTORY_PERIODS = 12;
/** How far back unsettled estimates are looked for (a meter unread for two years is a case for a person). */
const ESTIMATE_LOOKBACK = 24;

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const dateStr = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
};

export function toReadingRecord(r: Record<string, unknown>): ReadingRecord {
  const anomalies =
    typeof r.anomalies === 'string' ? (JSON.parse(r.anomalies) as string[]) : ((r.anomalies as string[] | null) ?? []);
  return {
    id: num(r.id),
    customerId: num(r.customer_id),
    meterId: num(r.meter_id),
    bookId: num(r.book_id),
    period: String(r.period),
    previousIndex: num(r.previous_index),
    currentIndex: numOrNull(r.current_index),
    consumption: num(r.consumption),
    code: String(r.code),
    isEstimated: Boolean(r.is_estimated),
    anomalies,
    anomalyStatus: String(r.anomaly_status),
    source: String(r.source),
    note: (r.note as string | null) ?? null,
    enteredAt: r.entered_at instanceof Date ? r.entered_at.toISOString() : new Date(String(r.entered_at)).toISOString(),
    version: num(r.version),
  };
}

async function loadAnomalyFactors(db: DbOrTx): Promise<{ highFactorPct: number; lowFactorPct: number }> {
  const [c] = rowsOf<{ high: number; low: number }>(
    await db.execute(
      sql`select anomaly_high_factor_pct as high, anomaly_low_factor_pct as low from companies order by id limit 1`,
    ),
  );
  return { highFactorPct: c ? num(c.high) : 151, lowFactorPct: c ? num(c.low) : 51 };
}

/** Loads the context of `period` for the customers of a book, or for the given customer ids. */
export async function loadReadingContext(
  db: DbOrTx,
  period: string,
  who: { bookId: number } | { customerIds: readonly number[] },
): Promise<ReadingContext> {
  const { start, end } = periodBounds(period);
  const factors = await loadAnomalyFactors(db);
  const where: SQL =
    'bookId' in who ? sql`c.book_id = ${who.bookId}` : sql`c.id = any(${pgArray(who.customerIds)}::int4[])`;
  const customerRows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select c.id, c.code, c.name, c.address, c.book_id, c.sequence_no, c.status, c.is_preferential,
             c.preferential_until::text as preferential_until, st.code as service_type_code
      from customers c left join service_types st on st.id = c.service_type_id
      where ${where}
      order by c.book_id, c.sequence_no, c.id`),
  );
  const customers = new Map<number, CustomerInPeriod>();
  const order: number[] = [];
  for (const r of customerRows) {
    const id = num(r.id);
    order.push(id);
    customers.set(id, {
      id,
      code: String(r.code),
      name: String(r.name),
      address: String(r.address),
      bookId: num(r.book_id),
      sequenceNo: num(r.sequence_no),
      status: num(r.status),
      isPreferential: Boolean(r.is_preferential),
      preferentialUntil: dateStr(r.preferential_until),
      serviceTypeCode: (r.service_type_code as string | null) ?? null,
      meters: [],
      readings: new Map(),
      history: [],
      suspension: null,
    });
  }
  if (order.length === 0) return { period, ...factors, customers, order };
  const ids = pgArray(order);

  const [meterRows, readingRows, historyRows, suspensionRows] = await Promise.all([
    // Meters that served in the period: installed by its end, and still active or removed on/after its start.
    db.execute(sql`
      select m.id, m.customer_id, m.serial, m.initial_index, m.final_index, m.installed_on::text as installed_on,
             m.removed_on::text as removed_on, m.is_active, mt.max_index
      from meters m left join meter_types mt on mt.id = m.meter_type_id
      where m.customer_id = any(${ids}::int4[])
        and (m.is_active or m.removed_on >= ${start}::date)
        and (m.installed_on <= ${end}::date or m.is_active)
      order by m.customer_id, m.installed_on, m.id`),
    db.execute(sql`select * from readings where customer_id = any(${ids}::int4[]) and period = ${period}`),
    db.execute(sql`
      select customer_id, period, sum(consumption)::int8 as consumption
      from readings
      where customer_id = any(${ids}::int4[]) and period < ${period} and period >= ${addPeriods(period, -HISTORY_PERIODS)}
      group by customer_id, period`),
    db.execute(sql`
      select id, customer_id, from_period, to_period, reason from suspensions
      where customer_id = any(${ids}::int4[]) and from_period <= ${period} and (to_period is null or to_period >= ${period})
      order by from_period desc`),
  ]);

  const meters = new Map<number, MeterInPeriod>();
  for (const r of rowsOf<Record<string, unknown>>(meterRows)) {
    const m: MeterInPeriod = {
      id: num(r.id),
      serial: String(r.serial),
      initialIndex: num(r.initial_index),
      finalIndex: numOrNull(r.final_index),
      installedOn: dateStr(r.installed_on) ?? '',
      removedOn: dateStr(r.removed_on),
      isActive: Boolean(r.is_active),
      maxIndex: numOrNull(r.max_index),
      lastReal: null,
      estimatedSinceLastReal: 0,
    };
    meters.set(m.id, m);
    customers.get(num(r.customer_id))?.meters.push(m);
  }
  for (const r of rowsOf<Record<string, unknown>>(readingRows)) {
    const rec = toReadingRecord(r);
    const c = customers.get(rec.customerId);
    if (!c) continue;
    c.readings.set(rec.meterId, rec);
    // A reading of a meter outside the date window (dates typed late) still shows.
    if (!c.meters.some((m) => m.id === rec.meterId)) await addMeter(db, c, rec.meterId, meters);
  }
  for (const r of rowsOf<Record<string, unknown>>(historyRows)) {
    customers.get(num(r.customer_id))?.history.push({ period: String(r.period), consumption: num(r.consumption) });
  }
  for (const c of customers.values()) c.history.sort((a, b) => (a.period < b.period ? 1 : -1));
  for (const r of rowsOf<Record<string, unknown>>(suspensionRows)) {
    const c = customers.get(num(r.customer_id));
    if (c && !c.suspension) {
      c.suspension = {
        id: num(r.id),
        fromPeriod: String(r.from_period),
        toPeriod: (r.to_period as string | null) ?? null,
        reason: String(r.reason),
      };
    }
  }

  await loadMeterStarts(db, period, meters);
  return { period, ...factors, customers, order };
}

async function addMeter(
  db: DbOrTx,
  c: CustomerInPeriod,
  meterId: number,
  meters: Map<number, MeterInPeriod>,
): Promise<void> {
  const [r] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select m.id, m.serial, m.initial_index, m.final_index, m.installed_on::text as installed_on, m.removed_on::text as removed_on,
             m.is_active, mt.max_index
      from meters m left join meter_types mt on mt.id = m.meter_type_id where m.id = ${meterId}`),
  );
  if (!r) return;
  const m: MeterInPeriod = {
    id: num(r.id),
    serial: String(r.serial),
    initialIndex: num(r.initial_index),
    finalIndex: numOrNull(r.final_index),
    installedOn: dateStr(r.installed_on) ?? '',
    removedOn: dateStr(r.removed_on),
    isActive: Boolean(r.is_active),
    maxIndex: numOrNull(r.max_index),
    lastReal: null,
    estimatedSinceLastReal: 0,
  };
  meters.set(m.id, m);
  c.meters.push(m);
  c.meters.sort((a, b) => (a.installedOn < b.installedOn ? -1 : a.installedOn > b.installedOn ? 1 : a.id - b.id));
}

/** Last real index of each meter before the period, and the estimates billed since. */
async function loadMeterStarts(db: DbOrTx, period: string, meters: Map<number, MeterInPeriod>): Promise<void> {
  if (meters.size === 0) return;
  const meterIds = pgArray([...meters.keys()]);
  const [lastRows, estimateRows] = await Promise.all([
    db.execute(sql`
      select distinct on (meter_id) meter_id, current_index, period
      from readings
      where meter_id = any(${meterIds}::int4[]) and period < ${period} and current_index is not null
      order by meter_id, period desc`),
    db.execute(sql`
      select meter_id, period, consumption from readings
      where meter_id = any(${meterIds}::int4[]) and period < ${period} and period >= ${addPeriods(period, -ESTIMATE_LOOKBACK)} and is_estimated`),
  ]);
  for (const r of rowsOf<Record<string, unknown>>(lastRows)) {
    const m = meters.get(num(r.meter_id));
    if (m) m.lastReal = { index: num(r.current_index), period: String(r.period) };
  }
  for (const r of rowsOf<Record<string, unknown>>(estimateRows)) {
    const m = meters.get(num(r.meter_id));
    if (m && (m.lastReal === null || String(r.period) > m.lastReal.period))
      m.estimatedSinceLastReal += num(r.consumption);
  }
}

/** Index the period starts from when no reading is stored yet: the last real index, else the meter's initial index. */
export function startIndexOf(meter: MeterInPeriod): number {
  return meter.lastReal?.index ?? meter.initialIndex;
}
