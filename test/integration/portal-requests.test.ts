/**
 * The portal's requests (issue 10): a registration with a document becomes a work order with the document stored;
 * a resend with the same idempotency key makes no second order; a missing, wrong, reused or weak proof of work and a
 * filled honeypot are refused with nothing stored; uploads are checked by their bytes, count and origin; a service
 * request needs the bill lookup's proof; the tracking page answers an unknown code and a wrong verifier alike; and
 * every budget refuses past its count.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { rowsOf } from '@/db/sql';
import type { GraphQLContext } from '@/graphql/context';
import { runBillingRunNow } from '@/jobs/billing-runs';
import { createBillingRun } from '@/services/billing/billing-run.service';
import { issueInvoices } from '@/services/invoices/issue.service';
import { issuePortalChallenge, PORTAL_POW_DIFFICULTY } from '@/services/portal/portal-challenge';
import { PORTAL_LIMITS, sweepUsedMarks } from '@/services/portal/portal-limits';
import { MIN_FAILURE_MS } from '@/services/portal/portal-lookup.service';
import { getPortalRequestStatus, PORTAL_TRACKING_FAILED_MESSAGE } from '@/services/portal/portal-requests.service';
import { getStorage } from '@/services/storage/storage';
import { addCustomer, enterReadings, seedPublishedTariffs, type TestCustomer } from '../helpers/billing-fixtures';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { solveChallenge, wrongNonce } from '../helpers/portal-proof';

const current = vi.hoisted(() => ({ db: null as unknown as Db }));
vi.mock('server-only', () => ({}));
vi.mock('@/app/server/app-database', () => ({ getAppDatabase: async () => ({ db: current.db }) }));
vi.mock('@/app/server/client-address', () => ({ clientAddress: (h: Headers) => h.get('x-test-client') }));

const { POST: upload } = await import('@/app/api/portal/uploads/route');
const { createApolloServer } = await import('@/graphql/apollo-server');

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let hung: TestCustomer;
let storageDir: string;

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const HTML = new TextEncoder().encode('<html><script>alert(1)</script></html>');

let addressSeq = 0;
const nextIp = () => `203.0.113.${++addressSeq % 250}`;
const resetCounters = () => database.db.execute(sql`delete from request_counters where key like 'portal-%'`);
const count = async (table: 'work_orders' | 'work_order_documents') =>
  Number(
    rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!
      .n,
  );

/** A solved challenge, as the form sends it. */
function proof(overrides: Partial<{ challenge: string; nonce: string; website: string }> = {}) {
  const { challenge, difficulty } = issuePortalChallenge();
  return { challenge, nonce: solveChallenge(challenge, difficulty), website: '', ...overrides };
}

async function uploadFiles(
  files: { name: string; data: Uint8Array }[],
  headers: Record<string, string> = {},
): Promise<Response> {
  const form = new FormData();
  for (const file of files) form.append('file', new Blob([file.data as BlobPart]), file.name);
  return upload(
    new Request('http://portal.test/api/portal/uploads', {
      method: 'POST',
      body: form,
      headers: {
        'x-test-client': '198.51.100.7',
        'sec-fetch-site': 'same-origin',
        origin: 'http://portal.test',
        host: 'portal.test',
        'x-portal-token': issuePortalChallenge().challenge,
        ...headers,
      },
    }),
  );
}

async function uploadToken(data = PDF, name = 'cccd mặt trước.pdf'): Promise<string> {
  const res = await uploadFiles([{ name, data }]);
  expect(res.status).toBe(201);
  const body = (await res.json()) as { files: { token: string }[] };
  return body.files[0]!.token;
}

const SUBMIT_CONNECTION = `mutation($input: PortalConnectionRequestInput!) {
  submitConnectionRequest(input: $input) { trackingCode }
}`;
const SUBMIT_SERVICE = `mutation($input: PortalServiceRequestInput!) {
  submitServiceRequest(input: $input) { trackingCode }
}`;
const STATUS = `query($code: String!, $verifier: String!) {
  requestStatus(trackingCode: $code, verifier: $verifier) {
    trackingCode kind kindLabel status statusLabel receivedAt deadline isClosed timeline { status statusLabel at }
  }
}`;

