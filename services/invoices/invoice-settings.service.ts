/** The company's invoice settings: read by every staff member (they are printed), changed by administrators. */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { invoiceSettingsSchema, type InvoiceSettingsInput } from '@/schemas/invoice-settings';
import { type Actor } from '@/services/auth/actor';
import { AppError, forbidden } from '@/services/errors';
import { loadInvoiceSettings } from './invoice-documents.service';

export async function getInvoiceSettings(db: DbOrTx): Promise<InvoiceSettingsInput> {
  const s = await loadInvoiceSettings(db);
  const preset = ['A4', 'A5', 'CONTINUOUS', 'CUSTOM'].includes(s.paper.preset) ? s.paper.preset : 'A5';
  return {
    bankBin: s.bankBin,
    bankAccount: s.seller.bankAccount,
    bankName: s.seller.bankName,
    wordsDialect: s.wordsDialect,
    paperPreset: preset as InvoiceSettingsInput['paperPreset'],
    paperWidthMm: s.paper.widthMm ?? null,
    paperHeightMm: s.paper.heightMm ?? null,
    paperMarginMm: s.paper.marginMm ?? null,
    einvoiceMode: s.einvoiceMode,
    paymentOrder: s.paymentOrder,
  };
}

export async function updateInvoiceSettings(
  db: DbOrTx,
  actor: Actor,
  raw: InvoiceSettingsInput,
): Promise<InvoiceSettingsInput> {
  if (!actor.isAdmin) throw forbidden('sửa thiết lập hóa đơn');
  const parsed = invoiceSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('VALIDATION_FAILED', issue.message, { field: String(issue.path[0] ?? '') });
  }
  const s = parsed.data;
  const paper =
    s.paperPreset === 'CUSTOM'
      ? { preset: 'CUSTOM', widthMm: s.paperWidthMm, heightMm: s.paperHeightMm, marginMm: s.paperMarginMm ?? 10 }
      : { preset: s.paperPreset };
  await db.execute(sql`
    update companies set bank_bin = ${s.bankBin || null}, bank_account = ${s.bankAccount || null},
      bank_name = ${s.bankName || null}, words_dialect = ${s.wordsDialect}, invoice_paper = ${JSON.stringify(paper)}::jsonb,
      einvoice_mode = ${s.einvoiceMode}, payment_order = coalesce(${s.paymentOrder ?? null}, payment_order)
    where id = (select id from companies order by id limit 1)`);
  return getInvoiceSettings(db);
}
