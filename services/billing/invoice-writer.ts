/**
 * Writes one chunk of a billing run, set-based, inside the chunk's transaction: existing invoices of the
 * chunk are read once, drafts are replaced in place (same id, lines deleted and re-inserted), new invoices
 * get ids drawn from the sequence in one statement and go in with their lines through unnest, and skips
 * are recorded. Writing a chunk twice gives the same rows, so a chunk whose commit is not yet recorded in
 * the run's progress can always be written again after a crash.
 *
 * Issued invoices are never touched: their customer is reported as skipped (invoice_issued). Drafts that
 * the period no longer produces (the customer is now suspended, the back-billing was deleted) are deleted.
 *
 * Two runs writing the same customers at once (a company run and a one-customer recalculation) cannot
 * duplicate an invoice: the unique (customer, period, kind) index makes the later insert wait for the
 * earlier transaction and then fail; the executor retries the chunk, which then finds and replaces it.
 * Rows are written in customer order, so two such transactions do not deadlock on one another.
 */
import type { ChunkInvoice, ChunkResult } from '@/domain/billing/run-chunk';
import type { SkipReason } from '@/domain/billing/skip-reasons';
import { arrayLiteral, type Runner, type Scalar } from './bulk-sql';

export interface ChunkWrite {
  runId: number;
  period: string;
  customerIds: readonly number[];
  lastCustomerId: number;
  result: ChunkResult;
}

export interface ChunkTotals {
  invoices: number;
  consumption: number;
  amount: number;
}

const INVOICE_COLUMNS = [
  'id',
  'customer_id',
  'book_id',
  'service_type_id',
  'period',
  'kind',
  'status',
  'consumption',
  'subtotal',
  'vat',
  'environment_fee',
  'drainage_fee',
  'drainage_vat',
  'total',
  'needs_recalculation',
  'run_id',
  'warnings',
] as const;
const LINE_COLUMNS = [
  'invoice_id',
  'ordinal',
  'kind',
  'description',
  'tariff_version_id',
  'tier',
  'quantity',
  'unit_price',
  'amount',
] as const;

/** Engine results are shared between customers (memo), so their warnings are serialised once per result. */
const warningsJson = new WeakMap<object, string>();
const NO_WARNINGS = '[]';

function warningsOf(d: ChunkInvoice['draft']): string {
  if (d.warnings.length === 0) return NO_WARNINGS;
  let json = warningsJson.get(d.warnings);
  if (json === undefined) {
    json = JSON.stringify(d.warnings);
    warningsJson.set(d.warnings, json);
  }
  return json;
}

function invoiceRow(id: number, inv: ChunkInvoice, w: ChunkWrite): Scalar[] {
  const d = inv.draft;
  return [
    id,
    inv.customerId,
    inv.bookId,
    inv.serviceTypeId,
    w.period,
    d.kind,
    'draft',
    d.consumption,
    d.subtotal,
    d.vat,
    d.environmentFee,
    d.drainageFee,
    d.drainageVat,
    d.total,
    false,
    w.runId,
    warningsOf(d),
  ];
}

function* lineRows(ids: readonly number[], invoices: readonly ChunkInvoice[]): Generator<Scalar[]> {
  for (let i = 0; i < invoices.length; i++) {
    const id = ids[i] as number;
    const lines = (invoices[i] as ChunkInvoice).draft.lines;
    for (let k = 0; k < lines.length; k++) {
      const l = lines[k]!;
      yield [id, k + 1, l.kind, l.description, l.tariffVersionId, l.tier, l.quantity, l.unitPrice, l.amount];
    }
  }
}

/** Column-wise arrays of rows, as array literals for `unnest`. */
function columnArrays(rows: readonly Scalar[][], width: number): string[] {
  const cols: Scalar[][] = Array.from({ length: width }, () => new Array<Scalar>(rows.length));
  rows.forEach((r, i) => r.forEach((v, c) => ((cols[c] as Scalar[])[i] = v)));
  return cols.map(arrayLiteral);
}

const PG_TYPES: Record<string, string> = {
  id: 'int8',
  customer_id: 'int4',
  book_id: 'int4',
  service_type_id: 'int4',
  period: 'text',
  kind: 'text',
  status: 'text',
  consumption: 'int4',
  subtotal: 'int8',
  vat: 'int8',
  environment_fee: 'int8',
  drainage_fee: 'int8',
  drainage_vat: 'int8',
  total: 'int8',
  needs_recalculation: 'bool',
  run_id: 'int4',
  warnings: 'jsonb',
  invoice_id: 'int8',
  ordinal: 'int4',
  description: 'text',
  tariff_version_id: 'int4',
  tier: 'int4',
  quantity: 'int4',
  unit_price: 'int8',
  amount: 'int8',
};

