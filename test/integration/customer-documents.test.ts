import { execute, parse, type FieldNode, type FragmentDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OperationResult } from '@urql/core';
import {
  BookCustomersQuery,
  CUSTOMER_TYPENAMES,
  CustomerBooksQuery,
  CustomerQuery,
  CustomerBaseFragment,
  CustomerDetailFragment,
  CustomerRowFragment,
  CustomerSearchHitFragment,
  MoveCustomersMutation,
  ReplaceMeterMutation,
  SearchCustomersQuery,
  bookVariables,
} from '@/components/customers/customer-documents';
import { readFragment } from '@/lib/graphql/graphql';
import type { Db } from '@/db/client';
import type { GraphQLContext } from '@/graphql/context';
import { formatError } from '@/graphql/errors';
import { schema } from '@/graphql/schema';
import { createGraphQLClient } from '@/lib/graphql/client';
import { prefetch } from '@/lib/graphql/prefetch';
import { createCustomer } from '@/services/customers/customer.service';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, customerFields, type OrgFixture } from '../helpers/fixtures';

// prefetch is for Server Components; outside React's server build the marker package would refuse to load.
vi.mock('server-only', () => ({}));

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let org: OrgFixture;
let ids: number[];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  org = await createOrgFixture(db);
  ids = [];
  for (const name of ['Nguyễn Văn Một', 'Trần Thị Hai', 'Lê Văn Ba']) {
    ids.push((await createCustomer(db, org.admin, { customer: customerFields(org.bookIds[0], { name }) })).id);
  }
});
afterAll(async () => database?.close());

