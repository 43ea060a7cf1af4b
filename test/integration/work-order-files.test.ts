/**
 * The work-order file routes: documents uploaded by staff are checked by their bytes and size and served as what they
 * are (sandboxed), to users who may read the order; the quote is a PDF of the order's quote.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GraphQLContext } from '@/graphql/context';
import type { Actor } from '@/services/auth/actor';
import { quoteWorkOrder, surveyWorkOrder } from '@/services/work-orders/installation.service';
import { receiveWorkOrder } from '@/services/work-orders/intake.service';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { extractPdfPages } from '../helpers/pdf-text';
import { grantDocumentRights, installationRequest } from '../helpers/work-order-fixtures';

const current = vi.hoisted(() => ({ ctx: null as unknown as GraphQLContext }));
vi.mock('server-only', () => ({}));
vi.mock('@/app/server/request-context', () => ({ getRequestContext: async () => current.ctx }));

const { POST: upload } = await import('@/app/api/work-orders/[id]/documents/route');
const { GET: serve } = await import('@/app/api/work-order-documents/[id]/route');
const { GET: quotePdf } = await import('@/app/api/work-orders/[id]/quote/route');

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let clerk: Actor;
let storageDir: string;
let orderId: number;

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), 'capnuoc-wo-files-'));
  process.env.STORAGE_DIR = storageDir;
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  clerk = await grantDocumentRights(database.db, f.clerk, f.branchIds[0], ['installations']);
  orderId = (await receiveWorkOrder(database.db, { actor: clerk }, installationRequest(f.wardId))).id;
  await surveyWorkOrder(database.db, clerk, { id: orderId, notes: 'Khảo sát xong' });
  await quoteWorkOrder(database.db, clerk, {
    id: orderId,
    lines: [{ name: 'Đồng hồ DN15', unit: 'cái', quantity: 1, unitPrice: 850_000 }],
  });
});
afterAll(async () => {
  await database?.close();
  await rm(storageDir, { recursive: true, force: true });
});

const as = (actor: Actor | null) => {
  current.ctx = { db: database.db, actor, ip: '127.0.0.1' } as GraphQLContext;
};

async function post(bytes: Uint8Array<ArrayBuffer>, name: string, kind = 'CITIZEN_ID') {
  const form = new FormData();
  form.set('file', new File([bytes], name, { type: 'application/pdf' }));
  form.set('kind', kind);
  return upload(new Request(`http://test/api/work-orders/${orderId}/documents`, { method: 'POST', body: form }), {
    params: Promise.resolve({ id: String(orderId) }),
  });
}

const get = (id: number) =>
  serve(new Request(`http://test/api/work-order-documents/${id}`), { params: Promise.resolve({ id: String(id) }) });

describe('work-order document routes', () => {
  it('stores a JPEG as what its bytes are and serves it sandboxed to a reader of the order', async () => {
    as(clerk);
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
    const res = await post(jpeg, 'cccd.html');
    expect(res.status).toBe(201);
    const row = (await res.json()) as { id: number; fileName: string; mimeType: string; kind: string };
    expect(row).toMatchObject({ fileName: 'cccd.jpg', mimeType: 'image/jpeg', kind: 'CITIZEN_ID' });
    const served = await get(row.id);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('content-security-policy')).toBe('sandbox');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(jpeg))).toBe(true);
    as(f.outsider);
    expect((await get(row.id)).status).toBe(404);
    as(null);
    expect((await get(row.id)).status).toBe(401);
  });

  it('refuses a script, and a file over 10 MB', async () => {
    as(clerk);
    const script = await post(new TextEncoder().encode('<script>alert(1)</script>'), 'a.pdf');
    expect(script.status).toBe(415);
    expect(await script.json()).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });
    const big = new Uint8Array(10 * 1024 * 1024 + 10);
    big.set(new TextEncoder().encode('%PDF-1.7\n'));
    const large = await post(big, 'big.pdf');
    expect(large.status).toBe(413);
  });
});

describe('the quote route', () => {
  it('answers the quote as a PDF to a user with the print right, 404 to others', async () => {
    as(clerk);
    const res = await quotePdf(new Request(`http://test/api/work-orders/${orderId}/quote`), {
      params: Promise.resolve({ id: String(orderId) }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = (await extractPdfPages(new Uint8Array(await res.arrayBuffer()))).join(' ');
    expect(text).toContain('850.000');
    as(f.outsider);
    const refused = await quotePdf(new Request(`http://test/api/work-orders/${orderId}/quote`), {
      params: Promise.resolve({ id: String(orderId) }),
    });
    expect(refused.status).toBe(404);
  });
});
