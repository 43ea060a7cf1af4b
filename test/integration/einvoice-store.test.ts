/**
 * E-invoices stored for issued invoices: signed once (idempotent), downloadable by whoever may read the invoice,
 * verified in bulk (a changed byte is caught), and issued once through a provider even across time-outs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rowsOf } from '@/db/sql';
import { todayInVietnam } from '@/domain/billing/periods';
import type { GraphQLContext } from '@/graphql/context';
import type { Actor } from '@/services/auth/actor';
import { executeBillingRun } from '@/services/billing/billing-executor';
import { createBillingRun } from '@/services/billing/billing-run.service';
import { verifyInvoiceXml } from '@/services/einvoices/einvoice-signature';
import {
  cancelAtProvider,
  getInvoiceXml,
  sha256Hex,
  signAndStoreInvoices,
} from '@/services/einvoices/einvoice-store.service';
import { HttpEinvoiceProvider } from '@/services/einvoices/http-provider';
import { createSelfSignedP12 } from '@/services/einvoices/signing-certificate';
import { verifyStoredEinvoices } from '@/services/einvoices/verify-stored';
import { cancelInvoice, replaceInvoice } from '@/services/invoices/correction.service';
import { issueInvoices } from '@/services/invoices/issue.service';
import { addCustomer, enterReadings, seedPublishedTariffs } from '../helpers/billing-fixtures';
import { createTestDatabase } from '../helpers/db';
import { type FakeProvider, startFakeProvider } from '../helpers/fake-einvoice-provider';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';

const current = vi.hoisted(() => ({ ctx: null as unknown as GraphQLContext }));
vi.mock('server-only', () => ({}));
vi.mock('@/app/server/request-context', () => ({ getRequestContext: async () => current.ctx }));

const { GET: getXml } = await import('@/app/api/invoices/[id]/xml/route');

const PERIOD = '2026-04';
const YEAR = todayInVietnam(new Date()).slice(0, 4);
const SERIES = `1C${YEAR.slice(2)}TAA`;
const PASSWORD = 'mật khẩu chứng thư';
const saved = { path: process.env.EINVOICE_P12_PATH, password: process.env.EINVOICE_P12_PASSWORD };

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let certDir: string;
/** Issued invoices of book 0, in number order. */
let issued: { id: number; number: number }[];
/** A draft of book 1 (the clerk holds it; never issued). */
let draftId: number;

async function bill(bookId: number, customerIds: number[]): Promise<void> {
  for (const [i, period] of ['2026-01', '2026-02', '2026-03', PERIOD].entries())
    await enterReadings(
      database.db,
      f.admin,
      period,
      customerIds.map((id) => [id, 12 * (i + 1)] as const),
    );
  const run = await createBillingRun(database.db, f.admin, {
    period: PERIOD,
    scope: { kind: 'books', bookIds: [bookId] },
  });
  await executeBillingRun(database.db, run.id);
}

async function query<T>(text: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await database.db.execute(text));
}

function fetchXml(actor: Actor | null, id: number | string) {
  current.ctx = { db: database.db, actor, ip: '127.0.0.1' } as GraphQLContext;
  return getXml(new Request(`http://test/api/invoices/${id}/xml`), { params: Promise.resolve({ id: String(id) }) });
}