let keySeq = 0;
function registration(overrides: Record<string, unknown> = {}) {
  return {
    applicantName: 'Nguyễn Thị Mai',
    applicantPhone: '0912 888 246',
    applicantEmail: 'Mai.Nguyen@example.com',
    citizenId: '001190012345',
    address: '25 ngõ 10 Phúc Xá',
    wardId: f.wardId,
    serviceTypeCode: 'HN_SH',
    households: 1,
    persons: 4,
    latitude: 21.0452,
    longitude: 105.8471,
    description: 'Nhà mới xây, cần lắp trước tháng 12.',
    documents: [],
    idempotencyKey: `reg-key-${++keySeq}-abcdefghijkl`,
    proof: proof(),
    ...overrides,
  };
}

const submit = (input: Record<string, unknown>, ip = nextIp()) =>
  gql(database.db, null, SUBMIT_CONNECTION, { input }, { ip });
const submitService = (input: Record<string, unknown>, ip = nextIp()) =>
  gql(database.db, null, SUBMIT_SERVICE, { input }, { ip });
const status = (code: string, verifier: string, ip = nextIp()) =>
  gql(database.db, null, STATUS, { code, verifier }, { ip });

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), 'capnuoc-portal-requests-'));
  process.env.STORAGE_DIR = storageDir;
  database = await createTestDatabase();
  current.db = database.db;
  f = await createOrgFixture(database.db);
  hung = await addCustomer(database.db, f, { name: 'Phạm Văn Hùng', phone: '0912 345 678' });
}, 120_000);
afterAll(async () => {
  await database?.close();
  await rm(storageDir, { recursive: true, force: true });
});

