import { execute, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OperationResult } from '@urql/core';
import type { CatalogRow } from '@/components/catalogs/catalog-columns';
import { catalogDocuments, catalogTypenames, FIRST_PAGE, listVariables } from '@/components/catalogs/catalog-documents';
import type { Db } from '@/db/client';
import type { GraphQLContext } from '@/graphql/context';
import { formatError } from '@/graphql/errors';
import { schema } from '@/graphql/schema';
import { createGraphQLClient } from '@/lib/graphql/client';
import { apiError } from '@/lib/graphql/errors';
import { prefetch } from '@/lib/graphql/prefetch';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';

// prefetch is for Server Components; outside React's server build the marker package would refuse to load.
vi.mock('server-only', () => ({}));

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let org: OrgFixture;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  org = await createOrgFixture(db);
});
afterAll(async () => database?.close());

/**
 * A browser-side client whose network is the real schema executed in-process as `ctx` (errors formatted as the
 * endpoint formats them), counting the requests that reach it.
 */
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

const adminCtx = (): GraphQLContext => ({ db, actor: org.admin, ip: '127.0.0.1' });
const wards = () => catalogDocuments('wards');
const firstPage = listVariables(FIRST_PAGE);

type ListResult = OperationResult<{ page: { total: number; rows: readonly CatalogRow[] } }>;

/** Waits until `results` holds a result that `accept` takes. */
async function until(results: ListResult[], accept: (r: ListResult) => boolean): Promise<ListResult> {
  for (let i = 0; i < 200; i++) {
    const hit = results.find(accept);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no matching result among ${results.length}`);
}

describe('typed client: server-rendered first page', () => {
  it('a page prefetched in-process is read by the client cache without a request', async () => {
    const ctx = adminCtx();
    const prefetched = await prefetch(ctx, wards().list, firstPage);
    expect(prefetched.error).toBeNull();
    expect(prefetched.data!.page.total).toBeGreaterThan(0);

    const { client, ssr, requests } = browserClient(ctx);
    ssr.restoreData(prefetched.ssr);
    const result = await client.query(wards().list, listVariables(FIRST_PAGE)).toPromise();

    expect(requests).toEqual([]);
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual(prefetched.data);
  });

  it('a failed prefetch reaches the screen as the same Vietnamese message and code', async () => {
    const noOne: GraphQLContext = { db, actor: null, ip: '127.0.0.1' };
    const prefetched = await prefetch(noOne, wards().list, firstPage);
    expect(prefetched.data).toBeNull();
    expect(prefetched.error?.code).toBe('UNAUTHENTICATED');

    const { client, ssr, requests } = browserClient(noOne);
    ssr.restoreData(prefetched.ssr);
    const result = await client.query(wards().list, firstPage).toPromise();
    expect(requests).toEqual([]);
    expect(apiError(result.error)).toEqual({ code: 'UNAUTHENTICATED', message: 'Vui lòng đăng nhập.' });
  });
});

describe('typed client: invalidation after mutations', () => {
  it('adding a row re-runs the hydrated list that holds its type', async () => {
    const ctx = adminCtx();
    const prefetched = await prefetch(ctx, wards().list, firstPage);
    const before = prefetched.data!.page.total;
    const { client, ssr, requests } = browserClient(ctx);
    ssr.restoreData(prefetched.ssr);

    const results: ListResult[] = [];
    const watching = client.query(wards().list, firstPage).subscribe((r) => results.push(r));
    await until(results, (r) => r.data?.page.total === before);

    const created = await client
      .mutation(
        wards().create,
        { input: { code: 'P-TC1', name: 'Phường Thử Cache', district: 'Quận Một', province: 'Hà Nội', kind: 'ward' } },
        {
          additionalTypenames: catalogTypenames({ typeName: 'Ward' }),
        },
      )
      .toPromise();
    expect(created.error).toBeUndefined();

    const refreshed = await until(results, (r) => r.data?.page.total === before + 1);
    expect(refreshed.data!.page.rows.map((r) => r.code)).toContain('P-TC1');
    // The mutation and one re-run of the list; the first page itself came from the server render.
    expect(requests).toHaveLength(2);
    watching.unsubscribe();
  });

  it('deleting (a Boolean result) re-runs the list through the catalog typenames', async () => {
    const ctx = adminCtx();
    const { client, requests } = browserClient(ctx);
    const results: ListResult[] = [];
    const watching = client.query(wards().list, firstPage).subscribe((r) => results.push(r));
    const loaded = await until(results, (r) => r.data !== undefined);
    const target = loaded.data!.page.rows.find((r) => r.code === 'P-TC1')!;
    const before = loaded.data!.page.total;

    const removed = await client
      .mutation(wards().remove, { id: target.id }, { additionalTypenames: catalogTypenames({ typeName: 'Ward' }) })
      .toPromise();
    expect(removed.data?.ok).toBe(true);

    await until(results, (r) => r.data?.page.total === before - 1);
    expect(requests).toHaveLength(3);
    watching.unsubscribe();
  });

  it('a refused mutation gives its code and Vietnamese message to the screen', async () => {
    const { client } = browserClient(adminCtx());
    const taken = (await prefetch(adminCtx(), wards().list, firstPage)).data!.page.rows[0]!;
    const result = await client
      .mutation(wards().create, {
        input: { code: String(taken.code), name: 'Trùng mã', district: 'Quận Một', province: 'Hà Nội' },
      })
      .toPromise();
    const error = apiError(result.error);
    expect(error.code).toBe('DUPLICATE_CODE');
    expect(error.message).toMatch(/đã có|trùng|tồn tại/i);
  });
});