async function insertRows(
  runner: Runner,
  table: string,
  columns: readonly string[],
  rows: Scalar[][],
  overriding = false,
): Promise<void> {
  if (rows.length === 0) return;
  const arrays = columns.map((c, i) => `$${i + 1}::${PG_TYPES[c]}[]`).join(', ');
  await runner.run(
    `insert into ${table} (${columns.join(', ')}) ${overriding ? 'overriding system value' : ''} select * from unnest(${arrays})`,
    columnArrays(rows, columns.length),
  );
}

export async function writeChunk(runner: Runner, w: ChunkWrite): Promise<ChunkTotals> {
  const existing = await runner.run(
    `select id, customer_id, kind, status from invoices where period = $1 and customer_id = any($2::int4[])`,
    [w.period, arrayLiteral(w.customerIds)],
  );
  const existingByKey = new Map(
    existing.map((e) => [`${Number(e.customer_id)}:${String(e.kind)}`, { id: Number(e.id), status: String(e.status) }]),
  );

  const skips = new Map<number, SkipReason>(w.result.skips.map((s) => [s.customerId, s.reason]));
  const toInsert: ChunkInvoice[] = [];
  const toUpdate: { id: number; inv: ChunkInvoice }[] = [];
  const kept = new Set<number>();
  for (const inv of w.result.invoices) {
    const found = existingByKey.get(`${inv.customerId}:${inv.draft.kind}`);
    if (!found) toInsert.push(inv);
    else if (found.status === 'draft') toUpdate.push({ id: found.id, inv });
    else skips.set(inv.customerId, 'invoice_issued');
    if (found) kept.add(found.id);
  }
  const stale = existing
    .filter((e) => String(e.status) === 'draft' && !kept.has(Number(e.id)))
    .map((e) => Number(e.id));

  if (stale.length > 0) await runner.run(`delete from invoices where id = any($1::int8[])`, [arrayLiteral(stale)]);
  if (toUpdate.length > 0) {
    const ids = toUpdate.map((u) => u.id);
    await runner.run(`delete from invoice_lines where invoice_id = any($1::int8[])`, [arrayLiteral(ids)]);
    const rows = toUpdate.map((u) => invoiceRow(u.id, u.inv, w));
    const cols = columnArrays(rows, INVOICE_COLUMNS.length);
    await runner.run(
      `update invoices i set book_id = u.book_id, service_type_id = u.service_type_id, consumption = u.consumption,
              subtotal = u.subtotal, vat = u.vat, environment_fee = u.environment_fee, drainage_fee = u.drainage_fee,
              drainage_vat = u.drainage_vat, total = u.total, needs_recalculation = false, run_id = u.run_id, warnings = u.warnings,
              created_at = now()
       from unnest($1::int8[], $2::int4[], $3::int4[], $4::int4[], $5::int8[], $6::int8[], $7::int8[], $8::int8[], $9::int8[], $10::int8[], $11::int4[], $12::jsonb[])
            as u(id, book_id, service_type_id, consumption, subtotal, vat, environment_fee, drainage_fee, drainage_vat, total, run_id, warnings)
       where i.id = u.id and i.status = 'draft'`,
      [
        cols[0]!,
        cols[2]!,
        cols[3]!,
        cols[7]!,
        cols[8]!,
        cols[9]!,
        cols[10]!,
        cols[11]!,
        cols[12]!,
        cols[13]!,
        cols[15]!,
        cols[16]!,
      ],
    );
  }
  let newIds: number[] = [];
  if (toInsert.length > 0) {
    const idRows = await runner.run(
      `select nextval(pg_get_serial_sequence('invoices', 'id'))::int8 as id from generate_series(1, $1::int4)`,
      [toInsert.length],
    );
    newIds = idRows.map((r) => Number(r.id));
    await insertRows(
      runner,
      'invoices',
      INVOICE_COLUMNS,
      toInsert.map((inv, i) => invoiceRow(newIds[i] as number, inv, w)),
      true,
    );
  }
  const written = [...toUpdate.map((u) => u.inv), ...toInsert];
  const writtenIds = [...toUpdate.map((u) => u.id), ...newIds];
  await insertRows(runner, 'invoice_lines', LINE_COLUMNS, [...lineRows(writtenIds, written)]);

  if (skips.size > 0) {
    await runner.run(
      `insert into billing_run_skips (run_id, customer_id, reason)
       select $1::int4, s.customer_id, s.reason from unnest($2::int4[], $3::text[]) as s(customer_id, reason)
       on conflict (run_id, customer_id) do update set reason = excluded.reason`,
      [w.runId, arrayLiteral([...skips.keys()]), arrayLiteral([...skips.values()])],
    );
  }
  return {
    invoices: written.length,
    consumption: written.reduce((a, i) => a + i.draft.consumption, 0),
    amount: written.reduce((a, i) => a + i.draft.total, 0),
  };
}
