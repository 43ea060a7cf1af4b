/**
 * An attachment is stored and served as what its bytes are: the extension follows the sniffed type, and the
 * response cannot run as a page of our origin (sandbox CSP, same-origin CORP, nosniff).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { attachments } from '@/db/schema/customers';
import type { GraphQLContext } from '@/graphql/context';
import { getStorage } from '@/services/storage/storage';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { addCustomer, type TestCustomer } from '../helpers/billing-fixtures';

const current = vi.hoisted(() => ({ ctx: null as unknown as GraphQLContext }));
vi.mock('server-only', () => ({}));
vi.mock('@/app/server/request-context', () => ({ getRequestContext: async () => current.ctx }));

const { POST: upload } = await import('@/app/api/customers/[id]/attachments/route');
const { GET: serve } = await import('@/app/api/attachments/[id]/route');

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let customer: TestCustomer;
let storageDir: string;

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), 'capnuoc-attach-'));
  process.env.STORAGE_DIR = storageDir;
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  customer = await addCustomer(database.db, f);
  current.ctx = { db: database.db, actor: f.clerk, ip: '127.0.0.1' } as GraphQLContext;
});
afterAll(async () => {
  await database?.close();
  await rm(storageDir, { recursive: true, force: true });
});

/** HTML that starts like a PDF: a browser sniffing it, or trusting the `.html` name, would run the script. */
const PDF_LOOKING_HTML = new TextEncoder().encode('%PDF-1.4\n<html><script>fetch("/api/graphql")</script></html>');

async function uploadFile(
  name: string,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<{ id: number; fileName: string; mimeType: string }> {
  const form = new FormData();
  form.set('file', new File([bytes], name, { type: 'text/html' }));
  const res = await upload(
    new Request(`http://test/api/customers/${customer.id}/attachments`, { method: 'POST', body: form }),
    {
      params: Promise.resolve({ id: String(customer.id) }),
    },
  );
  expect(res.status).toBe(201);
  return res.json();
}

const get = (id: number, query = '') =>
  serve(new Request(`http://test/api/attachments/${id}${query}`), { params: Promise.resolve({ id: String(id) }) });

describe('attachments are named and served by their sniffed type', () => {
  it('a %PDF- file named x.html is stored and downloaded as x.pdf', async () => {
    const row = await uploadFile('x.html', PDF_LOOKING_HTML);
    expect(row).toMatchObject({ fileName: 'x.pdf', mimeType: 'application/pdf' });
    const res = await get(row.id, '?download=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="x.pdf"; filename*=UTF-8''x.pdf`);
  });

  it('serves every attachment with a sandbox CSP, same-origin CORP and nosniff', async () => {
    const row = await uploadFile('quet.pdf', PDF_LOOKING_HTML);
    const res = await get(row.id);
    expect(res.headers.get('content-security-policy')).toBe('sandbox');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="quet.pdf"; filename*=UTF-8''quet.pdf`);
  });

  it('a Vietnamese name keeps its letters in the RFC 5987 filename* and gets an ASCII fallback', async () => {
    const row = await uploadFile("Hợp đồng (bản 2)'s.htm", PDF_LOOKING_HTML);
    expect(row.fileName).toBe("Hợp đồng (bản 2)'s.pdf");
    const res = await get(row.id, '?download=1');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Hop dong (ban 2)'s.pdf"; filename*=UTF-8''H%E1%BB%A3p%20%C4%91%E1%BB%93ng%20%28b%E1%BA%A3n%202%29%27s.pdf`,
    );
  });

  it('an attachment stored before the rule, under its uploaded name, is still served with the extension of its type', async () => {
    const key = `attachments/${customer.id}/legacy-html`;
    await getStorage().put(key, PDF_LOOKING_HTML);
    const [legacy] = await database.db
      .insert(attachments)
      .values({
        customerId: customer.id,
        fileName: 'bien-ban.html',
        mimeType: 'application/pdf',
        sizeBytes: PDF_LOOKING_HTML.byteLength,
        storageKey: key,
      })
      .returning();
    const res = await get(legacy!.id, '?download=1');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="bien-ban.pdf"; filename*=UTF-8''bien-ban.pdf`,
    );
  });
});