beforeAll(async () => {
  certDir = mkdtempSync(path.join(tmpdir(), 'capnuoc-einvoice-'));
  const { p12 } = createSelfSignedP12({ commonName: 'Công ty Cấp nước Thử nghiệm', password: PASSWORD });
  writeFileSync(path.join(certDir, 'company.p12'), p12);
  // The route signs with the configured certificate, as in production: no demo certificate lands in .data/.
  process.env.EINVOICE_P12_PATH = path.join(certDir, 'company.p12');
  process.env.EINVOICE_P12_PASSWORD = PASSWORD;

  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  await database.db.execute(sql`
    update companies set tax_code = '0100105052', address = '1 Đường Lê Lợi, Sơn Tây, Hà Nội'`);
  await seedPublishedTariffs(database.db, f.admin);
  const book0 = [];
  for (const name of ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Hoàng Cường'])
    book0.push((await addCustomer(database.db, f, { name })).id);
  const book1 = (await addCustomer(database.db, f, { name: 'Phạm Thu Dung', bookId: f.bookIds[1] })).id;
  await bill(f.bookIds[0], book0);
  await bill(f.bookIds[1], [book1]);
  await database.db.execute(sql`
    insert into invoice_series (template_symbol, invoice_symbol, year, is_default)
    values ('1', ${SERIES.slice(1)}, ${Number(YEAR)}, true)`);
  const result = await issueInvoices(database.db, f.clerk, { period: PERIOD, bookIds: [f.bookIds[0]] });
  expect(result.issued).toBe(3);
  issued = (
    await query<{ id: number; number: number }>(
      sql`select id, number from invoices where status = 'issued' order by number`,
    )
  ).map((r) => ({ id: Number(r.id), number: Number(r.number) }));
  [{ id: draftId }] = (await query<{ id: number }>(sql`select id from invoices where status = 'draft'`)).map((r) => ({
    id: Number(r.id),
  })) as [{ id: number }];
});

afterAll(async () => {
  await database?.close();
  rmSync(certDir, { recursive: true, force: true });
  if (saved.path === undefined) delete process.env.EINVOICE_P12_PATH;
  else process.env.EINVOICE_P12_PATH = saved.path;
  if (saved.password === undefined) delete process.env.EINVOICE_P12_PASSWORD;
  else process.env.EINVOICE_P12_PASSWORD = saved.password;
});

interface StoredRow {
  invoice_id: number;
  xml: string;
  sha256: string;
  issuer: string;
  provider_id: string | null;
  signed_at: string;
}
const stored = () => query<StoredRow>(sql`select * from einvoices order by invoice_id`);

describe('signing and storing issued invoices', () => {
  it('signs every issued invoice once (in chunks), skips drafts, and stores the XML with its SHA-256', async () => {
    const ids = [...issued.map((i) => i.id), draftId];
    const result = await signAndStoreInvoices(database.db, ids, { chunkSize: 2 });
    expect(result).toEqual({ stored: 3, skipped: 1, failed: [] });
    const rows = await stored();
    expect(rows.map((r) => Number(r.invoice_id))).toEqual(issued.map((i) => i.id).sort((a, b) => a - b));
    for (const row of rows) {
      expect(row.issuer).toBe('SELF');
      expect(row.provider_id).toBeNull();
      expect(row.sha256).toBe(sha256Hex(row.xml));
      expect(verifyInvoiceXml(row.xml)).toMatchObject({ valid: true, signer: 'Công ty Cấp nước Thử nghiệm' });
    }
    const first = rows.find((r) => Number(r.invoice_id) === issued[0]!.id)!;
    expect(first.xml).toContain(`<KHHDon>${SERIES.slice(1)}</KHHDon><SHDon>${issued[0]!.number}</SHDon>`);
    expect(first.xml).toContain('Nguyễn Văn An');
  });

  it('a second call stores nothing and leaves the stored XML as it was', async () => {
    const before = await stored();
    const result = await signAndStoreInvoices(database.db, [...issued.map((i) => i.id), draftId]);
    expect(result).toEqual({ stored: 0, skipped: 4, failed: [] });
    expect(await stored()).toEqual(before);
  });
});

describe('GET /api/invoices/{id}/xml', () => {
  it('answers the stored XML as an attachment named after series and number', async () => {
    const invoice = issued[0]!;
    const res = await fetchXml(f.clerk, invoice.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const fileName = `${SERIES}-${String(invoice.number).padStart(8, '0')}.xml`;
    expect(fileName).toMatch(/^1C\d\dTAA-\d{8}\.xml$/);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="${fileName}"; filename*=UTF-8''${fileName}`,
    );
    const [row] = await query<StoredRow>(sql`select xml from einvoices where invoice_id = ${invoice.id}`);
    expect(await res.text()).toBe(row!.xml);
  });

  it('a user with read access on the book downloads it too', async () => {
    expect((await fetchXml(f.viewer, issued[1]!.id)).status).toBe(200);
  });

  it('answers another book’s invoice exactly like a missing one (404)', async () => {
    const other = await fetchXml(f.outsider, issued[0]!.id);
    const missing = await fetchXml(f.outsider, 987_654);
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await other.json()).toEqual(await missing.json());
  });

  it('refuses a draft with 409 EINVOICE_NOT_ISSUED', async () => {
    const res = await fetchXml(f.clerk, draftId);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'EINVOICE_NOT_ISSUED' });
  });

  it('asks a signed-out visitor to sign in (401)', async () => {
    expect((await fetchXml(null, issued[0]!.id)).status).toBe(401);
  });

  it('signs an issued invoice the job has not reached yet, on demand, and keeps it', async () => {
    const invoice = issued[2]!;
    await database.db.execute(sql`delete from einvoices where invoice_id = ${invoice.id}`);
    const res = await fetchXml(f.clerk, invoice.id);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(verifyInvoiceXml(xml).valid).toBe(true);
    const [row] = await query<StoredRow>(sql`select xml, sha256 from einvoices where invoice_id = ${invoice.id}`);
    expect(row).toMatchObject({ xml, sha256: sha256Hex(xml) });
  });
});

describe('verifying the stored XML', () => {
  it('passes every untouched XML, then reports the invoice whose XML had one byte changed in the database', async () => {
    const clean = await verifyStoredEinvoices(database.db, { pageSize: 2 });
    expect(clean).toEqual({ checked: 3, valid: 3, failed: [] });

    const victim = issued[1]!.id;
    // One byte of the total (TgTTTBSo) changed in place: "1" becomes "2", anything else becomes "1".
    await database.db.execute(sql`
      update einvoices set xml = overlay(xml placing
        case when substr(xml, position('<TgTTTBSo>' in xml) + 10, 1) = '1' then '2' else '1' end
        from position('<TgTTTBSo>' in xml) + 10 for 1)
      where invoice_id = ${victim}`);
    const tampered = await verifyStoredEinvoices(database.db, { pageSize: 2 });
    expect(tampered.checked).toBe(3);
    expect(tampered.valid).toBe(2);
    expect(tampered.failed.map((x) => x.invoiceId)).toEqual([victim]);
    expect(tampered.failed[0]!.reason).toContain('SHA-256');
    expect(tampered.failed[0]!.reason).toContain('Chữ ký người bán không hợp lệ');
  });

  it('still reports it when the SHA-256 was recomputed to match: the signature catches it', async () => {
    const victim = issued[1]!.id;
    await database.db.execute(sql`update einvoices set sha256 = ${'0'.repeat(64)} where invoice_id = ${victim}`);
    const [row] = await query<StoredRow>(sql`select xml from einvoices where invoice_id = ${victim}`);
    await database.db.execute(sql`update einvoices set sha256 = ${sha256Hex(row!.xml)} where invoice_id = ${victim}`);
    const result = await verifyStoredEinvoices(database.db);
    expect(result.failed.map((x) => x.invoiceId)).toEqual([victim]);
    expect(result.failed[0]!.reason).not.toContain('SHA-256');
    expect(result.failed[0]!.reason).toContain('Chữ ký người bán không hợp lệ');
  });
});

describe('issuing through a provider (einvoice_mode PROVIDER)', () => {
  let fake: FakeProvider;
  let provider: HttpEinvoiceProvider;

  beforeAll(async () => {
    fake = await startFakeProvider();
    provider = new HttpEinvoiceProvider({
      baseUrl: fake.url,
      apiKey: fake.apiKey,
      name: 'NCC-THU',
      // Long enough for a loaded test machine; `slow` answers well after it.
      timeoutMs: 1_500,
      maxAttempts: 3,
      backoffMs: 10,
    });
    await database.db.execute(sql`delete from einvoices`);
    await database.db.execute(sql`update companies set einvoice_mode = 'PROVIDER'`);
  });
  afterAll(async () => {
    await database.db.execute(sql`update companies set einvoice_mode = 'SELF'`);
    await fake?.close();
  });

  it('a permanent refusal is reported for its invoice with a stable code, and nothing is stored for it', async () => {
    fake.script.push('reject');
    const result = await signAndStoreInvoices(database.db, [issued[0]!.id], { provider });
    expect(result.stored).toBe(0);
    expect(result.failed).toEqual([
      expect.objectContaining({ invoiceId: issued[0]!.id, code: 'EINVOICE_PROVIDER_REJECTED' }),
    ]);
    expect(await stored()).toEqual([]);
    expect(fake.issued.size).toBe(0);
    // The download path signs on demand and surfaces the same refusal.
    fake.script.push('reject');
    await expect(getInvoiceXml(database.db, f.clerk, issued[0]!.id, { provider })).rejects.toMatchObject({
      code: 'EINVOICE_PROVIDER_REJECTED',
    });
    expect(fake.script).toEqual([]);
    expect(await stored()).toEqual([]);
  });

  it('stores the provider’s XML and id; a time-out after the provider issued still leaves one issuance', async () => {
    fake.slowMs = 4_000;
    fake.script.push('slow', 'fail');
    const ids = issued.map((i) => i.id);
    const result = await signAndStoreInvoices(database.db, ids, { provider });
    expect(result).toEqual({ stored: 3, skipped: 0, failed: [] });
    expect(fake.issued.size).toBe(3);
    const keys = fake.issueRequests.map((r) => r.key);
    // 3 invoices, the slow one and the failed one asked twice: retries happened, under the same key each time.
    expect(keys.length).toBeGreaterThanOrEqual(5);
    expect(new Set(keys).size).toBe(3);
    const rows = await stored();
    for (const row of rows) {
      const issuedThere = [...fake.issued.values()].find((x) => x.id === row.provider_id);
      expect(issuedThere).toBeDefined();
      expect(row).toMatchObject({ issuer: 'NCC-THU', xml: issuedThere!.xml, sha256: sha256Hex(issuedThere!.xml) });
    }
    // Asked again (a job retried), nothing reaches the provider: the rows are there.
    const before = fake.issueRequests.length;
    expect(await signAndStoreInvoices(database.db, ids, { provider })).toMatchObject({ stored: 0, skipped: 3 });
    expect(fake.issueRequests.length).toBe(before);
  });

  it('sends a replacement as a replacement of the provider’s original, and a cancellation to the provider', async () => {
    const original = issued[1]!.id;
    const originalRef = (await stored()).find((r) => Number(r.invoice_id) === original)!.provider_id;
    const replacement = await replaceInvoice(database.db, f.admin, { id: original, reason: 'Sai tên người mua' });
    expect(await signAndStoreInvoices(database.db, [replacement.invoiceId], { provider })).toMatchObject({ stored: 1 });
    const sent = [...fake.issued.values()].find((x) => x.corrects);
    expect(sent?.corrects).toEqual({ id: originalRef, relation: 'replacements' });
    expect([...fake.issued.values()].find((x) => x.id === originalRef)?.status).toBe('REPLACED');

    const cancelled = issued[2]!.id;
    const cancelledRef = (await stored()).find((r) => Number(r.invoice_id) === cancelled)!.provider_id;
    // Not cancelled here yet: nothing is sent.
    expect(await cancelAtProvider(database.db, cancelled, { provider })).toEqual({ cancelled: false });
    await cancelInvoice(database.db, f.admin, { id: cancelled, reason: 'Khách hàng đã chuyển đi' });
    expect(await cancelAtProvider(database.db, cancelled, { provider })).toEqual({ cancelled: true });
    expect([...fake.issued.values()].find((x) => x.id === cancelledRef)?.status).toBe('CANCELLED');
  });
});
