/**
 * An invoice's PDF document and e-invoice XML for a portal visitor. The caller has checked the link's token
 * (portal-token.ts), which only a right proof of the customer hands out, so no actor is involved: the token is the
 * right to this one invoice. Drafts are never served (no lookup links one).
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/sql';
import type { InvoiceDocument } from '@/domain/invoices/invoice-document';
import { signAndStoreInvoices, type InvoiceXmlFile } from '@/services/einvoices/einvoice-store.service';
import { AppError, notFound } from '@/services/errors';
import {
  invoiceDocumentsByIds,
  loadInvoiceSettings,
  type InvoiceSettings,
} from '@/services/invoices/invoice-documents.service';

async function issuedInvoice(db: DbOrTx, invoiceId: number) {
  const [row] = rowsOf<{ number: number | null; status: string }>(
    await db.execute(sql`select number, status from invoices where id = ${invoiceId}`),
  );
  if (!row || row.number == null || row.status === 'draft') throw notFound('hóa đơn');
  return row;
}

/** The document to render as PDF, with the company's settings (paper). */
export async function portalInvoiceDocument(
  db: DbOrTx,
  invoiceId: number,
): Promise<{ doc: InvoiceDocument; settings: InvoiceSettings }> {
  await issuedInvoice(db, invoiceId);
  const settings = await loadInvoiceSettings(db);
  const [doc] = await invoiceDocumentsByIds(db, settings, [invoiceId]);
  if (!doc) throw notFound('hóa đơn');
  return { doc, settings };
}

interface XmlRow {
  number: number;
  series: string;
  xml: string | null;
  sha256: string | null;
  issuer: string | null;
}

async function readXml(db: DbOrTx, invoiceId: number): Promise<XmlRow | undefined> {
  const [row] = rowsOf<XmlRow>(
    await db.execute(sql`
      select i.number, s.template_symbol || s.invoice_symbol as series, e.xml, e.sha256, e.issuer
      from invoices i join invoice_series s on s.id = i.series_id left join einvoices e on e.invoice_id = i.id
      where i.id = ${invoiceId}`),
  );
  return row;
}

/**
 * The signed e-invoice XML. An issued invoice the signing job has not reached yet is signed now, as the staff route
 * does: the visitor asks for the document the law gives them, and signing twice is not possible (the job skips it).
 */
export async function portalInvoiceXml(db: DbOrTx, invoiceId: number): Promise<InvoiceXmlFile> {
  await issuedInvoice(db, invoiceId);
  let row = await readXml(db, invoiceId);
  if (row && row.xml == null) {
    const { failed } = await signAndStoreInvoices(db, [invoiceId]);
    const failure = failed[0];
    if (failure) throw new AppError(failure.code, failure.message, { detail: failure.detail });
    row = await readXml(db, invoiceId);
  }
  if (!row || row.xml == null) throw notFound('hóa đơn điện tử');
  return {
    invoiceId,
    fileName: `${row.series}-${String(row.number).padStart(8, '0')}.xml`,
    xml: row.xml,
    sha256: String(row.sha256),
    issuer: String(row.issuer),
  };
}
