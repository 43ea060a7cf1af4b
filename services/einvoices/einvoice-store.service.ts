/**
 * Every issued invoice exists once as an e-invoice XML in `einvoices`: signed here with the company's certificate
 * (mode SELF) or issued through the provider (mode PROVIDER), stored with its SHA-256 so a changed byte shows.
 * The job `einvoices.sign` calls signAndStoreInvoices after issuing; a download of an invoice not yet signed signs
 * it on the spot. Both paths insert with ON CONFLICT DO NOTHING, so a job retried, two workers or a download racing
 * the job store one row, and a provider sees one idempotency key per invoice, so it issues once.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { einvoices } from '@/db/schema/billing';
import { pgArray, rowsOf } from '@/db/sql';
import type { InvoiceDocument } from '@/domain/invoices/invoice-document';
import type { Actor } from '@/services/auth/actor';
import { canReadInvoices } from '@/services/billing/invoice.service';
import type { ErrorCode } from '@/services/error-codes';
import { AppError, notFound } from '@/services/errors';
import { invoiceDocumentsByIds, loadInvoiceSettings } from '@/services/invoices/invoice-documents.service';
import { companyCertificate } from './einvoice-config';
import { signInvoiceXml } from './einvoice-signature';
import { buildInvoiceXml } from './einvoice-xml';
import { providerFromEnv } from './http-provider';
import { type EinvoiceProvider, einvoiceIdempotencyKey } from './provider';
import { type P12Credentials, type SigningCertificate, loadSigningCertificate } from './signing-certificate';

/** einvoices.issuer of an XML signed here. */
const SELF_ISSUER = 'SELF';
const CHUNK = 200;

export interface SignAndStoreOptions {
  /** PROVIDER mode: the provider (default: the one configured by EINVOICE_PROVIDER_URL/KEY). */
  provider?: EinvoiceProvider;
  /** SELF mode: the certificate (default: the configured one, or the demo one outside production). */
  certificate?: P12Credentials;
  /** The signing time (default now). */
  now?: Date;
  chunkSize?: number;
}

interface EinvoiceFailure {
  invoiceId: number;
  code: ErrorCode;
  message: string;
  detail?: string;
}

export interface SignAndStoreResult {
  /** Rows this call inserted. */
  stored: number;
  /** Ids given that were drafts, unknown, or already had their XML. */
  skipped: number;
  /** Invoices that cannot become an e-invoice as they are (a bad document, a provider's refusal). */
  failed: EinvoiceFailure[];
}

export function sha256Hex(xml: string): string {
  return createHash('sha256').update(xml, 'utf8').digest('hex');
}

interface Row {
  invoiceId: number;
  xml: string;
  sha256: string;
  issuer: string;
  providerId: string | null;
}

/** Errors that concern the whole call (no certificate, provider down), not one invoice: they stop the call. */
const STOPPING: ReadonlySet<ErrorCode> = new Set([
  'EINVOICE_CERTIFICATE',
  'EINVOICE_NOT_CONFIGURED',
  'EINVOICE_PROVIDER_NOT_CONFIGURED',
  'EINVOICE_PROVIDER_UNAVAILABLE',
]);

async function pendingIds(db: DbOrTx, ids: readonly number[]): Promise<number[]> {
  const rows = rowsOf<{ id: number }>(
    await db.execute(sql`
      select i.id from unnest(${pgArray(ids)}::int8[]) as x(id)
      join invoices i on i.id = x.id
      where i.status <> 'draft' and i.number is not null
        and not exists (select 1 from einvoices e where e.invoice_id = i.id)
      order by i.id`),
  );
  return rows.map((r) => Number(r.id));
}

async function storeRows(db: DbOrTx, rows: Row[], signedAt: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(einvoices)
    .values(rows.map((r) => ({ ...r, signedAt })))
    .onConflictDoNothing({ target: einvoices.invoiceId })
    .returning({ id: einvoices.invoiceId });
  return inserted.length;
}

