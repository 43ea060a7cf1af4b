/**
 * Generated from the schema: every query and mutation is called (1) anonymously, (2) as a signed-in user
 * with no rights and no books, and (3) as a user with full rights on another branch's book only, pointing
 * at data of a book they lack. Each call must be refused, unless the field is listed below with the reason
 * it is open. A new field is covered automatically; one that is not refused and not listed fails the test.
 */
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@/db/schema/users';
import { schema } from '@/graphql/schema';
import { loadActor, type Actor } from '@/services/auth/actor';
import { createCustomer } from '@/services/customers/customer.service';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, customerFields, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';

/** Open to anonymous visitors (the public portal). */
const PUBLIC_FIELDS: Record<string, string> = {
  'Query.viewer': 'tells the UI whether someone is signed in',
  'Query.estimateBill': 'public bill calculator of the portal',
};

/**
 * Open to any signed-in staff member: their own profile, and lookup lists that fill forms. The book,
 * route and branch lists return only what the user holds (asserted below).
 */
const ANY_STAFF_FIELDS: Record<string, string> = {
  'Query.me': 'own profile',
  'Mutation.updateProfile': 'own profile',
  'Mutation.changePassword': 'own password',
  'Query.permissionObjects': 'labels of the permission matrix',
  'Query.permissionRights': 'labels of the six rights',
  'Query.catalogs': 'what the viewer may do on each catalog',
  'Query.catalogColumns': 'column labels of a catalog',
  'Query.wards': 'lookup list for forms',
  'Query.serviceTypes': 'lookup list for forms',
  'Query.meterTypes': 'lookup list for forms',
  'Query.installationTeams': 'lookup list for forms',
  'Query.complaintKinds': 'lookup list for forms',
  'Query.masterMeters': 'lookup list for forms',
  'Query.readingBooks': 'only the books the user holds',
  'Query.routes': 'only routes holding the user’s books',
  'Query.branches': 'only branches holding the user’s books',
  'Query.readingCodes': 'labels of reading codes',
};

/**
 * Fields that answer a user with rights elsewhere by filtering in SQL instead of refusing: for `outsider`
 * they must answer without any row of the book they lack.
 */
const FILTERED_FIELDS: Record<string, string> = {
  'Query.searchCustomers': 'searches only the books the user holds',
};

const REFUSAL_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BOOK_FORBIDDEN', 'NOT_FOUND']);

interface Ids {
  bookId: number;
  customerId: number;
  userId: number;
  branchId: number;
}

/** Valid samples of input types whose shape the generator cannot guess; validation must pass so the auth check is what refuses. */
function sampleInputs(ids: Ids): Record<string, unknown> {
  return {
    CustomerInput: {
      bookId: ids.bookId,
      name: 'Khách hàng thử',
      customerType: 0,
      address: '1 Phố Thử',
      households: 1,
      persons: 1,
      wastewaterFeeMode: 'standard',
      status: 1,
      isPreferential: false,
    },
    MeterInput: { serial: `AUTHZ-${Date.now()}`, installedOn: '2026-01-01', initialIndex: 0 },
    ContractInput: { signedOn: '2026-01-01' },
  };
}

function sampleScalar(name: string, argName: string, ids: Ids): unknown {
  const lower = argName.toLowerCase();
  switch (name) {
    case 'Int':
      if (lower.includes('book')) return ids.bookId;
      if (lower.includes('user')) return ids.userId;
      if (lower.includes('branch')) return ids.branchId;
      if (lower === 'limit') return 10;
      if (lower === 'offset') return 0;
      if (lower.includes('version')) return 1;
      if (lower === 'maxindex') return 99999;
      if (lower.includes('days') || lower === 'diametermm') return 15;
      return ids.customerId;
    case 'Float':
      return 1;
    case 'String':
      if (lower.includes('password')) return 'mat-khau-dung-thu-1';
      if (lower.includes('phone') || lower === 'fax') return '0912345678';
      if (lower.includes('email')) return 'thu@example.vn';
      if (lower === 'utility') return 'water';
      if (lower === 'kind') return 'ward';
      if (lower === 'code') return 'ZZ99';
      if (lower.includes('login')) return 'thu01';
      if (lower === 'query' || lower === 'search') return 'le thi mai';
      if (lower.includes('period')) return '2026-05';
      return 'x';
    case 'Boolean':
      return false;
    case 'Date':
      return '2026-05-01';
    case 'DateTime':
      return '2026-05-01T00:00:00Z';
    case 'Period':
      return '2026-05';
    case 'JSON':
      return {};
    case 'ID':
      return String(ids.customerId);
    default:
      return 'x';
  }
}

function sampleValue(type: GraphQLInputType, argName: string, ids: Ids, samples: Record<string, unknown>, depth = 0): unknown {
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) return [sampleValue(inner.ofType as GraphQLInputType, argName, ids, samples, depth + 1)];
  if (isScalarType(inner)) return sampleScalar(inner.name, argName, ids);
  if (isEnumType(inner)) return inner.getValues()[0]!.value;
  if (isInputObjectType(inner)) {
    if (samples[inner.name]) return samples[inner.name];
    const out: Record<string, unknown> = {};
    for (const f of Object.values(inner.getFields())) {
      if (isNonNullType(f.type) || depth === 0) out[f.name] = sampleValue(f.type, f.name, ids, samples, depth + 1);
    }
    return out;
  }
  return null;
}