/** A browser-side client whose network is the real schema executed in-process as `ctx`, counting its requests. */
function browserClient(ctx: GraphQLContext) {
  const requests: string[] = [];
  const inProcess = (async (_url: string | URL | Request, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { query: string; variables?: Record<string, unknown> };
    requests.push(body.query);
    const result = await execute({
      schema,
      document: parse(body.query),
      contextValue: ctx,
      variableValues: body.variables,
    });
    const errors = result.errors?.map((e) => formatError(e.toJSON(), e));
    return new Response(JSON.stringify({ data: result.data ?? null, ...(errors ? { errors } : {}) }), {
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { ...createGraphQLClient({ inBrowser: true, fetch: inProcess }), requests };
}

const clerkCtx = (): GraphQLContext => ({ db, actor: org.clerk, ip: '127.0.0.1' });

async function until<T>(results: T[], accept: (r: T) => boolean): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const hit = results.find(accept);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no matching result among ${results.length}`);
}

type BookResult = OperationResult<{ bookCustomers: { total: number } }>;

describe('customers screen documents', () => {
  it('the book grid the page prefetched is read by the client cache without a request', async () => {
    const ctx = clerkCtx();
    const books = await prefetch(ctx, CustomerBooksQuery, {});
    const rows = await prefetch(ctx, BookCustomersQuery, bookVariables(org.bookIds[0]));
    expect(rows.error).toBeNull();
    expect(rows.data!.bookCustomers.total).toBe(3);

    const { client, ssr, requests } = browserClient(ctx);
    ssr.restoreData({ ...books.ssr, ...rows.ssr });
    const again = await client.query(BookCustomersQuery, bookVariables(org.bookIds[0])).toPromise();
    const held = await client.query(CustomerBooksQuery, {}).toPromise();
    expect(requests).toEqual([]);
    expect(again.data).toEqual(rows.data);
    expect(held.data!.readingBooks.total).toBe(2);
  });

  it('a grid row, a search hit and the detail panel are one Customer and agree on the base fragment', async () => {
    const ctx = clerkCtx();
    const grid = await prefetch(ctx, BookCustomersQuery, bookVariables(org.bookIds[0]));
    const search = await prefetch(ctx, SearchCustomersQuery, { query: 'Trần Thị Hai', currentBookId: org.bookIds[0] });
    const file = await prefetch(ctx, CustomerQuery, { id: ids[1]! });
    expect([grid.error, search.error, file.error]).toEqual([null, null, null]);

    const row = readFragment(CustomerRowFragment, grid.data!.bookCustomers.rows).find((r) => r.id === ids[1]);
    const [hit] = readFragment(CustomerSearchHitFragment, search.data!.searchCustomers);
    const detail = readFragment(CustomerDetailFragment, file.data!.customer!);
    // The fields the base fragment itself selects, read from its document.
    const [definition] = CustomerBaseFragment.definitions as readonly FragmentDefinitionNode[];
    const baseFields = definition!.selectionSet.selections.map((f) => (f as FieldNode).name.value);
    expect(baseFields).toContain('code');
    const base = (c: object) => Object.fromEntries(baseFields.map((k) => [k, (c as Record<string, unknown>)[k]]));
    expect(row).toBeDefined();
    expect(base(hit!)).toEqual(base(row!));
    expect(base(detail)).toEqual(base(row!));
    expect([row, hit, detail].map((c) => (c as { __typename?: string }).__typename)).toEqual([
      'Customer',
      'Customer',
      'Customer',
    ]);
    expect(hit!.inCurrentBook).toBe(true);
    expect(hit!.bookCode).toBe(detail.bookCode);
  });

  it('a book the user does not hold is refused on the server render with a Vietnamese message', async () => {
    const rows = await prefetch(clerkCtx(), BookCustomersQuery, bookVariables(org.bookIds[2]));
    expect(rows.data).toBeNull();
    expect(rows.error?.code).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
    expect(rows.error?.message).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵđêếềệểễôồốộổỗơớờợởỡưứừựửữ]/i);
  });

  it('moving customers (an Int result) re-runs the grids of both books through the customer typenames', async () => {
    const ctx = clerkCtx();
    const { client, requests } = browserClient(ctx);
    const from: BookResult[] = [];
    const to: BookResult[] = [];
    const a = client.query(BookCustomersQuery, bookVariables(org.bookIds[0])).subscribe((r) => from.push(r));
    const b = client.query(BookCustomersQuery, bookVariables(org.bookIds[1])).subscribe((r) => to.push(r));
    await until(from, (r) => r.data?.bookCustomers.total === 3);
    await until(to, (r) => r.data?.bookCustomers.total === 0);

    const moved = await client
      .mutation(MoveCustomersMutation, { customerIds: [ids[0]!], targetBookId: org.bookIds[1] }, CUSTOMER_TYPENAMES)
      .toPromise();
    expect(moved.data?.moveCustomers).toBe(1);

    // Book 1 held a row; book 2 was empty, and its list is found by the page type.
    await until(from, (r) => r.data?.bookCustomers.total === 2);
    await until(to, (r) => r.data?.bookCustomers.total === 1);
    expect(requests.length).toBe(5);
    a.unsubscribe();
    b.unsubscribe();
  });

  it('installing a first meter re-runs the open customer file that held no meter', async () => {
    const ctx: GraphQLContext = { db, actor: org.admin, ip: '127.0.0.1' };
    const { client } = browserClient(ctx);
    type FileResult = OperationResult<{ customer: unknown }>;
    const files: FileResult[] = [];
    const watching = client.query(CustomerQuery, { id: ids[1]! }).subscribe((r) => files.push(r));
    await until(files, (r) => r.data !== undefined);
    const loaded = files.length;

    // The file holds no Meter for the cache to find it by; the screen's typenames name the customer.
    const installed = await client
      .mutation(
        ReplaceMeterMutation,
        {
          customerId: ids[1]!,
          finalIndex: 0,
          removedOn: '2026-11-01',
          meter: { serial: 'W2A-TEST-1', installedOn: '2026-11-01', initialIndex: 0 },
        },
        CUSTOMER_TYPENAMES,
      )
      .toPromise();
    expect(installed.error).toBeUndefined();
    const refreshed = await until(
      files,
      (r) => files.indexOf(r) >= loaded && (r.data?.customer as { meters?: unknown[] } | null)?.meters?.length === 1,
    );
    expect(refreshed.error).toBeUndefined();
    watching.unsubscribe();
  });
});