/**
 * Signs (SELF) or issues through the provider (PROVIDER) the issued invoices among `ids` that have no stored XML
 * yet, 200 at a time, and stores each XML with its SHA-256. Drafts and invoices already stored are skipped, so the
 * call can be repeated safely. An invoice that cannot become an e-invoice is reported in `failed` and the others go
 * on; a missing certificate or an unreachable provider throws (after storing what was done), so the job retries.
 */
export async function signAndStoreInvoices(
  db: DbOrTx,
  ids: readonly number[],
  options: SignAndStoreOptions = {},
): Promise<SignAndStoreResult> {
  const unique = [...new Set(ids)];
  const result: SignAndStoreResult = { stored: 0, skipped: 0, failed: [] };
  if (unique.length === 0) return result;
  const settings = await loadInvoiceSettings(db);
  const chunkSize = options.chunkSize ?? CHUNK;
  const credentials: P12Credentials | undefined = options.certificate;
  let certificate: SigningCertificate | undefined;
  let provider: EinvoiceProvider | undefined = options.provider;

  for (let start = 0; start < unique.length; start += chunkSize) {
    const chunk = unique.slice(start, start + chunkSize);
    const pending = await pendingIds(db, chunk);
    result.skipped += chunk.length - pending.length;
    if (pending.length === 0) continue;
    const documents = await invoiceDocumentsByIds(db, settings, pending);
    const now = options.now ?? new Date();
    const rows: Row[] = [];
    let stop: unknown = null;
    for (const document of documents) {
      try {
        const xml = buildInvoiceXml(document);
        if (settings.einvoiceMode === 'PROVIDER') {
          provider ??= providerFromEnv();
          const original = document.related ? await originalProviderId(db, document.id) : null;
          rows.push(await issueThroughProvider(provider, document, xml, original));
        } else {
          certificate ??= loadSigningCertificate(
            credentials ??
              companyCertificate({ company: { name: settings.seller.name, taxCode: settings.seller.taxCode } }),
            now,
          );
          const signed = signInvoiceXml(xml, { certificate, now });
          rows.push({
            invoiceId: document.id,
            xml: signed,
            sha256: sha256Hex(signed),
            issuer: SELF_ISSUER,
            providerId: null,
          });
        }
      } catch (error) {
        if (error instanceof AppError && !STOPPING.has(error.code)) {
          result.failed.push({
            invoiceId: document.id,
            code: error.code,
            message: error.message,
            ...(error.detail ? { detail: error.detail } : {}),
          });
          continue;
        }
        stop = error;
        break;
      }
    }
    // What the provider already issued is kept even when the chunk stops half-way: its XML is the legal one.
    result.stored += await storeRows(db, rows, now);
    if (stop) throw stop;
  }
  return result;
}

/**
 * The provider's reference of the invoice a correction names. Its own signing job ran when it was issued; if the
 * provider has not got it yet, the correction waits (a retry) rather than go out as a plain new invoice.
 */
async function originalProviderId(db: DbOrTx, invoiceId: number): Promise<string> {
  const [row] = rowsOf<{ provider_id: string | null }>(
    await db.execute(sql`select e.provider_id from invoices i join einvoices e on e.invoice_id = i.related_invoice_id
      where i.id = ${invoiceId}`),
  );
  if (!row?.provider_id)
    throw new AppError(
      'EINVOICE_PROVIDER_UNAVAILABLE',
      'Hóa đơn gốc chưa được phát hành qua nhà cung cấp: hóa đơn thay thế, điều chỉnh sẽ được gửi lại sau.',
      { detail: `invoice ${invoiceId}: the original has no provider id yet` },
    );
  return row.provider_id;
}

/** Issues at the provider: a replacement or an adjustment names the provider's original, anything else is new. */
async function issueThroughProvider(
  provider: EinvoiceProvider,
  document: InvoiceDocument,
  xml: string,
  originalId: string | null,
): Promise<Row> {
  const key = einvoiceIdempotencyKey(document);
  const issued =
    document.related && originalId
      ? document.related.relation === 'REPLACES'
        ? await provider.replace(originalId, document, xml, key)
        : await provider.adjust(originalId, document, xml, key)
      : await provider.issue(document, xml, key);
  if (issued.status === 'REJECTED') {
    throw new AppError('EINVOICE_PROVIDER_REJECTED', 'Nhà cung cấp hóa đơn điện tử từ chối hóa đơn.', {
      detail: `provider ${provider.name} id ${issued.providerId} status REJECTED`,
    });
  }
  if (!issued.xml) {
    throw new AppError(
      'EINVOICE_PROVIDER_BAD_RESPONSE',
      'Nhà cung cấp hóa đơn điện tử không trả về tệp XML của hóa đơn đã phát hành.',
      { detail: `provider ${provider.name} id ${issued.providerId} status ${issued.status}` },
    );
  }
  return {
    invoiceId: document.id,
    xml: issued.xml,
    sha256: sha256Hex(issued.xml),
    issuer: provider.name,
    providerId: issued.providerId,
  };
}