function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, ids: Ids, samples: Record<string, unknown>) {
  const variables: Record<string, unknown> = {};
  const defs: string[] = [];
  const args: string[] = [];
  for (const a of field.args) {
    variables[a.name] = sampleValue(a.type, a.name, ids, samples);
    defs.push(`$${a.name}: ${a.type.toString()}`);
    args.push(`${a.name}: $${a.name}`);
  }
  const named = getNamedType(field.type);
  const selection = isObjectType(named) || !isScalarType(named) && !isEnumType(named) ? ' { __typename }' : '';
  const head = defs.length ? `(${defs.join(', ')})` : '';
  const call = args.length ? `(${args.join(', ')})` : '';
  return { document: `${kind} Probe${head} { ${field.name}${call}${selection} }`, variables };
}

const allFields = () => [
  ...Object.values(schema.getQueryType()!.getFields()).map((f) => ({ kind: 'query' as const, key: `Query.${f.name}`, field: f })),
  ...Object.values(schema.getMutationType()!.getFields()).map((f) => ({ kind: 'mutation' as const, key: `Mutation.${f.name}`, field: f })),
];

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let nobody: Actor;
let ids: Ids;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  const [u] = await database.db
    .insert(users)
    .values({ login: 'nobody', fullName: 'Không quyền', passwordHash: 'scrypt$1$1$1$x$x' })
    .returning({ id: users.id });
  nobody = (await loadActor(database.db, u!.id))!;
  const customer = await createCustomer(database.db, f.admin, {
    customer: customerFields(f.bookIds[0], {
      name: 'Lê Thị Mai',
      address: '5 Hàng Bông',
      wardId: f.wardId,
      serviceTypeId: f.serviceTypeId,
      persons: 3,
    }),
    meter: { serial: 'AUTHZ-M1', installedOn: '2026-01-01', initialIndex: 0, meterTypeId: null, sealNo: null, verifiedOn: null },
    contract: { signedOn: '2026-01-01', address: null, handoverOn: null, installedOn: null, installationTeamId: null },
  });
  // Ids point at book S01 (branch 1), which `outsider` lacks; user/branch ids at the admin and branch 1.
  ids = { bookId: f.bookIds[0], customerId: customer.id, userId: f.admin.userId, branchId: f.branchIds[0] };
});
afterAll(async () => database?.close());

async function snapshot(): Promise<string> {
  const r = await database.db.execute(sql`
    select (select count(*) from customers)::text || '/' || (select coalesce(sum(version), 0) from customers)::text || '/' ||
           (select count(*) from users)::text || '/' || (select count(*) from user_permissions)::text || '/' ||
           (select count(*) from readings)::text || '/' || (select count(*) from invoices)::text as s`);
  return JSON.stringify(r);
}

describe('authorization generated from the schema', () => {
  it('lists only fields that exist (the allow-lists stay honest)', () => {
    const keys = new Set(allFields().map((x) => x.key));
    for (const k of [...Object.keys(PUBLIC_FIELDS), ...Object.keys(ANY_STAFF_FIELDS)]) {
      if (k === 'Query.readingCodes' && !keys.has(k)) continue;
      expect(keys, `allow-listed field ${k} is not in the schema`).toContain(k);
    }
  });

  it.each(['anonymous', 'nobody', 'outsider'] as const)('refuses every non-public field as %s and changes nothing', async (who) => {
    const actor = who === 'anonymous' ? null : who === 'nobody' ? nobody : f.outsider;
    const samples = sampleInputs(ids);
    const before = await snapshot();
    const leaks: string[] = [];
    for (const { kind, key, field } of allFields()) {
      if (PUBLIC_FIELDS[key]) continue;
      if (actor && who === 'nobody' && ANY_STAFF_FIELDS[key]) continue;
      if (actor && who === 'outsider' && ANY_STAFF_FIELDS[key]) continue;
      const { document, variables } = operationFor(kind, field, ids, samples);
      const r = await gql(database.db, actor, document, variables);
      if (who === 'outsider' && FILTERED_FIELDS[key] && r.errors.length === 0) {
        if (JSON.stringify(r.data).includes(`"id":${ids.customerId}`) || JSON.stringify(r.data) !== `{"${field.name}":[]}`) {
          leaks.push(`${key}: filtered answer holds rows: ${JSON.stringify(r.data).slice(0, 120)}`);
        }
        continue;
      }
      if (!r.code || !REFUSAL_CODES.has(r.code)) {
        leaks.push(`${key}: ${r.code ?? 'answered'} ${r.errors[0]?.message ?? JSON.stringify(r.data).slice(0, 120)}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(await snapshot()).toBe(before);
  });

  it('open lookup lists show a user without books no books, routes or branches', async () => {
    for (const q of ['readingBooks', 'routes', 'branches']) {
      const r = await gql(database.db, nobody, `{ ${q} { total } }`);
      expect(r.errors).toEqual([]);
      expect(r.data![q].total).toBe(0);
    }
  });
});
