/** File names and titles of uploads arrive as form fields, outside GraphQL's NFC mapping: the route composes them. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { attachments } from '@/db/schema/customers';
import type { GraphQLContext } from '@/graphql/context';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { addCustomer, type TestCustomer } from '../helpers/billing-fixtures';

const current = vi.hoisted(() => ({ ctx: null as unknown as GraphQLContext }));
vi.mock('server-only', () => ({}));
vi.mock('@/app/server/request-context', () => ({ getRequestContext: async () => current.ctx }));

const { POST: upload } = await import('@/app/api/customers/[id]/attachments/route');

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let customer: TestCustomer;
let storageDir: string;

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), 'capnuoc-attach-nfc-'));
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

describe('attachment upload text', () => {
  it('stores a file name and title sent decomposed (NFD) composed (NFC)', async () => {
    const form = new FormData();
    form.set(
      'file',
      new File([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')], 'Hợp đồng cấp nước.pdf'.normalize('NFD'), {
        type: 'application/pdf',
      }),
    );
    form.set('title', 'Bản scan hợp đồng'.normalize('NFD'));
    const res = await upload(
      new Request(`http://test/api/customers/${customer.id}/attachments`, { method: 'POST', body: form }),
      {
        params: Promise.resolve({ id: String(customer.id) }),
      },
    );
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: number };
    const [row] = await database.db
      .select({ fileName: attachments.fileName, title: attachments.title })
      .from(attachments)
      .where(eq(attachments.id, id));
    expect(row).toEqual({ fileName: 'Hợp đồng cấp nước.pdf', title: 'Bản scan hợp đồng' });
  });
});
