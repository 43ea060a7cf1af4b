/**
 * Reads the inputs of one chunk of a billing run: the next customers of the scope in id order, and their
 * period data (readings, suspensions, usage splits, adjustments), each in one statement for the whole
 * chunk.
 */
import type { BackbillItem } from '@/domain/billing/backbill';
import type { ChunkCustomer } from '@/domain/billing/run-chunk';
import type { WastewaterMode } from '@/domain/tariff/types';
import { arrayLiteral, type Row, type Runner } from './bulk-sql';
import { scopeCondition, type BillingScope } from './billing-scope';

const num = (v: unknown) => Number(v);

export interface Chunk {
  customers: ChunkCustomer[];
  /** Resume point after this chunk. */
  lastCustomerId: number;
}

export async function loadChunk(
  runner: Runner,
  period: string,
  scope: BillingScope,
  afterId: number,
  limit: number,
): Promise<Chunk> {
  const cond = scopeCondition(scope, 3);
  const rows = await runner.run(
    `select c.id, c.book_id, c.service_type_id, c.households, c.persons, c.status, c.is_preferential,
            c.preferential_until::text as preferential_until, c.wastewater_fee_mode, c.wastewater_fee_bp,
            coalesce(w.kind = 'commune', false) as rural
     from customers c left join wards w on w.id = c.ward_id
     where c.id > $1::int4 and ${cond.text}
     order by c.id limit $2::int4`,
    [afterId, limit, ...cond.params],
  );
  if (rows.length === 0) return { customers: [], lastCustomerId: afterId };
  const ids = rows.map((r) => num(r.id));
  const idArray = arrayLiteral(ids);
  const [readings, suspended, splits, adjustments] = await Promise.all([
    runner.run(
      `select customer_id, count(*)::int4 as n, coalesce(sum(consumption), 0)::int8 as consumption,
              bool_or(anomaly_status = 'open') as open_anomaly
       from readings where customer_id = any($1::int4[]) and period = $2 group by customer_id`,
      [idArray, period],
    ),
    runner.run(
      `select distinct customer_id from suspensions
       where customer_id = any($1::int4[]) and from_period <= $2 and (to_period is null or to_period >= $2)`,
      [idArray, period],
    ),
    runner.run(
      `select customer_id, service_type_id, percent from customer_usage_splits where customer_id = any($1::int4[])`,
      [idArray],
    ),
    runner.run(
      `select customer_id, kind, tariff_period, quantity, amount, reason from adjustments
       where customer_id = any($1::int4[]) and bill_period = $2 order by id`,
      [idArray, period],
    ),
  ]);

  const byCustomer = new Map<number, ChunkCustomer>();
  const customers = rows.map((r): ChunkCustomer => {
    const c: ChunkCustomer = {
      id: num(r.id),
      bookId: num(r.book_id),
      serviceTypeId: r.service_type_id === null ? null : num(r.service_type_id),
      households: num(r.households),
      persons: num(r.persons),
      status: num(r.status),
      isPreferential: Boolean(r.is_preferential),
      preferentialUntil: (r.preferential_until as string | null) ?? null,
      wastewaterFeeMode: r.wastewater_fee_mode as WastewaterMode,
      wastewaterFeeBp: r.wastewater_fee_bp === null ? null : num(r.wastewater_fee_bp),
      isRuralCommune: Boolean(r.rural),
      splits: [],
      readingCount: 0,
      consumption: 0,
      hasOpenAnomaly: false,
      isSuspended: false,
      spreadQuantity: 0,
      backbills: [],
      billedConsumption: new Map(),
    };
    byCustomer.set(c.id, c);
    return c;
  });
  for (const r of readings) {
    const c = byCustomer.get(num(r.customer_id));
    if (!c) continue;
    c.readingCount = num(r.n);
    c.consumption = num(r.consumption);
    c.hasOpenAnomaly = Boolean(r.open_anomaly);
  }
  for (const r of suspended) {
    const c = byCustomer.get(num(r.customer_id));
    if (c) c.isSuspended = true;
  }
  for (const r of splits)
    byCustomer.get(num(r.customer_id))?.splits.push({ serviceTypeId: num(r.service_type_id), percent: num(r.percent) });
  for (const r of adjustments) {
    const c = byCustomer.get(num(r.customer_id));
    if (!c) continue;
    if (r.kind === 'spread') c.spreadQuantity += num(r.quantity);
    else c.backbills.push(backbillItem(r));
  }
  await loadBilledConsumption(
    runner,
    customers.filter((c) => c.backbills.some((b) => b.kind === 'backbill_m3')),
  );
  return { customers, lastCustomerId: ids[ids.length - 1] as number };
}

function backbillItem(r: Row): BackbillItem {
  const tariffPeriod = String(r.tariff_period);
  const reason = String(r.reason);
  return r.kind === 'backbill_m3'
    ? { kind: 'backbill_m3', tariffPeriod, quantity: num(r.quantity), reason }
    : { kind: 'backbill_amount', tariffPeriod, amount: num(r.amount), reason };
}

/**
 * What the past periods of back-billed m3 already billed: the regular invoice's m3 when there is one,
 * else the period's readings. Few customers have back-billing, so this runs on a handful of rows.
 */
async function loadBilledConsumption(runner: Runner, customers: ChunkCustomer[]): Promise<void> {
  if (customers.length === 0) return;
  const pairs = customers.flatMap((c) =>
    c.backbills.filter((b) => b.kind === 'backbill_m3').map((b) => [c.id, b.tariffPeriod] as const),
  );
  const rows = await runner.run(
    `select p.customer_id, p.period,
            coalesce((select i.consumption from invoices i where i.customer_id = p.customer_id and i.period = p.period and i.kind = 'regular'),
                     (select sum(r.consumption) from readings r where r.customer_id = p.customer_id and r.period = p.period), 0)::int8 as billed
     from unnest($1::int4[], $2::text[]) as p(customer_id, period)`,
    [arrayLiteral(pairs.map((p) => p[0])), arrayLiteral(pairs.map((p) => p[1]))],
  );
  const byId = new Map(customers.map((c) => [c.id, c]));
  for (const r of rows) {
    const c = byId.get(num(r.customer_id));
    if (c) (c.billedConsumption as Map<string, number>).set(String(r.period), num(r.billed));
  }
}
