/**
 * Cost limits of the GraphQL endpoint: structure (tokens, aliases, depth, directives, cost), the body size
 * counted before parsing, text argument lengths, list page sizes, the anonymous rate limit, and what an
 * anonymous caller may learn about the schema in production. Run through the real Apollo server (and the
 * real route for the body limit), as the browser and the portal reach them.
 */
import type { ApolloServer } from '@apollo/server';
import { eq } from 'drizzle-orm';
import {
  getNamedType,
  isInputObjectType,
  isObjectType,
  parse,
  specifiedRules,
  validate,
  type GraphQLFormattedError,
} from 'graphql';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { requestCounters } from '@/db/schema/limits';
import { users } from '@/db/schema/users';
import { createApolloServer } from '@/graphql/apollo-server';
import type { GraphQLContext } from '@/graphql/context';
import { API_LIMITS } from '@/graphql/limits/api-limits';
import { STRING_LENGTH_OVERRIDES } from '@/graphql/limits/argument-length';
import { documentLimitRules, limitParseOptions } from '@/graphql/limits/document-rules';
import type { ListLimitSpec } from '@/graphql/limits/list-limit';
import { schema } from '@/graphql/schema';
import type { Actor } from '@/services/auth/actor';
import { clientDocuments } from '../helpers/client-documents';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';

const current = vi.hoisted(() => ({ ctx: null as unknown as GraphQLContext }));
vi.mock('server-only', () => ({}));
vi.mock('@/app/server/request-context', () => ({ getRequestContext: async () => current.ctx }));

const route = await import('@/app/api/graphql/route');

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let production: ApolloServer<GraphQLContext>;
let development: ApolloServer<GraphQLContext>;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  production = createApolloServer({ production: true, anonymousRate: { operations: 3, windowSeconds: 60 } });
  development = createApolloServer({ production: false, anonymousRate: { operations: 1000, windowSeconds: 60 } });
  current.ctx = { db: database.db, actor: f.viewer, ip: '10.0.0.1' };
});
afterAll(async () => {
  await database?.close();
});

interface Answer {
  status: number | undefined;
  retryAfter: string | undefined;
  data: Record<string, any> | null;
  errors: readonly GraphQLFormattedError[];
  code: string | undefined;
}

let addressSeq = 0;
/** A fresh client address per call unless given, so the anonymous rate limit only bites where a test wants it. */
async function run(
  server: ApolloServer<GraphQLContext>,
  actor: Actor | null,
  query: string,
  options: { variables?: Record<string, unknown>; ip?: string } = {},
): Promise<Answer> {
  const ip = options.ip ?? `192.0.2.${++addressSeq}`;
  const res = await server.executeOperation<Record<string, any>>(
    { query, variables: options.variables },
    { contextValue: { db: database.db, actor, ip } },
  );
  if (res.body.kind !== 'single') throw new Error('unexpected incremental answer');
  const errors = res.body.singleResult.errors ?? [];
  return {
    status: res.http.status,
    retryAfter: res.http.headers.get('retry-after'),
    data: res.body.singleResult.data ?? null,
    errors,
    code: errors[0]?.extensions?.code as string | undefined,
  };
}

const limitsHit = (a: Answer) =>
  a.errors.filter((e) => e.extensions?.code === 'QUERY_TOO_COMPLEX').map((e) => e.extensions?.limit);