describe('a registration for a new connection', () => {
  it('with a PDF document becomes a work order with the document stored, and the tracking page shows it', async () => {
    const token = await uploadToken();
    const input = registration({ documents: [{ token, kind: 'CITIZEN_ID' }] });
    const r = await submit(input);
    expect(r.errors).toEqual([]);
    const code = r.data!.submitConnectionRequest.trackingCode as string;
    expect(code).toMatch(/^YC[0-9A-HJKMNP-TV-Z]{8}$/);

    const [order] = rowsOf<Record<string, unknown>>(
      await database.db.execute(sql`select * from work_orders where tracking_code = ${code}`),
    );
    expect(order).toMatchObject({
      kind: 'INSTALLATION',
      source: 'PORTAL',
      status: 'RECEIVED',
      applicant_name: 'Nguyễn Thị Mai',
      applicant_phone: '0912888246',
      applicant_email: 'mai.nguyen@example.com',
      citizen_id: '001190012345',
      address: '25 ngõ 10 Phúc Xá',
      ward_id: f.wardId,
      service_type_id: f.serviceTypeId,
      households: 1,
      persons: 4,
      customer_id: null,
    });
    expect(Number(order!.latitude)).toBeCloseTo(21.0452, 6);
    expect(Number(order!.longitude)).toBeCloseTo(105.8471, 6);

    const docs = rowsOf<Record<string, unknown>>(
      await database.db.execute(sql`select * from work_order_documents where work_order_id = ${order!.id}`),
    );
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({
      kind: 'CITIZEN_ID',
      file_name: 'cccd mặt trước.pdf',
      mime_type: 'application/pdf',
      size_bytes: PDF.byteLength,
    });
    // The file read back from the storage is the uploaded one, under a key the server made.
    expect(String(docs[0]!.storage_key)).toMatch(new RegExp(`^work-orders/${order!.id}/[0-9a-f-]{36}$`));
    expect(Buffer.from(await getStorage().get(String(docs[0]!.storage_key)))).toEqual(Buffer.from(PDF));
    // The staged copy is gone once the order committed.
    expect(await readdir(path.join(storageDir, 'staging', 'portal'))).toEqual([]);

    const s = await status(code, '8246');
    expect(s.errors).toEqual([]);
    expect(s.data!.requestStatus).toMatchObject({
      trackingCode: code,
      kind: 'INSTALLATION',
      kindLabel: 'Lắp đặt mới',
      status: 'RECEIVED',
      statusLabel: 'Đã tiếp nhận',
      isClosed: false,
    });
    expect(s.data!.requestStatus.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(s.data!.requestStatus.timeline).toEqual([
      { status: 'RECEIVED', statusLabel: 'Đã tiếp nhận', at: expect.any(String) },
    ]);
    // Nothing personal comes back: not the name, the phone, the address or the citizen id.
    for (const secret of ['Mai', '0912888246', 'Phúc Xá', '001190012345']) {
      expect(JSON.stringify(s.data)).not.toContain(secret);
    }
  });

  it('sent twice with the same idempotency key (a double tap, a retry) makes one order', async () => {
    const before = await count('work_orders');
    const input = registration();
    const first = await submit(input);
    const again = await submit(input);
    // A retry after a lost answer may even carry a fresh challenge.
    const fresh = await submit({ ...input, proof: proof() });
    const together = await Promise.all([submit(input), submit(input)]);
    expect([first, again, fresh, ...together].map((r) => r.errors)).toEqual([[], [], [], [], []]);
    const codes = new Set([first, again, fresh, ...together].map((r) => r.data!.submitConnectionRequest.trackingCode));
    expect(codes.size).toBe(1);
    expect(await count('work_orders')).toBe(before + 1);
  });

  it('refuses a bad proof of work, a reused challenge and a filled honeypot alike, storing nothing', async () => {
    const { challenge, difficulty } = issuePortalChallenge();
    const used = proof();
    expect((await submit(registration({ proof: used }))).errors).toEqual([]);
    const token = await uploadToken();
    const expired = issuePortalChallenge({ now: new Date(Date.now() - 11 * 60_000) });
    const weak = issuePortalChallenge({ difficulty: 2 });
    const forged = `${challenge.slice(0, -3)}${challenge.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    const cases: Record<string, unknown> = {
      'wrong nonce': { challenge, nonce: wrongNonce(challenge, difficulty), website: '' },
      'no nonce': { challenge, nonce: '', website: '' },
      forged: { challenge: forged, nonce: solveChallenge(forged, difficulty) },
      expired: { challenge: expired.challenge, nonce: solveChallenge(expired.challenge, expired.difficulty) },
      'too weak': { challenge: weak.challenge, nonce: solveChallenge(weak.challenge, 2) },
      'reused challenge': used,
      'filled honeypot': proof({ website: 'http://spam.example' }),
    };
    const before = [await count('work_orders'), await count('work_order_documents')];
    const answers: Record<string, unknown> = {};
    for (const [name, p] of Object.entries(cases)) {
      const r = await submit(registration({ proof: p, documents: [{ token, kind: 'CITIZEN_ID' }] }));
      answers[name] = [r.code, r.errors[0]?.message];
    }
    const expected = [
      'PORTAL_CHALLENGE_FAILED',
      'Không xác nhận được lượt gửi biểu mẫu. Vui lòng tải lại trang và gửi lại; nếu vẫn lỗi, hãy gọi tổng đài của công ty.',
    ];
    expect(answers).toEqual(Object.fromEntries(Object.keys(cases).map((k) => [k, expected])));
    expect([await count('work_orders'), await count('work_order_documents')]).toEqual(before);
    // A refused submission did not spend the upload: the same token still attaches to a proper one.
    const ok = await submit(registration({ documents: [{ token, kind: 'CITIZEN_ID' }] }));
    expect(ok.errors).toEqual([]);
    expect(PORTAL_POW_DIFFICULTY).toBeGreaterThanOrEqual(12);
  });

  it('refuses a forged or already used document token and stores no order', async () => {
    const token = await uploadToken();
    expect((await submit(registration({ documents: [{ token, kind: 'OTHER' }] }))).errors).toEqual([]);
    const before = await count('work_orders');
    const reused = await submit(registration({ documents: [{ token, kind: 'OTHER' }] }));
    expect(reused.code).toBe('PORTAL_UPLOAD_INVALID');
    const fresh = await uploadToken();
    const forged = await submit(
      registration({
        documents: [{ token: fresh.replace(/^[0-9a-f]/, (c) => (c === 'a' ? 'b' : 'a')), kind: 'OTHER' }],
      }),
    );
    expect(forged.code).toBe('PORTAL_UPLOAD_INVALID');
    const twice = await submit(
      registration({
        documents: [
          { token: fresh, kind: 'OTHER' },
          { token: fresh, kind: 'PHOTO' },
        ],
      }),
    );
    expect(twice.code).toBe('PORTAL_UPLOAD_INVALID');
    expect(await count('work_orders')).toBe(before);
  });

  it('refuses malformed input in Vietnamese before anything is stored', async () => {
    const before = await count('work_orders');
    const r = await submit(registration({ citizenId: '12345', latitude: 48.85 }));
    expect(r.code).toBe('VALIDATION_FAILED');
    expect(r.errors[0]!.message).toMatch(/căn cước|Vĩ độ/);
    const unknownType = await submit(registration({ serviceTypeCode: 'XX' }));
    expect(unknownType.code).toBe('INVALID_REFERENCE');
    expect(await count('work_orders')).toBe(before);
  });
});

describe('uploads', () => {
  it('refuse a file whose bytes are not PDF, JPEG, PNG or WebP, whatever its name, and stage nothing', async () => {
    const before = await readdir(path.join(storageDir, 'staging', 'portal')).catch(() => []);
    const res = await uploadFiles([
      { name: 'giay-to.pdf', data: PDF },
      { name: 'cccd.pdf', data: HTML },
    ]);
    expect(res.status).toBe(415);
    expect((await res.json()).code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(await readdir(path.join(storageDir, 'staging', 'portal')).catch(() => [])).toEqual(before);
  });

  it('take up to 5 files (PNG by its bytes), not 6, and refuse an empty one', async () => {
    const ok = await uploadFiles([{ name: 'anh', data: PNG }]);
    expect(ok.status).toBe(201);
    expect((await ok.json()).files[0]).toMatchObject({ fileName: 'anh.png', mimeType: 'image/png', sizeBytes: 16 });
    const six = await uploadFiles(Array.from({ length: 6 }, (_, i) => ({ name: `${i}.pdf`, data: PDF })));
    expect([six.status, (await six.json()).code]).toEqual([400, 'TOO_MANY_FILES']);
    const empty = await uploadFiles([{ name: 'rong.pdf', data: new Uint8Array(0) }]);
    expect([empty.status, (await empty.json()).code]).toEqual([400, 'EMPTY_FILE']);
  });

  it('refuse a file over 10 MB with 413', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PDF);
    const res = await uploadFiles([{ name: 'to.pdf', data: big }]);
    expect([res.status, (await res.json()).code]).toEqual([413, 'FILE_TOO_LARGE']);
  });

  it('refuse a cross-site request and one without a genuine form token (CSRF)', async () => {
    const good = { 'sec-fetch-site': 'same-origin', origin: 'http://portal.test', host: 'portal.test' };
    const cases: Record<string, Record<string, string>> = {
      'cross-site': { ...good, 'sec-fetch-site': 'cross-site', 'x-portal-token': issuePortalChallenge().challenge },
      // An older browser without Sec-Fetch-Site still sends Origin.
      'other origin': {
        origin: 'https://evil.example',
        host: 'portal.test',
        'x-portal-token': issuePortalChallenge().challenge,
      },
      'no token': good,
      'forged token': { ...good, 'x-portal-token': issuePortalChallenge().challenge.replace(/.$/, 'x') },
      'expired token': {
        ...good,
        'x-portal-token': issuePortalChallenge({ now: new Date(Date.now() - 11 * 60_000) }).challenge,
      },
    };
    for (const [name, headers] of Object.entries(cases)) {
      const form = new FormData();
      form.append('file', new Blob([PDF as BlobPart]), 'a.pdf');
      const res = await upload(
        new Request('http://portal.test/api/portal/uploads', {
          method: 'POST',
          body: form,
          headers: { 'x-test-client': '198.51.100.8', ...headers },
        }),
      );
      expect([name, res.status, (await res.json()).code]).toEqual([name, 403, 'CROSS_SITE_REQUEST']);
    }
  });

  it('refuse an address past its budget with 429 and Retry-After, not another address', async () => {
    await resetCounters();
    for (let i = 0; i < PORTAL_LIMITS.uploadsPerAddress.operations; i++) {
      expect((await uploadFiles([{ name: 'a.pdf', data: PDF }], { 'x-test-client': '198.51.100.99' })).status).toBe(
        201,
      );
    }
    const refused = await uploadFiles([{ name: 'a.pdf', data: PDF }], { 'x-test-client': '198.51.100.99' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3500);
    expect((await uploadFiles([{ name: 'a.pdf', data: PDF }], { 'x-test-client': '198.51.100.98' })).status).toBe(201);
  });
});

describe('a request of an existing customer', () => {
  const request = (overrides: Record<string, unknown> = {}) => ({
    customerCode: hung.code,
    verifier: '5678',
    kind: 'RELOCATION',
    applicantName: 'Phạm Văn Hùng',
    applicantPhone: '0912345678',
    description: 'Đồng hồ nằm trong nhà, xin dời ra ngoài cổng.',
    details: { newAddress: 'Trước cổng số 12, sát tường rào' },
    documents: [],
    idempotencyKey: `svc-key-${++keySeq}-abcdefghijkl`,
    proof: proof(),
    ...overrides,
  });

  it('with the lookup’s proof becomes a work order of the customer, with its details and photo', async () => {
    await resetCounters();
    const token = await uploadToken(PNG, 'dong-ho.png');
    const r = await submitService(request({ documents: [{ token, kind: 'PHOTO' }] }));
    expect(r.errors).toEqual([]);
    const code = r.data!.submitServiceRequest.trackingCode;
    const [order] = rowsOf<Record<string, unknown>>(
      await database.db.execute(sql`select * from work_orders where tracking_code = ${code}`),
    );
    expect(order).toMatchObject({
      kind: 'RELOCATION',
      source: 'PORTAL',
      customer_id: hung.id,
      book_id: f.bookIds[0],
      details: { newAddress: 'Trước cổng số 12, sát tường rào' },
    });
    const docs = rowsOf<{ mime_type: string }>(
      await database.db.execute(sql`select mime_type from work_order_documents where work_order_id = ${order!.id}`),
    );
    expect(docs.map((d) => d.mime_type)).toEqual(['image/png']);
    const s = await status(code, '5678');
    expect(s.data!.requestStatus).toMatchObject({ kind: 'RELOCATION', kindLabel: 'Di dời đồng hồ' });
  });

  it('refuses a wrong second factor and an unknown code alike, storing nothing', async () => {
    await resetCounters();
    const before = await count('work_orders');
    const wrong = await submitService(request({ verifier: '0000' }));
    const unknown = await submitService(request({ customerCode: 'KH9999999' }));
    expect(wrong.code).toBe('PORTAL_LOOKUP_FAILED');
    expect(unknown.errors).toEqual(wrong.errors);
    expect(await count('work_orders')).toBe(before);
  });

  it('asks each kind for what it needs', async () => {
    const r = await submitService(request({ kind: 'NAME_CHANGE', details: {} }));
    expect(r.code).toBe('VALIDATION_FAILED');
    expect(r.errors[0]!.message).toBe('Nhập tên mới trên hợp đồng.');
    const suspension = await submitService(
      request({ kind: 'SUSPENSION', details: { fromDate: '2026-12-01', toDate: '2026-11-01' } }),
    );
    expect(suspension.errors[0]!.message).toBe('Ngày kết thúc tạm ngưng phải sau ngày bắt đầu.');
  });
});

describe('a bill dispute', () => {
  let number = 0;
  let invoiceId = 0;
  let lanNumber = 0;
  beforeAll(async () => {
    const db = database.db;
    const types = await seedPublishedTariffs(db, f.admin);
    const lan = await addCustomer(db, f, {
      name: 'Đỗ Thị Lan',
      phone: '0987000111',
      serviceTypeId: types.get('HN_SH'),
    });
    await db.execute(sql`update customers set service_type_id = ${types.get('HN_SH')!} where id = ${hung.id}`);
    await enterReadings(db, f.admin, '2026-10', [
      [hung.id, 18],
      [lan.id, 9],
    ]);
    await db.execute(sql`insert into invoice_series (template_symbol, invoice_symbol, year, is_default)
      values ('1', 'C26TAA', 2026, true)`);
    const run = await createBillingRun(db, f.admin, {
      period: '2026-10',
      scope: { kind: 'books', bookIds: [f.bookIds[0]] },
    });
    await runBillingRunNow(db, run.id);
    await issueInvoices(db, f.admin, { period: '2026-10', bookIds: [f.bookIds[0]] });
    const rows = rowsOf<{ id: number; number: number; customer_id: number }>(
      await db.execute(sql`select id, number, customer_id from invoices where number is not null`),
    );
    const mine = rows.find((r) => Number(r.customer_id) === hung.id)!;
    [number, invoiceId] = [Number(mine.number), Number(mine.id)];
    lanNumber = Number(rows.find((r) => Number(r.customer_id) === lan.id)!.number);
  }, 180_000);

  const dispute = (invoiceNumber: string) => ({
    customerCode: hung.code,
    verifier: '5678',
    kind: 'BILL_DISPUTE',
    applicantName: 'Phạm Văn Hùng',
    applicantPhone: '0912345678',
    description: 'Tháng này nhà đi vắng mà tiền nước tăng gấp đôi.',
    details: { invoiceNumber },
    idempotencyKey: `dispute-${++keySeq}-abcdefghijkl`,
    proof: proof(),
  });

  it('names the customer’s own invoice by its printed number; another customer’s number is refused', async () => {
    await resetCounters();
    const r = await submitService(dispute(String(number).padStart(8, '0')));
    expect(r.errors).toEqual([]);
    const [order] = rowsOf<{ invoice_id: number; kind: string }>(
      await database.db.execute(
        sql`select invoice_id, kind from work_orders where tracking_code = ${r.data!.submitServiceRequest.trackingCode}`,
      ),
    );
    expect([order!.kind, Number(order!.invoice_id)]).toEqual(['BILL_DISPUTE', invoiceId]);
    const other = await submitService(dispute(String(lanNumber)));
    expect([other.code, other.errors[0]?.message]).toEqual([
      'VALIDATION_FAILED',
      'Không tìm thấy hóa đơn số này của khách hàng. Vui lòng kiểm tra lại.',
    ]);
  });
});

/** Median of a list of milliseconds. */
function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

describe('the tracking page', () => {
  let code = '';
  beforeAll(async () => {
    const r = await submit(registration({ applicantPhone: '0987 654 321' }));
    code = r.data!.submitConnectionRequest.trackingCode;
  });

  it('answers an unknown code and a wrong verifier identically', async () => {
    await resetCounters();
    const unknown = await status('YC00000000', '4321');
    const wrong = await status(code, '0000');
    expect(unknown.code).toBe('PORTAL_TRACKING_FAILED');
    expect(unknown.errors).toEqual(wrong.errors);
    expect(unknown.data).toEqual(wrong.data);
    expect(unknown.errors[0]!.message).toBe(PORTAL_TRACKING_FAILED_MESSAGE);
    // Typed the way people type it from a receipt: lower case, spaces, O for 0.
    const typed = await status(
      code
        .toLowerCase()
        .replace(/0/g, 'o')
        .replace(/^(..)(....)/, '$1 $2-'),
      '4321',
    );
    expect(typed.errors).toEqual([]);
  });

  it('takes the same time for both (medians of 15 calls differ by < 30 ms), padded and unpadded', async () => {
    const ms = { unknown: [] as number[], wrong: [] as number[], rawUnknown: [] as number[], rawWrong: [] as number[] };
    const time = async (fn: () => Promise<unknown>) => {
      await resetCounters();
      const t = performance.now();
      await fn();
      return performance.now() - t;
    };
    const raw = (c: string, v: string) =>
      getPortalRequestStatus(database.db, '198.51.100.3', { trackingCode: c, verifier: v }, { minFailureMs: 0 }).catch(
        (e: unknown) => e,
      );
    for (let i = 0; i < 15; i++) {
      ms.unknown.push(await time(() => status(`YC0000${String(1000 + i)}`, '4321')));
      ms.wrong.push(await time(() => status(code, String(1000 + i))));
      ms.rawUnknown.push(await time(() => raw(`YC0001${String(1000 + i)}`, '4321')));
      ms.rawWrong.push(await time(() => raw(code, String(2000 + i))));
    }
    expect(median(ms.unknown)).toBeGreaterThanOrEqual(MIN_FAILURE_MS);
    expect(median(ms.wrong)).toBeGreaterThanOrEqual(MIN_FAILURE_MS);
    expect(Math.abs(median(ms.unknown) - median(ms.wrong))).toBeLessThan(30);
    expect(Math.abs(median(ms.rawUnknown) - median(ms.rawWrong))).toBeLessThan(30);
  });
});

describe('single-use marks', () => {
  it('are swept once they can no longer matter, and kept while they can', async () => {
    await database.db.execute(sql`insert into request_counters (key, count, window_started_at) values
      ('portal-pow:old', 1, now() - interval '30 minutes'), ('portal-pow:new', 1, now() - interval '5 minutes'),
      ('portal-upload:old', 1, now() - interval '4 hours'), ('portal-upload:new', 1, now() - interval '1 hour'),
      ('portal-idem:old', 1, now() - interval '2 days'), ('portal-idem:new', 1, now() - interval '2 hours'),
      ('portal-lookup:keep', 1, now() - interval '2 days')`);
    await sweepUsedMarks(database.db);
    const keys = rowsOf<{ key: string }>(
      await database.db.execute(sql`select key from request_counters
        where key in ('portal-pow:old', 'portal-pow:new', 'portal-upload:old', 'portal-upload:new',
          'portal-idem:old', 'portal-idem:new', 'portal-lookup:keep') order by key`),
    ).map((r) => r.key);
    expect(keys).toEqual(['portal-idem:new', 'portal-lookup:keep', 'portal-pow:new', 'portal-upload:new']);
  });
});

describe('rate limits', () => {
  let server: ApolloServer<GraphQLContext>;
  beforeAll(() => {
    server = createApolloServer({ production: false, anonymousRate: { operations: 10_000, windowSeconds: 60 } });
  });

  async function http(query: string, variables: Record<string, unknown>, ip: string) {
    const res = await server.executeOperation<Record<string, any>>(
      { query, variables },
      { contextValue: { db: database.db, actor: null, ip } },
    );
    if (res.body.kind !== 'single') throw new Error('unexpected incremental answer');
    const errors = res.body.singleResult.errors ?? [];
    return {
      status: res.http.status,
      retryAfter: res.http.headers.get('retry-after'),
      code: errors[0]?.extensions?.code,
    };
  }

  it('the endpoint refuses a submission posted as a simple (form-like) request: Apollo’s CSRF prevention', async () => {
    const before = await count('work_orders');
    // The HTTP entry point needs a started server (executeOperation starts one itself).
    await server.startInBackgroundHandlingStartupErrorsByLoggingAndFailingAllRequests();
    const res = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: 'POST',
        headers: new HeaderMap([['content-type', 'text/plain']]),
        search: '',
        body: JSON.stringify({ query: SUBMIT_CONNECTION, variables: { input: registration() } }),
      },
      context: async () => ({ db: database.db, actor: null, ip: '192.0.2.77' }),
    });
    expect(res.status).toBe(400);
    const body = res.body.kind === 'complete' ? res.body.string : '';
    expect(body).toMatch(/CSRF/);
    expect(await count('work_orders')).toBe(before);
  });

  it('refuse an address after 10 submissions in an hour (refused ones count too), with 429', async () => {
    await resetCounters();
    const budget = PORTAL_LIMITS.submissionsPerAddress.operations;
    for (let i = 0; i < budget; i++) {
      const r = await http(
        SUBMIT_CONNECTION,
        { input: registration({ proof: { challenge: 'x', nonce: '1' } }) },
        '192.0.2.80',
      );
      expect(r.code).toBe('PORTAL_CHALLENGE_FAILED');
    }
    const before = await count('work_orders');
    const refused = await http(SUBMIT_CONNECTION, { input: registration() }, '192.0.2.80');
    expect([refused.code, refused.status]).toEqual(['RATE_LIMITED', 429]);
    expect(Number(refused.retryAfter)).toBeGreaterThan(3500);
    expect(await count('work_orders')).toBe(before);
    const other = await http(SUBMIT_CONNECTION, { input: registration() }, '192.0.2.81');
    expect(other.code).toBeUndefined();
  });

  it('lock a tracking code after 5 wrong verifiers in an hour, an unknown code alike', async () => {
    await resetCounters();
    const r = await submit(registration());
    const code = r.data!.submitConnectionRequest.trackingCode;
    const answers = { real: [] as unknown[], unknown: [] as unknown[] };
    for (let i = 0; i < 6; i++) {
      answers.real.push((await http(STATUS, { code, verifier: String(3000 + i) }, `192.0.2.${100 + i}`)).code);
      answers.unknown.push(
        (await http(STATUS, { code: 'YC11111111', verifier: String(3000 + i) }, `192.0.2.${110 + i}`)).code,
      );
    }
    expect(answers.real).toEqual([...Array(5).fill('PORTAL_TRACKING_FAILED'), 'RATE_LIMITED']);
    expect(answers.unknown).toEqual(answers.real);
  });

  it('refuse an address after 20 tracking lookups in 10 minutes', async () => {
    await resetCounters();
    for (let i = 0; i < PORTAL_LIMITS.statusLookupsPerAddress.operations; i++) {
      expect((await http(STATUS, { code: `YC2222${String(2000 + i)}`, verifier: '1234' }, '192.0.2.90')).code).toBe(
        'PORTAL_TRACKING_FAILED',
      );
    }
    const refused = await http(STATUS, { code: 'YC33333333', verifier: '1234' }, '192.0.2.90');
    expect([refused.code, refused.status]).toEqual(['RATE_LIMITED', 429]);
  });
});
