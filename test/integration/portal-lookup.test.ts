/**
 * The portal's bill lookup without an account (issue 10): a right second factor answers the open bills, an unknown
 * code and a wrong factor answer alike and in the same time, the per-address and per-code budgets refuse after their
 * budget without touching another address or code, and the PDF/XML links work only with their own unexpired token.
 */
import type { ApolloServer } from '@apollo/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { rowsOf } from '@/db/sql';
import { checkCrc, emvValue } from '@/domain/invoices/vietqr';
import type { GraphQLContext } from '@/graphql/context';
import { runBillingRunNow } from '@/jobs/billing-runs';
import { createBillingRun } from '@/services/billing/billing-run.service';
import { issueInvoices } from '@/services/invoices/issue.service';
import { PORTAL_LIMITS } from '@/services/portal/portal-limits';
import {
  lookupPortalBills,
  MIN_FAILURE_MS,
  PORTAL_LOOKUP_FAILED_MESSAGE,
} from '@/services/portal/portal-lookup.service';
import { signPortalLink } from '@/services/portal/portal-token';
import { addCustomer, enterReadings, seedPublishedTariffs, type TestCustomer } from '../helpers/billing-fixtures';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { extractPdfPages } from '../helpers/pdf-text';

const current = vi.hoisted(() => ({ db: null as unknown as Db }));
vi.mock('server-only', () => ({}));
vi.mock('@/app/server/app-database', () => ({ getAppDatabase: async () => ({ db: current.db }) }));
// The route reads the client address the way the app does; here a test header stands for the stamped socket address.
vi.mock('@/app/server/client-address', () => ({ clientAddress: (h: Headers) => h.get('x-test-client') }));

const { GET: getPdf } = await import('@/app/api/portal/invoices/[id]/pdf/route');
const { GET: getXml } = await import('@/app/api/portal/invoices/[id]/xml/route');
const { createApolloServer } = await import('@/graphql/apollo-server');

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let hung: TestCustomer;
let lan: TestCustomer;
/** Hùng's invoices of 2026-09 and 2026-10, Lan's of 2026-10: [id, number, total]. */
const invoicesOf = new Map<number, { id: number; number: number; total: number; period: string }[]>();

const LOOKUP = `query($code: String!, $verifier: String!) {
  portalBills(customerCode: $code, verifier: $verifier) {
    customerName maskedAddress totalDue linksExpireAt
    invoices { period series number issuedOn total amountDue vietQr pdfUrl xmlUrl }
    consumption { period m3 }
  }
}`;

let addressSeq = 0;
/** A fresh client address per call unless given, so the per-address budget only bites where a test wants it. */
const lookup = (code: string, verifier: string, ip = `203.0.113.${++addressSeq}`) =>
  gql(database.db, null, LOOKUP, { code, verifier }, { ip });

const resetCounters = () => database.db.execute(sql`delete from request_counters where key like 'portal-%'`);

beforeAll(async () => {
  database = await createTestDatabase();
  current.db = database.db;
  const db = database.db;
  f = await createOrgFixture(db);
  const types = await seedPublishedTariffs(db, f.admin);
  await db.execute(sql`update companies set bank_bin = '970415', bank_account = '113000123456',
    bank_name = 'VietinBank', tax_code = '0108123456', address = '18 Thanh Niên, Ba Đình, Hà Nội', hotline = '1900545433'`);
  hung = await addCustomer(db, f, {
    name: 'Phạm Văn Hùng',
    address: '12 ngõ 5 Phúc Xá, phường Phúc Xá, Ba Đình',
    phone: '0912 345 678',
    serviceTypeId: types.get('HN_SH'),
  });
  lan = await addCustomer(db, f, {
    name: 'Đỗ Thị Lan',
    address: '7 Hàng Bông, Hoàn Kiếm',
    phone: '0987000111',
    serviceTypeId: types.get('HN_SH'),
  });
  // Hùng reads 10, 12, 15, 18 m³ over four months; Lan 9 m³ in the last.
  await enterReadings(db, f.admin, '2026-07', [[hung.id, 10]]);
  await enterReadings(db, f.admin, '2026-08', [[hung.id, 22]]);
  await enterReadings(db, f.admin, '2026-09', [[hung.id, 37]]);
  await enterReadings(db, f.admin, '2026-10', [
    [hung.id, 55],
    [lan.id, 9],
  ]);
  await db.execute(sql`insert into invoice_series (template_symbol, invoice_symbol, year, is_default)
    values ('1', 'C26TAA', 2026, true)`);
  for (const period of ['2026-09', '2026-10']) {
    const run = await createBillingRun(db, f.admin, { period, scope: { kind: 'books', bookIds: [f.bookIds[0]] } });
    await runBillingRunNow(db, run.id);
    await issueInvoices(db, f.admin, { period, bookIds: [f.bookIds[0]] });
  }
  for (const c of [hung, lan]) {
    const rows = rowsOf<{ id: number; number: number; total: number; period: string }>(
      await db.execute(sql`select id, number, total, period from invoices where customer_id = ${c.id} order by period`),
    );
    invoicesOf.set(
      c.id,
      rows.map((r) => ({ id: Number(r.id), number: Number(r.number), total: Number(r.total), period: r.period })),
    );
  }
}, 240_000);
afterAll(async () => database?.close());

