/**
 * The work-order list costs a fixed number of SQL statements whatever the number of orders: names, timelines and
 * documents of a page load in one batch each (an N+1 would make the count grow with the page).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/services/auth/actor';
import { createCustomer } from '@/services/customers/customer.service';
import { addWorkOrderDocument } from '@/services/work-orders/documents.service';
import { receiveWorkOrder } from '@/services/work-orders/intake.service';
import { assignWorkOrder } from '@/services/work-orders/transitions.service';
import { createOrgFixture, customerFields, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { createCountedTestDatabase } from '../helpers/statements';
import { grantDocumentRights, serviceRequest } from '../helpers/work-order-fixtures';

let database: Awaited<ReturnType<typeof createCountedTestDatabase>>;
let f: OrgFixture;
let clerk: Actor;
let storageDir: string;

const LIST = `query($k: [WorkOrderKind!]) { workOrders(filter: { kinds: $k }, first: 100) {
  rows { id kindLabel statusLabel overdue allowedNextStatuses customerCode customerName branchName teamName
    assignedUserName events { toStatus userName } documents { id fileName } }
  pageInfo { hasNextPage } } }`;

async function orders(kind: 'LEAK_REPORT' | 'PROBLEM_REPORT', n: number) {
  for (let i = 0; i < n; i++) {
    const c = await createCustomer(database.db, f.admin, {
      customer: customerFields(i % 2 === 0 ? f.bookIds[0] : f.bookIds[1], { name: `Khách ${kind} ${i}` }),
    });
    const { id } = await receiveWorkOrder(database.db, { actor: clerk }, serviceRequest(kind, c.id));
    await assignWorkOrder(database.db, clerk, { id, teamId: f.teamId, userId: clerk.userId });
    await addWorkOrderDocument(database.db, clerk, {
      workOrderId: id,
      kind: 'PHOTO',
      fileName: 'anh.png',
      data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]),
    });
  }
}

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), 'capnuoc-wo-statements-'));
  process.env.STORAGE_DIR = storageDir;
  database = await createCountedTestDatabase();
  f = await createOrgFixture(database.db);
  clerk = await grantDocumentRights(database.db, f.clerk, f.branchIds[0], ['complaints']);
  await orders('LEAK_REPORT', 2);
  await orders('PROBLEM_REPORT', 12);
});
afterAll(async () => {
  await database?.close();
  if (storageDir) await rm(storageDir, { recursive: true, force: true });
});

describe('work-order list statements', () => {
  it('costs the same for 2 and for 12 orders', async () => {
    const measure = async (kind: string) =>
      database.counter.measure(async () => {
        const r = await gql(database.db, clerk, LIST, { k: [kind] });
        expect(r.errors).toEqual([]);
        return r.data!.workOrders.rows as { events: unknown[]; documents: unknown[] }[];
      });
    const small = await measure('LEAK_REPORT');
    const large = await measure('PROBLEM_REPORT');
    expect(small.result).toHaveLength(2);
    expect(large.result).toHaveLength(12);
    expect(large.result.every((r) => r.events.length === 2 && r.documents.length === 1)).toBe(true);
    expect(large.count).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(4);
  });
});
