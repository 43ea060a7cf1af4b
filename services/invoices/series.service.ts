/**
 * Invoice series (ký hiệu hóa đơn) of the company, one or more a year, one of them the default that issuing
 * uses. A series that has numbered invoices keeps its symbols and year forever; only its default flag, active
 * flag and note may change.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { invoiceSymbolProblem, invoiceSymbolYear, templateSymbolProblem } from '@/domain/invoices/series';
import { type Actor, hasRight } from '@/services/auth/actor';
import { AppError, forbidden, notFound } from '@/services/errors';

export interface InvoiceSeriesRow {
  id: number;
  templateSymbol: string;
  invoiceSymbol: string;
  year: number;
  isDefault: boolean;
  active: boolean;
  lastNumber: number;
  lastIssuedOn: string | null;
  note: string | null;
}

export interface InvoiceSeriesInput {
  templateSymbol: string;
  invoiceSymbol: string;
  isDefault: boolean;
  active: boolean;
  note?: string | null;
}

const SELECT = sql`select id, template_symbol, invoice_symbol, year, is_default, active, last_number,
  last_issued_on::text as last_issued_on, note from invoice_series`;

function toRow(r: Record<string, unknown>): InvoiceSeriesRow {
  return {
    id: Number(r.id),
    templateSymbol: String(r.template_symbol),
    invoiceSymbol: String(r.invoice_symbol),
    year: Number(r.year),
    isDefault: Boolean(r.is_default),
    active: Boolean(r.active),
    lastNumber: Number(r.last_number),
    lastIssuedOn: r.last_issued_on == null ? null : String(r.last_issued_on),
    note: r.note == null ? null : String(r.note),
  };
}

function assertRight(actor: Actor, right: 'access' | 'add' | 'edit'): void {
  if (!hasRight(actor, 'catalog', 'invoiceSeries', right))
    throw forbidden(right === 'access' ? 'xem ký hiệu hóa đơn' : 'khai báo ký hiệu hóa đơn');
}

/** Every staff member who may issue or read invoices sees the series (they are printed on every invoice). */
export async function listInvoiceSeries(db: DbOrTx): Promise<InvoiceSeriesRow[]> {
  return rowsOf<Record<string, unknown>>(await db.execute(sql`${SELECT} order by year desc, is_default desc, id`)).map(
    toRow,
  );
}

function checked(input: InvoiceSeriesInput): InvoiceSeriesInput & { year: number } {
  const templateSymbol = input.templateSymbol.trim();
  const invoiceSymbol = input.invoiceSymbol.trim().toUpperCase();
  const t = templateSymbolProblem(templateSymbol);
  if (t) throw new AppError('VALIDATION_FAILED', t, { field: 'templateSymbol' });
  const s = invoiceSymbolProblem(invoiceSymbol);
  if (s) throw new AppError('VALIDATION_FAILED', s, { field: 'invoiceSymbol' });
  const note = input.note?.trim() || null;
  if (note && note.length > 500)
    throw new AppError('VALIDATION_FAILED', 'Ghi chú dài tối đa 500 ký tự.', { field: 'note' });
  return { ...input, templateSymbol, invoiceSymbol, note, year: invoiceSymbolYear(invoiceSymbol) };
}

async function clearOtherDefaults(tx: DbOrTx, year: number, exceptId: number): Promise<void> {
  await tx.execute(
    sql`update invoice_series set is_default = false where year = ${year} and id <> ${exceptId} and is_default`,
  );
}

async function assertUnique(tx: DbOrTx, input: { templateSymbol: string; invoiceSymbol: string }, exceptId = 0) {
  const [dup] = rowsOf(
    await tx.execute(sql`select 1 from invoice_series where template_symbol = ${input.templateSymbol}
      and invoice_symbol = ${input.invoiceSymbol} and id <> ${exceptId}`),
  );
  if (dup)
    throw new AppError(
      'DUPLICATE_INVOICE_SERIES',
      `Ký hiệu ${input.templateSymbol}${input.invoiceSymbol} đã được khai báo.`,
      { field: 'invoiceSymbol' },
    );
}

export async function createInvoiceSeries(
  db: DbOrTx,
  actor: Actor,
  raw: InvoiceSeriesInput,
): Promise<InvoiceSeriesRow> {
  assertRight(actor, 'add');
  const input = checked(raw);
  return db.transaction(async (tx) => {
    await assertUnique(tx, input);
    const [row] = rowsOf<{ id: number }>(
      await tx.execute(sql`insert into invoice_series (template_symbol, invoice_symbol, year, is_default, active, note)
        values (${input.templateSymbol}, ${input.invoiceSymbol}, ${input.year}, false, ${input.active}, ${input.note ?? null})
        returning id`),
    );
    const id = Number(row!.id);
    if (input.isDefault) {
      await clearOtherDefaults(tx, input.year, id);
      await tx.execute(sql`update invoice_series set is_default = true where id = ${id}`);
    }
    return getSeries(tx, id);
  });
}

async function getSeries(db: DbOrTx, id: number): Promise<InvoiceSeriesRow> {
  const [row] = rowsOf<Record<string, unknown>>(await db.execute(sql`${SELECT} where id = ${id}`));
  if (!row) throw notFound('ký hiệu hóa đơn');
  return toRow(row);
}

export async function updateInvoiceSeries(
  db: DbOrTx,
  actor: Actor,
  id: number,
  raw: InvoiceSeriesInput,
): Promise<InvoiceSeriesRow> {
  assertRight(actor, 'edit');
  const input = checked(raw);
  return db.transaction(async (tx) => {
    // Locked like issuing locks it, so a default flag never moves under an issuer holding the series.
    const [cur] = rowsOf<Record<string, unknown>>(await tx.execute(sql`${SELECT} where id = ${id} for update`));
    if (!cur) throw notFound('ký hiệu hóa đơn');
    const current = toRow(cur);
    const symbolsChange =
      current.templateSymbol !== input.templateSymbol || current.invoiceSymbol !== input.invoiceSymbol;
    if (symbolsChange && current.lastNumber > 0)
      throw new AppError(
        'INVOICE_SERIES_IN_USE',
        `Ký hiệu ${current.templateSymbol}${current.invoiceSymbol} đã có ${current.lastNumber} hóa đơn: không đổi được ký hiệu.`,
        { field: 'invoiceSymbol' },
      );
    if (symbolsChange) await assertUnique(tx, input, id);
    if (input.isDefault) await clearOtherDefaults(tx, input.year, id);
    await tx.execute(sql`update invoice_series set template_symbol = ${input.templateSymbol},
      invoice_symbol = ${input.invoiceSymbol}, year = ${input.year}, is_default = ${input.isDefault},
      active = ${input.active}, note = ${input.note ?? null} where id = ${id}`);
    return getSeries(tx, id);
  });
}