describe('a right proof', () => {
  it('with the last 4 digits of the phone answers the open bills, their amounts, QR codes and links', async () => {
    const r = await lookup(hung.code, '5678');
    expect(r.errors).toEqual([]);
    const bills = r.data!.portalBills;
    const mine = invoicesOf.get(hung.id)!;
    expect(mine).toHaveLength(2);
    expect(bills.customerName).toBe('Phạm Văn Hùng');
    expect(bills.maskedAddress).toBe('** ngõ * Phúc Xá, phường Phúc Xá, Ba Đình');
    expect(bills.invoices.map((i: any) => [i.period, i.series, i.number, i.total, i.amountDue])).toEqual(
      mine.map((i) => [i.period, '1C26TAA', i.number, i.total, i.total]),
    );
    expect(bills.totalDue).toBe(mine[0]!.total + mine[1]!.total);
    expect(mine[0]!.total).toBeGreaterThan(0);
    for (const [k, inv] of (bills.invoices as any[]).entries()) {
      expect(checkCrc(inv.vietQr)).toBe(true);
      expect(emvValue(inv.vietQr, '54')).toBe(String(mine[k]!.total));
      expect(emvValue(inv.vietQr, '38', '01', '01')).toBe('113000123456');
      expect(inv.pdfUrl).toMatch(new RegExp(`^/api/portal/invoices/${mine[k]!.id}/pdf\\?token=\\d+\\.[\\w-]{43}$`));
      expect(inv.xmlUrl).toBe(inv.pdfUrl.replace('/pdf?', '/xml?'));
    }
    const expiresIn = Date.parse(bills.linksExpireAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(14 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(15 * 60_000);
    expect(bills.consumption).toHaveLength(12);
    expect(bills.consumption[0]).toEqual({ period: '2025-11', m3: null });
    expect(bills.consumption.slice(-4)).toEqual([
      { period: '2026-07', m3: 10 },
      { period: '2026-08', m3: 12 },
      { period: '2026-09', m3: 15 },
      { period: '2026-10', m3: 18 },
    ]);
    // Only Hùng's own bills: nothing of Lan's.
    expect(JSON.stringify(r.data)).not.toContain('Lan');
  });

  it('with an invoice number as printed (8 digits) answers the same bills; codes are read case- and space-blind', async () => {
    const number = invoicesOf.get(hung.id)![0]!.number;
    const byInvoice = await lookup(` ${hung.code.toLowerCase()} `, String(number).padStart(8, '0'));
    expect(byInvoice.errors).toEqual([]);
    const byPhone = await lookup(hung.code, '5678');
    const strip = (d: any) => ({ ...d.portalBills, linksExpireAt: null, invoices: d.portalBills.invoices.length });
    expect(strip(byInvoice.data)).toEqual(strip(byPhone.data));
    // Another customer's invoice number proves nothing for Hùng.
    const lansNumber = invoicesOf.get(lan.id)![0]!.number;
    expect((await lookup(hung.code, String(lansNumber).padStart(8, '0'))).code).toBe('PORTAL_LOOKUP_FAILED');
  });

  it('refuses malformed input before looking anything up, with a Vietnamese message', async () => {
    const r = await lookup(hung.code, '12');
    expect(r.code).toBe('VALIDATION_FAILED');
    expect(r.errors[0]!.message).toMatch(/4 số cuối điện thoại/);
    const bad = await lookup('KH-<script>', '5678');
    expect(bad.code).toBe('VALIDATION_FAILED');
  });
});

/** Median of a list of milliseconds. */
function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

describe('an unknown code and a wrong second factor', () => {
  it('answer identically: the same code, message and shape', async () => {
    await resetCounters();
    const unknown = await lookup('KH9999999', '5678');
    const wrong = await lookup(hung.code, '0000');
    expect(unknown.code).toBe('PORTAL_LOOKUP_FAILED');
    expect(unknown.errors).toEqual(wrong.errors);
    expect(unknown.data).toEqual(wrong.data);
    expect(unknown.errors[0]!.message).toBe(PORTAL_LOOKUP_FAILED_MESSAGE);
  });

  /*
   * 20 calls of each, interleaved so drift hits both alike; the budgets are reset before each call so every call does
   * the full work. Through GraphQL with the real floor (MIN_FAILURE_MS) and through the service with no floor (the
   * work alone): both medians must differ by less than 30 ms. Measured on PGlite on a 2-core machine: the unpadded
   * work differs by well under 1 ms; 30 ms leaves room for a loaded CI machine without hiding a second query.
   */
  it('take the same time (medians of 20 calls each differ by < 30 ms), padded and unpadded', async () => {
    const unknownMs: number[] = [];
    const wrongMs: number[] = [];
    const rawUnknownMs: number[] = [];
    const rawWrongMs: number[] = [];
    const time = async (fn: () => Promise<unknown>) => {
      await resetCounters();
      const t = performance.now();
      await fn();
      return performance.now() - t;
    };
    const raw = (code: string, verifier: string) =>
      lookupPortalBills(database.db, '198.51.100.1', { customerCode: code, verifier }, { minFailureMs: 0 }).catch(
        (e: unknown) => e,
      );
    for (let i = 0; i < 20; i++) {
      unknownMs.push(await time(() => lookup(`KH${String(8_000_000 + i)}`, '5678')));
      wrongMs.push(await time(() => lookup(hung.code, String(1000 + i))));
      rawUnknownMs.push(await time(() => raw(`KH${String(8_100_000 + i)}`, '5678')));
      rawWrongMs.push(await time(() => raw(hung.code, String(2000 + i))));
    }
    const padded = Math.abs(median(unknownMs) - median(wrongMs));
    const unpadded = Math.abs(median(rawUnknownMs) - median(rawWrongMs));
    console.info(
      `[portal timing] padded: unknown ${median(unknownMs).toFixed(1)} ms, wrong ${median(wrongMs).toFixed(1)} ms; ` +
        `unpadded: unknown ${median(rawUnknownMs).toFixed(2)} ms, wrong ${median(rawWrongMs).toFixed(2)} ms`,
    );
    expect(median(unknownMs)).toBeGreaterThanOrEqual(MIN_FAILURE_MS);
    expect(median(wrongMs)).toBeGreaterThanOrEqual(MIN_FAILURE_MS);
    expect(padded).toBeLessThan(30);
    expect(unpadded).toBeLessThan(30);
  });
});

describe('rate limits', () => {
  let server: ApolloServer<GraphQLContext>;
  beforeAll(() => {
    // The endpoint's own anonymous budget is raised out of the way: these tests are about the portal's.
    server = createApolloServer({ production: false, anonymousRate: { operations: 10_000, windowSeconds: 60 } });
  });

  async function http(code: string, verifier: string, ip: string) {
    const res = await server.executeOperation<Record<string, any>>(
      { query: LOOKUP, variables: { code, verifier } },
      { contextValue: { db: database.db, actor: null, ip } },
    );
    if (res.body.kind !== 'single') throw new Error('unexpected incremental answer');
    const errors = res.body.singleResult.errors ?? [];
    return {
      status: res.http.status,
      retryAfter: res.http.headers.get('retry-after'),
      code: errors[0]?.extensions?.code as string | undefined,
      errors,
      data: res.body.singleResult.data,
    };
  }

  it('refuse an address after 10 lookups in 10 minutes with 429 and Retry-After, not another address', async () => {
    await resetCounters();
    const budget = PORTAL_LIMITS.lookupsPerAddress.operations;
    expect(budget).toBe(10);
    for (let i = 0; i < budget; i++) {
      const ok = await http(hung.code, '5678', '192.0.2.10');
      expect([i, ok.errors]).toEqual([i, []]);
    }
    const refused = await http(hung.code, '5678', '192.0.2.10');
    expect(refused.code).toBe('RATE_LIMITED');
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(590);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(600);
    expect(refused.errors[0]!.message).toMatch(/tra cứu quá nhiều lần.*10 phút/);
    // The HTTP head stays out of the body: the error carries its code only.
    expect(refused.errors[0]!.extensions).toEqual({ code: 'RATE_LIMITED' });
    const other = await http(hung.code, '5678', '192.0.2.11');
    expect(other.errors).toEqual([]);
    expect(other.status).toBeUndefined();
  });

  it('lock a code for everyone after 5 wrong proofs in an hour, even with the right factor, not another code', async () => {
    await resetCounters();
    for (let i = 0; i < 5; i++) {
      expect((await http(hung.code, String(4000 + i), `192.0.2.${20 + i}`)).code).toBe('PORTAL_LOOKUP_FAILED');
    }
    const locked = await http(hung.code, '5678', '192.0.2.30');
    expect(locked.code).toBe('RATE_LIMITED');
    expect(locked.status).toBe(429);
    expect(Number(locked.retryAfter)).toBeGreaterThan(3500);
    expect(locked.errors[0]!.message).toMatch(/tạm khóa tra cứu.*60 phút/);
    // Lan's code is untouched, from the very address that just hit the lock.
    expect((await http(lan.code, '0111', '192.0.2.30')).errors).toEqual([]);
  });

  it('lock a code nobody has exactly like a real one, so the lock tells nothing about which codes exist', async () => {
    await resetCounters();
    const answers = { real: [] as string[], unknown: [] as string[] };
    for (let i = 0; i < 6; i++) {
      answers.real.push((await http(lan.code, String(5000 + i), `192.0.2.${40 + i}`)).code!);
      answers.unknown.push((await http('KH7777777', String(5000 + i), `192.0.2.${50 + i}`)).code!);
    }
    expect(answers.real).toEqual([...Array(5).fill('PORTAL_LOOKUP_FAILED'), 'RATE_LIMITED']);
    expect(answers.unknown).toEqual(answers.real);
    const real = await http(lan.code, '0111', '192.0.2.60');
    const unknown = await http('KH7777777', '0111', '192.0.2.61');
    expect(unknown.errors.map((e) => e.message)).toEqual(real.errors.map((e) => e.message));
  });

  it('a burst of parallel guesses on one code gets no more than the budget of real attempts', async () => {
    await resetCounters();
    const codes = await Promise.all(
      Array.from({ length: 12 }, (_, i) => http(hung.code, String(6000 + i), `192.0.2.${70 + i}`).then((r) => r.code)),
    );
    expect(codes.filter((c) => c === 'PORTAL_LOOKUP_FAILED')).toHaveLength(5);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(7);
  });

  it('a right proof does not count towards the code’s lock', async () => {
    await resetCounters();
    for (let i = 0; i < 4; i++) expect((await lookup(lan.code, String(7000 + i))).code).toBe('PORTAL_LOOKUP_FAILED');
    for (let i = 0; i < 3; i++) expect((await lookup(lan.code, '0111')).errors).toEqual([]);
    expect((await lookup(lan.code, '7100')).code).toBe('PORTAL_LOOKUP_FAILED');
    expect((await lookup(lan.code, '0111')).code).toBe('RATE_LIMITED');
  });
});

describe('download links', () => {
  const get = (route: typeof getPdf, url: string, client = '198.51.100.50') => {
    const id = /\/invoices\/(\d+)\//.exec(url)?.[1] ?? '0';
    return route(new Request(`http://test${url}`, { headers: { 'x-test-client': client } }), {
      params: Promise.resolve({ id }),
    });
  };
  let links: { pdfUrl: string; xmlUrl: string; number: number }[] = [];

  beforeAll(async () => {
    await resetCounters();
    const r = await lookup(hung.code, '5678');
    links = r.data!.portalBills.invoices;
  });

  it('serve the PDF and the signed XML with the token a lookup handed out', async () => {
    const pdf = await get(getPdf, links[0]!.pdfUrl);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('cache-control')).toBe('private, no-store');
    const text = (await extractPdfPages(new Uint8Array(await pdf.arrayBuffer()))).join('\n');
    expect(text).toContain('Phạm Văn Hùng');
    expect(text).toContain(String(links[0]!.number).padStart(8, '0'));

    const xml = await get(getXml, links[0]!.xmlUrl);
    expect([xml.status, xml.status === 200 ? '' : await xml.clone().text()]).toEqual([200, '']);
    expect(xml.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const body = await xml.text();
    expect(body).toContain(`<SHDon>${links[0]!.number}</SHDon>`);
    expect(body).toContain('Signature');
  });

  it('refuse a missing, forged or expired token and another invoice’s token alike (403 PORTAL_LINK_INVALID)', async () => {
    const [first, second] = links;
    const firstId = /\/invoices\/(\d+)\//.exec(first!.pdfUrl)![1]!;
    const secondId = /\/invoices\/(\d+)\//.exec(second!.pdfUrl)![1]!;
    const token = new URL(`http://x${first!.pdfUrl}`).searchParams.get('token')!;
    const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    const expired = signPortalLink(Number(firstId), Math.floor(Date.now() / 1000) - 1);
    const lansInvoice = invoicesOf.get(lan.id)![0]!.id;
    const cases: [typeof getPdf, string][] = [
      [getPdf, `/api/portal/invoices/${firstId}/pdf`],
      [getPdf, `/api/portal/invoices/${firstId}/pdf?token=${forged}`],
      [getXml, `/api/portal/invoices/${firstId}/xml?token=${expired}`],
      // Hùng's token on his other invoice, and on Lan's.
      [getPdf, `/api/portal/invoices/${secondId}/pdf?token=${token}`],
      [getXml, `/api/portal/invoices/${lansInvoice}/xml?token=${token}`],
      // An id that is no invoice at all answers the same.
      [getPdf, `/api/portal/invoices/987654/pdf?token=${token}`],
    ];
    for (const [route, url] of cases) {
      const res = await get(route, url);
      expect([url, res.status]).toEqual([url, 403]);
      expect(await res.json()).toEqual({
        code: 'PORTAL_LINK_INVALID',
        message: 'Liên kết tải hóa đơn không hợp lệ hoặc đã hết hạn. Vui lòng tra cứu lại để nhận liên kết mới.',
      });
    }
  });

  it('refuse an address past its download budget with 429, not another address', async () => {
    await resetCounters();
    const budget = PORTAL_LIMITS.downloadsPerAddress.operations;
    const firstId = /\/invoices\/(\d+)\//.exec(links[0]!.xmlUrl)![1]!;
    for (let i = 0; i < budget; i++) {
      expect((await get(getXml, `/api/portal/invoices/${firstId}/xml?token=x`, '198.51.100.60')).status).toBe(403);
    }
    const refused = await get(getXml, links[0]!.xmlUrl, '198.51.100.60');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(590);
    expect((await refused.json()).code).toBe('RATE_LIMITED');
    expect((await get(getXml, links[0]!.xmlUrl, '198.51.100.61')).status).toBe(200);
  });
});

describe('the public company and calculator fields', () => {
  it('portalCompany answers the company’s contacts and portalServiceTypes the types with a tariff', async () => {
    const r = await gql(
      database.db,
      null,
      `{ portalCompany { name address hotline email } portalServiceTypes { code name basis } }`,
    );
    expect(r.errors).toEqual([]);
    expect(r.data!.portalCompany.address).toBe('18 Thanh Niên, Ba Đình, Hà Nội');
    expect(r.data!.portalCompany.hotline).toBe('1900545433');
    const hnsh = r.data!.portalServiceTypes.find((t: { code: string }) => t.code === 'HN_SH');
    expect(hnsh).toMatchObject({ code: 'HN_SH', basis: 'household' });
  });

  it('estimateBill prices the calculator’s input for an anonymous visitor', async () => {
    const r = await gql(
      database.db,
      null,
      `query($input: EstimateBillInput!) { estimateBill(input: $input) { total } }`,
      { input: { serviceTypeCode: 'HN_SH', consumption: 25, households: 1, persons: null } },
    );
    expect(r.errors).toEqual([]);
    expect(r.data!.estimateBill.total).toBeGreaterThan(0);
  });
});
