/**
 * Upload caps hold against the bytes actually sent: a chunked body (no Content-Length) or a lying
 * Content-Length is counted on the stream, and the route stops reading right after the cap.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GraphQLContext } from '@/graphql/context';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { addCustomer, type TestCustomer } from '../helpers/billing-fixtures';

const current = vi.hoisted(() => ({ ctx: null as unknown as GraphQLContext }));
vi.mock('server-only', () => ({}));
vi.mock('@/app/server/request-context', () => ({ getRequestContext: async () => current.ctx }));

const { POST: uploadAttachment } = await import('@/app/api/customers/[id]/attachments/route');
const { POST: importReadingsRoute } = await import('@/app/api/readings/import/route');

const MB = 1024 * 1024;
const CHUNK = 64 * 1024;
const LIMIT = 10 * MB + 64 * 1024;

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let customer: TestCustomer;
let storageDir: string;

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), 'capnuoc-upload-'));
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

/** A multipart body that never ends, one 64 KB chunk per pull, counting what the reader took. */
function endlessMultipart() {
  const boundary = '----capnuoc-test';
  const head = new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-`,
  );
  const stats = { pulled: 0, cancelled: false };
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = first ? head : new Uint8Array(CHUNK).fill(0x41);
      first = false;
      stats.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return { stream, stats, contentType: `multipart/form-data; boundary=${boundary}` };
}

function post(url: string, body: ReadableStream<Uint8Array>, headers: Record<string, string>): Request {
  return new Request(url, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

describe('upload size caps count the streamed bytes', () => {
  it('an attachment sent chunked, without Content-Length, gets 413 after reading no more than the cap and a chunk', async () => {
    const { stream, stats, contentType } = endlessMultipart();
    const res = await uploadAttachment(
      post(`http://test/api/customers/${customer.id}/attachments`, stream, { 'content-type': contentType }),
      {
        params: Promise.resolve({ id: String(customer.id) }),
      },
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'FILE_TOO_LARGE', message: 'Tệp đính kèm vượt quá 10 MB.' });
    // The stream may have one chunk queued ahead of the reader (its high-water mark) besides the one that crossed.
    expect(stats.pulled).toBeLessThanOrEqual(LIMIT + 2 * CHUNK);
    expect(stats.cancelled).toBe(true);
  });

  it('a lying Content-Length is not trusted: the attachment is still cut at the cap', async () => {
    const { stream, stats, contentType } = endlessMultipart();
    const res = await uploadAttachment(
      post(`http://test/api/customers/${customer.id}/attachments`, stream, {
        'content-type': contentType,
        'content-length': '2000',
      }),
      { params: Promise.resolve({ id: String(customer.id) }) },
    );
    expect(res.status).toBe(413);
    expect(stats.pulled).toBeLessThanOrEqual(LIMIT + 2 * CHUNK);
  });

  it('a declared Content-Length above the cap is refused before reading the body', async () => {
    const { stream, stats, contentType } = endlessMultipart();
    const res = await uploadAttachment(
      post(`http://test/api/customers/${customer.id}/attachments`, stream, {
        'content-type': contentType,
        'content-length': String(50 * MB),
      }),
      { params: Promise.resolve({ id: String(customer.id) }) },
    );
    expect(res.status).toBe(413);
    expect(stats.pulled).toBeLessThanOrEqual(2 * CHUNK);
  });

  it('a reading import sent chunked gets 413 after reading no more than the cap and a chunk', async () => {
    const { stream, stats, contentType } = endlessMultipart();
    const res = await importReadingsRoute(
      post('http://test/api/readings/import', stream, { 'content-type': contentType }),
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'FILE_TOO_LARGE', message: 'Tệp Excel vượt quá 10 MB.' });
    expect(stats.pulled).toBeLessThanOrEqual(LIMIT + 2 * CHUNK);
    expect(stats.cancelled).toBe(true);
  });

  it('a file under the cap is still accepted', async () => {
    const form = new FormData();
    form.set(
      'file',
      new File([new TextEncoder().encode('%PDF-1.7\n% hợp đồng\n')], 'hợp đồng.pdf', { type: 'application/pdf' }),
    );
    const res = await uploadAttachment(
      new Request(`http://test/api/customers/${customer.id}/attachments`, { method: 'POST', body: form }),
      {
        params: Promise.resolve({ id: String(customer.id) }),
      },
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ fileName: 'hợp đồng.pdf', mimeType: 'application/pdf' });
  });
});