export interface InvoiceXmlFile {
  invoiceId: number;
  /** "1C26TAA-00000042.xml". */
  fileName: string;
  xml: string;
  sha256: string;
  issuer: string;
}

interface XmlRow {
  status: string;
  number: number | null;
  template_symbol: string | null;
  invoice_symbol: string | null;
  book_id: number;
  xml: string | null;
  sha256: string | null;
  issuer: string | null;
}

async function readXmlRow(db: DbOrTx, invoiceId: number): Promise<XmlRow | undefined> {
  const [row] = rowsOf<XmlRow>(
    await db.execute(sql`
      select i.status, i.number, s.template_symbol, s.invoice_symbol, c.book_id, e.xml, e.sha256, e.issuer
      from invoices i
      join customers c on c.id = i.customer_id
      left join invoice_series s on s.id = i.series_id
      left join einvoices e on e.invoice_id = i.id
      where i.id = ${invoiceId}`),
  );
  return row;
}

/**
 * An invoice's e-invoice XML for a user who may read the invoice (the customer's current book; another book's
 * invoice reads as not found). An issued invoice not yet signed is signed (or issued through the provider) now.
 * A draft has none: EINVOICE_NOT_ISSUED.
 */
export async function getInvoiceXml(
  db: DbOrTx,
  actor: Actor,
  invoiceId: number,
  options: SignAndStoreOptions = {},
): Promise<InvoiceXmlFile> {
  let row = await readXmlRow(db, invoiceId);
  if (!row || !canReadInvoices(actor, Number(row.book_id))) throw notFound('hóa đơn');
  if (row.status === 'draft' || row.number == null) {
    throw new AppError('EINVOICE_NOT_ISSUED', 'Hóa đơn nháp chưa được phát hành nên chưa có hóa đơn điện tử.');
  }
  if (row.xml == null) {
    const { failed } = await signAndStoreInvoices(db, [invoiceId], options);
    const failure = failed[0];
    if (failure) throw new AppError(failure.code, failure.message, { detail: failure.detail });
    row = await readXmlRow(db, invoiceId);
    if (!row || row.xml == null) throw notFound('hóa đơn điện tử');
  }
  const series = `${row.template_symbol ?? ''}${row.invoice_symbol ?? ''}`;
  return {
    invoiceId,
    fileName: `${series}-${String(row.number).padStart(8, '0')}.xml`,
    xml: row.xml,
    sha256: String(row.sha256),
    issuer: String(row.issuer),
  };
}

/**
 * Tells the provider an invoice was cancelled (PROVIDER mode, invoices the provider issued). A self-signed invoice
 * has nothing to call: its cancellation is reported to the tax authority on form 04/SS-HĐĐT. Safe to repeat.
 */
export async function cancelAtProvider(
  db: DbOrTx,
  invoiceId: number,
  options: { provider?: EinvoiceProvider } = {},
): Promise<{ cancelled: boolean }> {
  const [row] = rowsOf<{ provider_id: string | null; cancel_reason: string | null; status: string }>(
    await db.execute(sql`select e.provider_id, i.cancel_reason, i.status from invoices i
      left join einvoices e on e.invoice_id = i.id where i.id = ${invoiceId}`),
  );
  if (!row || row.status !== 'cancelled' || !row.provider_id) return { cancelled: false };
  const provider = options.provider ?? providerFromEnv();
  await provider.cancel(row.provider_id, row.cancel_reason ?? 'Hủy hóa đơn');
  return { cancelled: true };
}