describe('document structure', () => {
  it('refuses 5,000 aliases of the public estimateBill fast, with QUERY_TOO_COMPLEX and a Vietnamese message', async () => {
    const fields = Array.from(
      { length: 5000 },
      (_, i) => `a${i}: estimateBill(input: { serviceTypeCode: "HN_SH", consumption: 25 }) { total }`,
    );
    const answer = await run(production, null, `{ ${fields.join('\n')} }`);
    expect(answer.code).toBe('QUERY_TOO_COMPLEX');
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors[0]!.message).toMatch(/Câu truy vấn/);
    expect(answer.status).toBe(400);
    // Refused by validation: execution never starts, so not one of the 5,000 estimates is computed.
    expect(answer.data).toBeNull();
  });

  it('refuses more aliases than allowed in a short document (fragments counted where spread)', async () => {
    const fragment = Array.from({ length: 11 }, (_, i) => `f${i}: login`).join(' ');
    const answer = await run(
      development,
      f.viewer,
      `{ a: viewer { ...V } b: viewer { ...V } } fragment V on Viewer { ${fragment} }`,
    );
    expect(answer.code).toBe('QUERY_TOO_COMPLEX');
    expect(limitsHit(answer)).toEqual(['aliases']);
    const within = Array.from({ length: API_LIMITS.maxAliases }, (_, i) => `v${i}: viewer { login }`).join(' ');
    expect((await run(development, f.viewer, `{ ${within} }`)).errors).toEqual([]);
  });

  it('refuses a document nested deeper than allowed', async () => {
    // Field names need not exist: the shape alone is refused, alongside the standard "unknown field" errors.
    const deep =
      Array.from({ length: API_LIMITS.maxDepth + 1 }, (_, i) => `f${i} {`).join(' ') +
      ' x ' +
      '}'.repeat(API_LIMITS.maxDepth + 1);
    const answer = await run(development, f.viewer, `{ ${deep} }`);
    expect(limitsHit(answer)).toEqual(['depth']);
  });

  it('refuses a document with more tokens than allowed, before it is even parsed whole', async () => {
    const answer = await run(development, f.viewer, `{ viewer { ${'login '.repeat(API_LIMITS.maxTokens)} } }`);
    expect(answer.code).toBe('QUERY_TOO_COMPLEX');
    expect(answer.errors[0]!.extensions?.limit).toBe('tokens');
    expect(answer.errors[0]!.message).toBe(`Câu truy vấn quá dài (tối đa ${API_LIMITS.maxTokens} ký hiệu).`);
  });

  it('refuses more directives than allowed', async () => {
    const fields = Array.from({ length: API_LIMITS.maxDirectives + 1 }, () => 'login @include(if: true)').join(' ');
    const answer = await run(development, f.viewer, `{ viewer { ${fields} } }`);
    expect(limitsHit(answer)).toEqual(['directives']);
  });

  it('prices a list by the rows it may return: two whole books pass, three are refused; a variable limit counts as the maximum', async () => {
    const book = (alias: string, limit: string) =>
      `${alias}: bookCustomers(bookId: ${f.bookIds[0]}, limit: ${limit}) { total rows { id code name } }`;
    const two = await run(development, f.viewer, `{ ${book('a', '5000')} ${book('b', '5000')} }`);
    expect(two.errors).toEqual([]);
    const three = await run(
      development,
      f.viewer,
      `{ ${book('a', '5000')} ${book('b', '5000')} ${book('c', '5000')} }`,
    );
    expect(three.code).toBe('QUERY_TOO_COMPLEX');
    expect(limitsHit(three)).toEqual(['cost']);
    // Many small pages are fine...
    const small = await run(development, f.viewer, `{ ${['a', 'b', 'c', 'd'].map((a) => book(a, '100')).join(' ')} }`);
    expect(small.errors).toEqual([]);
    // ...but a limit sent as a variable cannot be seen by validation, so it is priced at the field's maximum.
    const vars = await run(
      development,
      f.viewer,
      `query($l: Int) { ${book('a', '$l')} ${book('b', '$l')} ${book('c', '$l')} }`,
      { variables: { l: 10 } },
    );
    expect(limitsHit(vars)).toEqual(['cost']);
  });
});

describe('request body size, counted before parsing', () => {
  const MB = 1024 * 1024;

  function postRequest(body: BodyInit, headers: Record<string, string> = {}) {
    return new NextRequest('http://test/api/graphql', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
      duplex: 'half',
    } as ConstructorParameters<typeof NextRequest>[1]);
  }

  it('answers 413 PAYLOAD_TOO_LARGE to a 2 MB body of invalid JSON: refused by size, never parsed', async () => {
    const res = await route.POST(postRequest(`{"query": "{ viewer { login } }", "x": "${'x'.repeat(2 * MB)}`));
    expect(res.status).toBe(413);
    const body = await res.json();
    expect(body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.errors[0].message).toMatch(/^Yêu cầu gửi lên quá lớn/);
    // The same broken JSON under the limit reaches the parser and is refused as a bad request instead.
    const small = await route.POST(postRequest(`{"query": "{ viewer { login } }", "x": "${'x'.repeat(MB / 2)}`));
    expect(small.status).toBe(400);
    expect((await small.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('counts a chunked body without Content-Length, and does not trust a small declared one', async () => {
    let pulled = 0;
    let cancelled = false;
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    });
    const res = await route.POST(postRequest(endless, { 'content-length': '100' }));
    expect(res.status).toBe(413);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThanOrEqual(API_LIMITS.maxBodyBytes + 3 * chunk.byteLength);
  });

  it('lets a normal request through to the GraphQL handler', async () => {
    const res = await route.POST(postRequest(JSON.stringify({ query: '{ viewer { login } }' })));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { viewer: { login: f.viewer.login } } });
  });

  it('answers 413 to a GET whose query string is over the limit', async () => {
    const query = encodeURIComponent(`{ viewer { login } } # ${'x'.repeat(API_LIMITS.maxBodyBytes)}`);
    const res = await route.GET(
      new NextRequest(`http://test/api/graphql?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } }),
    );
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('text argument lengths', () => {
  it('refuses a 101-character search with ARGUMENT_TOO_LONG and accepts 100 characters', async () => {
    const search = (q: string) =>
      gql(database.db, f.viewer, `query($q: String!) { searchCustomers(query: $q) { id } }`, { q });
    const tooLong = await search('a'.repeat(101));
    expect(tooLong.code).toBe('ARGUMENT_TOO_LONG');
    expect(tooLong.errors[0]!.message).toBe('Nội dung nhập quá dài (tối đa 100 ký tự).');
    expect((await search('a'.repeat(100))).errors).toEqual([]);
    // The book grid's search and a literal argument are held to the same limit.
    const literal = await gql(
      database.db,
      f.viewer,
      `{ bookCustomers(bookId: ${f.bookIds[0]}, search: "${'b'.repeat(101)}") { total } }`,
    );
    expect(literal.code).toBe('ARGUMENT_TOO_LONG');
  });

  it('refuses any other text over the default limit and changes nothing; decomposed Vietnamese is measured as composed', async () => {
    const update = (fullName: string) =>
      gql(database.db, f.viewer, `mutation($i: ProfileInput!) { updateProfile(input: $i) { fullName } }`, {
        i: { fullName },
      });
    const before = await database.db
      .select({ fullName: users.fullName })
      .from(users)
      .where(eq(users.id, f.viewer.userId));
    const refused = await update('Nguyễn '.repeat(40));
    expect(refused.code).toBe('ARGUMENT_TOO_LONG');
    expect(refused.errors[0]!.extensions?.field).toBe('input.fullName');
    const after = await database.db
      .select({ fullName: users.fullName })
      .from(users)
      .where(eq(users.id, f.viewer.userId));
    expect(after).toEqual(before);
    // 190 composed characters arrive as more than 200 code units in NFD; they are still within the limit.
    const decomposed = 'ễ'.repeat(190).normalize('NFD');
    expect(decomposed.length).toBeGreaterThan(API_LIMITS.maxStringLength);
    expect((await update(decomposed)).code).not.toBe('ARGUMENT_TOO_LONG');
  });

  it('every length override names an argument or input field of the schema', () => {
    const coordinates = new Set<string>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (isObjectType(type))
        for (const field of Object.values(type.getFields()))
          for (const a of field.args) coordinates.add(`${type.name}.${field.name}(${a.name}:)`);
      if (isInputObjectType(type))
        for (const field of Object.values(type.getFields())) coordinates.add(`${type.name}.${field.name}`);
    }
    expect(Object.keys(STRING_LENGTH_OVERRIDES).filter((c) => !coordinates.has(c))).toEqual([]);
  });
});

describe('list page sizes', () => {
  it('refuses a limit over each list’s maximum with VALIDATION_FAILED, in Vietnamese', async () => {
    const cases: Array<[string, string]> = [
      ['bookCustomers', `{ bookCustomers(bookId: ${f.bookIds[0]}, limit: 5001) { total } }`],
      ['searchCustomers', `{ searchCustomers(query: "an", limit: 201) { id } }`],
      ['billingRuns', `{ billingRuns(bookId: ${f.bookIds[0]}, limit: 501) { id } }`],
      ['billingRunSkips', `{ billingRunSkips(runId: 1, limit: 5001) { total } }`],
      ['bookInvoices', `{ bookInvoices(bookId: ${f.bookIds[0]}, period: "2026-03", limit: 5001) { total } }`],
      ['customerInvoices', `{ customerInvoices(customerId: 1, limit: 241) { id } }`],
      ['readingHistory', `{ readingHistory(customerId: 1, limit: 61) { period } }`],
      ['anomalyQueue', `{ anomalyQueue(first: 2001) { total } }`],
      ['wards', `{ wards(filter: { limit: 501 }) { total } }`],
    ];
    for (const [field, query] of cases) {
      const answer = await gql(database.db, f.admin, query);
      expect({ field, code: answer.code }).toEqual({ field, code: 'VALIDATION_FAILED' });
      expect(answer.errors[0]!.message).toMatch(/Số dòng mỗi (lần|trang) phải từ 1 đến/);
    }
  });

  it('every field with a limit argument declares its maximum, and the cases above cover them all', () => {
    const undeclared: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const takesLimit =
          field.args.some((a) => a.name === 'limit') ||
          field.args.some((a) => {
            const t = getNamedType(a.type);
            return isInputObjectType(t) && 'limit' in t.getFields();
          });
        const spec = field.extensions?.listLimit as ListLimitSpec | undefined;
        if (takesLimit && !(spec && spec.max >= spec.default)) undeclared.push(`${type.name}.${field.name}`);
      }
    }
    expect(undeclared).toEqual([]);
  });
});

describe('anonymous rate limit', () => {
  it('refuses an address after its budget of anonymous operations, not another address nor a staff member', async () => {
    const query = '{ viewer { login } }';
    for (let i = 0; i < 3; i++) expect((await run(production, null, query, { ip: '198.51.100.7' })).errors).toEqual([]);
    const refused = await run(production, null, query, { ip: '198.51.100.7' });
    expect(refused.code).toBe('RATE_LIMITED');
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe('60');
    expect(refused.errors[0]!.message).toMatch(/quá nhiều yêu cầu/);
    expect((await run(production, null, query, { ip: '198.51.100.8' })).errors).toEqual([]);
    expect((await run(production, f.viewer, query, { ip: '198.51.100.7' })).errors).toEqual([]);
    // The counter lives in the database, so every app instance sees the same budget.
    const [row] = await database.db
      .select()
      .from(requestCounters)
      .where(eq(requestCounters.key, 'anonymous:198.51.100.7'));
    expect(row?.count).toBe(4);
  });
});

describe('schema exposure', () => {
  const introspection = '{ __schema { queryType { name } } }';

  it('refuses introspection to anonymous callers in production and hides "did you mean" hints', async () => {
    const refused = await run(production, null, introspection);
    expect(refused.code).toBe('INTROSPECTION_DISABLED');
    expect(refused.data).toBeNull();
    const typo = await run(
      production,
      null,
      '{ estimateBil(input: { serviceTypeCode: "HN_SH", consumption: 1 }) { total } }',
    );
    expect(typo.errors.length).toBeGreaterThan(0);
    expect(typo.errors.map((e) => e.message).join(' ')).not.toMatch(/Did you mean|estimateBill/);
  });

  it('staff may introspect in production, and development keeps introspection and hints for everyone', async () => {
    expect((await run(production, f.viewer, introspection)).data).toEqual({
      __schema: { queryType: { name: 'Query' } },
    });
    expect((await run(development, null, introspection)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const typo = await run(
      development,
      null,
      '{ estimateBil(input: { serviceTypeCode: "HN_SH", consumption: 1 }) { total } }',
    );
    expect(typo.errors.map((e) => e.message).join(' ')).toMatch(/Did you mean "estimateBill"/);
  });
});

describe('our own screens stay within the limits', () => {
  it('every GraphQL document of the client code passes the limits (and the schema, when fully static)', () => {
    const docs = clientDocuments(process.cwd(), ['components', 'app']);
    expect(docs.length).toBeGreaterThan(50);
    const failures: string[] = [];
    for (const doc of docs) {
      try {
        const ast = parse(doc.source, limitParseOptions);
        // A document with a run-time part (a catalog's type name) is checked for its shape only.
        const rules = doc.dynamic ? documentLimitRules : [...specifiedRules, ...documentLimitRules];
        for (const e of validate(schema, ast, rules)) failures.push(`${doc.file}: ${e.message}\n${doc.source}`);
      } catch (e) {
        failures.push(`${doc.file}: ${(e as Error).message}\n${doc.source}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
