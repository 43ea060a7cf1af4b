/**
 * Generated from the schema: every query and mutation is called (1) anonymously, (2) as a signed-in user
 * with no rights and no books, and (3) as a user with full rights on another branch's book only, pointing
 * at data of a book they lack. Each call must be refused, unless the field is listed below with the reason
 * it is open. A new field is covered automatically; one that is not refused and not listed fails the test.
 *
 * Every call selects its whole answer (nested objects and their relations, e.g. Customer.history), so a
 * nested resolver that leaks rows of another book is caught in the fields that do answer. Every id-keyed
 * argument points at a row that exists in a book the caller lacks: a NOT_FOUND counts as a refusal only
 * after the test has checked that row exists (an id argument with no known table fails the test).
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
  type GraphQLOutputType,
} from 'graphql';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintKinds } from '@/db/schema/catalogs';
import { masterMeters } from '@/db/schema/org';
import { users } from '@/db/schema/users';
import { rowsOf } from '@/db/sql';
import { schema } from '@/graphql/schema';
import { runBillingRunNow } from '@/jobs/billing-runs';
import { loadActor, type Actor } from '@/services/auth/actor';
import { createBillingRun } from '@/services/billing/billing-run.service';
import { addAttachment } from '@/services/customers/attachment.service';
import { createCustomer } from '@/services/customers/customer.service';
import { createBackBill } from '@/services/readings/adjustments.service';
import { ingestBankTransactions } from '@/services/payments/bank-transfer.service';
import { postPayment } from '@/services/payments/payment.service';
import { declareSuspension } from '@/services/readings/declarations.service';
import { receiveWorkOrder } from '@/services/work-orders/intake.service';
import { enterReadings, seedPublishedTariffs } from '../helpers/billing-fixtures';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, customerFields, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';

/** Open to anonymous visitors (the public portal). */
const PUBLIC_FIELDS: Record<string, string> = {
  'Query.viewer': 'tells the UI whether someone is signed in',
  'Query.estimateBill': 'public bill calculator of the portal',
  'Query.portalBills': 'portal bill lookup: answers only to a right proof of the customer code (portal-lookup.test.ts)',
  'Query.portalCompany': 'the company’s name and contacts shown on every portal page',
  'Query.portalServiceTypes': 'the service types the portal calculator offers',
  'Query.portalChallenge': 'a proof-of-work challenge for the portal forms: holds nothing but a signed random value',
  'Query.portalWards': 'ward names for the registration form',
  'Query.requestStatus':
    'request tracking: answers only to the tracking code plus the applicant phone’s last 4 digits (portal-requests.test.ts)',
  'Mutation.submitConnectionRequest': 'online registration: needs a solved challenge, answers only a tracking code',
  'Mutation.submitServiceRequest':
    'a customer’s request: needs the lookup’s proof of the customer code and a solved challenge, answers only a tracking code',
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
  'Query.invoiceSeries': 'the series printed on every invoice',
  'Query.invoiceSettings': 'the bank account, paper and reading printed on every invoice',
  'Query.paymentPartners': 'codes and names of the collection partners, for the payment screens’ pickers',
};

/**
 * Fields that answer a user with rights elsewhere by filtering in SQL instead of refusing: for `outsider`
 * they must answer without any row of the book they lack.
 */
const FILTERED_FIELDS: Record<string, string> = {
  'Query.searchCustomers': 'searches only the books the user holds',
  'Query.invoices': 'lists only invoices of books the user may read',
  'Query.bankTransactions': 'suspense money is company-wide; matched lines only of customers of the user’s books',
  'Query.collectorBooks': 'only the collector’s books the user holds with the payments right',
  'Query.reconciliations': 'only reconciliations the user imported or holds an exception of',
  'Query.reconciliationExceptions': 'only exceptions of customers of the user’s books (or naming no customer)',
  'Query.workOrders':
    'only orders of the user’s branches (installations/complaints rights) and customers’ current books',
  'Query.workOrderCounts': 'counts only orders the user may read',
};

/**
 * Mutations a user with the right on another branch may call: they act only on that user's own books (checked
 * book by book when the job runs). For `outsider` they must answer without naming the customer they lack; the
 * job they start is theirs, asserted in test/integration/job-queue.test.ts.
 */
const OWN_BOOKS_FIELDS: Record<string, string> = {
  'Mutation.startCompanyInvoiceIssue': 'a company-wide issue of the books the user may issue',
  'Mutation.queueOverdueReminders': 'overdue reminders only of customers of the books the user may add notices on',
};

/**
 * A signed-in portal customer's own fields (scope `portalCustomer`): refused to anonymous visitors and to every staff
 * member (the generated test above), answered to a customer only about the customers their account proved
 * (test/integration/portal-accounts.test.ts: a customer without a proved code, another customer). Every other
 * non-public field refuses a customer session (asserted below).
 */
const PORTAL_ACCOUNT_FIELDS: Record<string, string> = {
  'Query.myPortalAccount': 'the account’s email and the customer codes it proved',
  'Query.myBills': 'open bills of the proved customers only',
  'Query.myPayments': 'payments of the proved customers only',
  'Query.myRequests': 'requests of the proved customers and those the account filed',
  'Mutation.linkCustomerCode': 'links a code only with the lookup’s proof, in the lookup’s budgets',
  'Mutation.unlinkCustomer': 'only a customer the account linked',
  'Mutation.setMyNoticeOptOut': 'only a customer the account linked',
};

const REFUSAL_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BOOK_FORBIDDEN', 'NOT_FOUND']);

interface Ids {
  bookId: number;
  customerId: number;
  userId: number;
  branchId: number;
  /** One existing row per table an id argument can name; customer-linked rows all belong to book S01. */
  byTable: Record<string, number>;
}

/** The table an Int argument names, by the argument's name. */
const ID_ARG_TABLES: Record<string, string> = {
  customerId: 'customers',
  customerIds: 'customers',
  afterCustomerId: 'customers',
  readingId: 'readings',
  readingIds: 'readings',
  runId: 'billing_runs',
  meterId: 'meters',
  versionId: 'tariff_versions',
  tariffVersionId: 'tariff_versions',
  userId: 'users',
  branchId: 'branches',
  bookId: 'reading_books',
  bookIds: 'reading_books',
  targetBookId: 'reading_books',
  currentBookId: 'reading_books',
  routeId: 'routes',
  routeIds: 'routes',
  wardId: 'wards',
  serviceTypeId: 'service_types',
  meterTypeId: 'meter_types',
  installationTeamId: 'installation_teams',
  masterMeterId: 'master_meters',
  collectorId: 'users',
  reconciliationId: 'reconciliations',
  partnerId: 'partners',
  workOrderId: 'work_orders',
  teamId: 'installation_teams',
};

/** The table an `id` argument names, by the field that takes it. */
const ID_FIELD_TABLES: [RegExp, string][] = [
  [/^(customer|updateCustomer|deleteCustomer)$/, 'customers'],
  [/^(invoice|cancelInvoice|replaceInvoice|adjustInvoice)$/, 'invoices'],
  [/^(payment|reversePayment)$/, 'payments'],
  [/BankTransaction$|^bankAllocationPreview$/, 'bank_transactions'],
  [/InvoiceSeries$/, 'invoice_series'],
  [/^invoiceIssueJob$/, 'invoice_issue_jobs'],
  [/^billingRun$|BillingRun$/, 'billing_runs'],
  [/Attachment$/, 'attachments'],
  [/Suspension$/, 'suspensions'],
  [/Adjustment$/, 'adjustments'],
  [/^(user|updateUser|deleteUser)$/, 'users'],
  [/TariffTier$/, 'tariff_tiers'],
  [/^tariffVersion$|TariffVersion$/, 'tariff_versions'],
  [/Ward$/, 'wards'],
  [/Branch$/, 'branches'],
  [/Route$/, 'routes'],
  [/ReadingBook$/, 'reading_books'],
  [/ServiceType$/, 'service_types'],
  [/MeterType$/, 'meter_types'],
  [/ComplaintKind$/, 'complaint_kinds'],
  [/InstallationTeam$/, 'installation_teams'],
  [/MasterMeter$/, 'master_meters'],
  [/ReconciliationException$/, 'reconciliation_exceptions'],
  [/^(updatePartner|rotatePartnerSecret)$/, 'partners'],
  [/WorkOrder|^workOrder$|^handOverInstallation$/, 'work_orders'],
  [/^resendMessage$/, 'messages'],
];

/** Tables whose rows belong to a customer: the fixture's row must be in a book `outsider` lacks. */
const CUSTOMER_TABLES: Record<string, string> = {
  customers: 'select book_id from customers where id = $1',
  readings: 'select c.book_id from readings r join customers c on c.id = r.customer_id where r.id = $1',
  invoices: 'select c.book_id from invoices i join customers c on c.id = i.customer_id where i.id = $1',
  payments: 'select c.book_id from payments p join customers c on c.id = p.customer_id where p.id = $1',
  bank_transactions:
    'select c.book_id from bank_transactions bt join payments p on p.id = bt.payment_id join customers c on c.id = p.customer_id where bt.id = $1',
  attachments: 'select c.book_id from attachments a join customers c on c.id = a.customer_id where a.id = $1',
  suspensions: 'select c.book_id from suspensions s join customers c on c.id = s.customer_id where s.id = $1',
  adjustments: 'select c.book_id from adjustments a join customers c on c.id = a.customer_id where a.id = $1',
  reconciliation_exceptions:
    'select c.book_id from reconciliation_exceptions e join customers c on c.code = e.customer_code where e.id = $1',
  meters: 'select c.book_id from meters m join customers c on c.id = m.customer_id where m.id = $1',
  work_orders: 'select c.book_id from work_orders w join customers c on c.id = w.customer_id where w.id = $1',
  messages: 'select c.book_id from messages m join customers c on c.id = m.customer_id where m.id = $1',
};

/** An id argument sent in a probe: which table it names and the id. */
interface IdRef {
  where: string;
  table: string;
  id: number;
}

function idArgument(fieldName: string, argName: string, ids: Ids, used: IdRef[]): number | null {
  let table = ID_ARG_TABLES[argName];
  if (!table && argName === 'id') table = ID_FIELD_TABLES.find(([re]) => re.test(fieldName))?.[1];
  if (!table) {
    if (argName === 'id' || /Ids?$/.test(argName))
      throw new Error(`${fieldName}(${argName}): add the table this id names to ID_ARG_TABLES / ID_FIELD_TABLES`);
    return null;
  }
  const id = ids.byTable[table];
  if (id === undefined) throw new Error(`${fieldName}(${argName}): the fixture has no row of ${table}`);
  used.push({ where: `${fieldName}(${argName})`, table, id });
  return id;
}

/** Valid samples of input types whose shape the generator cannot guess; validation must pass so the auth check is what refuses. */
function sampleInputs(ids: Ids): Record<string, unknown> {
  return {
    CustomerInput: {
      bookId: ids.bookId,
      name: 'Khách hàng thử',
      customerType: 'INDIVIDUAL',
      address: '1 Phố Thử',
      households: 1,
      persons: 1,
      wastewaterFeeMode: 'STANDARD',
      status: 'IN_SERVICE',
      isPreferential: false,
    },
    MeterInput: { serial: `AUTHZ-${Date.now()}`, installedOn: '2026-01-01', initialIndex: 0 },
    ContractInput: { signedOn: '2026-01-01' },
    InvoiceSeriesInput: { templateSymbol: '1', invoiceSymbol: 'C26TAB', isDefault: false, active: true },
    // The counter's own book is checked before its entries: a user without it is refused BOOK_FORBIDDEN.
    // The collector's customer is checked before the collector's assignment: a user without its book is refused.
    RecordCollectorPaymentInput: { customerId: ids.customerId, amount: 1000, idempotencyKey: 'authz-collector-1' },
    // A request about the S01 customer: refused for want of the branch right, or as a customer of a book the caller lacks.
    WorkOrderInput: {
      kind: 'LEAK_REPORT',
      source: 'PHONE',
      customerId: ids.customerId,
      applicantName: 'Người báo',
      applicantPhone: '0912345678',
      idempotencyKey: 'authz-work-order-1',
    },
    // The company's details (admins only): valid, so the refusal is the admin check's and the row stays as it was.
    CompanyProfileInput: {
      name: 'Công ty bị sửa',
      taxCode: '0108123456',
      hotline: '19001234',
      officeHours: 'Thứ Hai – Thứ Sáu: 7:30 – 17:00',
    },
    PayAtCounterInput: {
      bookId: ids.bookId,
      period: '2026-04',
      idempotencyKey: 'authz-probe-key-1',
      entries: [{ invoiceId: ids.byTable.invoices, amount: 1000 }],
    },
  };
}

function sampleScalar(name: string, argName: string, fieldName: string, ids: Ids, used: IdRef[]): unknown {
  const lower = argName.toLowerCase();
  switch (name) {
    case 'Int': {
      const id = idArgument(fieldName, argName, ids, used);
      if (id !== null) return id;
      if (lower === 'limit') return 10;
      if (lower === 'offset') return 0;
      if (lower.includes('version')) return 1;
      if (lower === 'maxindex') return 99999;
      if (lower.includes('days') || lower === 'diametermm') return 15;
      return 1;
    }
    case 'Float':
    case 'Money':
      return 1000;
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
      if (lower === 'reason') return 'Lý do kiểm thử';
      if (lower === 'resolution') return 'Đã xử lý kiểm thử';
      // A cursor is opaque: the first page (null) is the valid sample.
      if (lower === 'after') return null;
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

function sampleValue(
  type: GraphQLInputType,
  argName: string,
  fieldName: string,
  ids: Ids,
  samples: Record<string, unknown>,
  used: IdRef[],
  depth = 0,
): unknown {
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner))
    return [sampleValue(inner.ofType as GraphQLInputType, argName, fieldName, ids, samples, used, depth + 1)];
  if (isScalarType(inner)) return sampleScalar(inner.name, argName, fieldName, ids, used);
  // Variables carry an enum's name; `value` is the server-side (stored) value it maps to.
  if (isEnumType(inner)) return inner.getValues()[0]!.name;
  if (isInputObjectType(inner)) {
    if (samples[inner.name]) {
      // Ids inside a sample count as id arguments too: a NOT_FOUND for them proves a refusal once the row exists.
      for (const [key, value] of Object.entries(samples[inner.name] as Record<string, unknown>)) {
        const table = ID_ARG_TABLES[key];
        if (table && typeof value === 'number')
          used.push({ where: `${fieldName}(${inner.name}.${key})`, table, id: value });
      }
      return samples[inner.name];
    }
    const out: Record<string, unknown> = {};
    for (const f of Object.values(inner.getFields())) {
      if (isNonNullType(f.type) || depth === 0)
        out[f.name] = sampleValue(f.type, f.name, fieldName, ids, samples, used, depth + 1);
    }
    return out;
  }
  return null;
}

/**
 * The whole answer of a type: every field without required arguments, nested objects included (each type
 * once per path, a few levels deep), so nested resolvers run too.
 */
function selectionOf(type: GraphQLOutputType, seen: readonly string[] = []): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return '';
  if (seen.includes(named.name) || seen.length >= 4) return ' { __typename }';
  const parts = ['__typename'];
  for (const fl of Object.values(named.getFields())) {
    if (fl.args.some((a) => isNonNullType(a.type))) continue;
    parts.push(`${fl.name}${selectionOf(fl.type, [...seen, named.name])}`);
  }
  return ` { ${parts.join(' ')} }`;
}

function operationFor(
  kind: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  ids: Ids,
  samples: Record<string, unknown>,
) {
  const variables: Record<string, unknown> = {};
  const defs: string[] = [];
  const args: string[] = [];
  const used: IdRef[] = [];
  for (const a of field.args) {
    variables[a.name] = sampleValue(a.type, a.name, field.name, ids, samples, used);
    defs.push(`$${a.name}: ${a.type.toString()}`);
    args.push(`${a.name}: $${a.name}`);
  }
  const head = defs.length ? `(${defs.join(', ')})` : '';
  const call = args.length ? `(${args.join(', ')})` : '';
  return { document: `${kind} Probe${head} { ${field.name}${call}${selectionOf(field.type)} }`, variables, used };
}

const allFields = () => [
  ...Object.values(schema.getQueryType()!.getFields()).map((f) => ({
    kind: 'query' as const,
    key: `Query.${f.name}`,
    field: f,
  })),
  ...Object.values(schema.getMutationType()!.getFields()).map((f) => ({
    kind: 'mutation' as const,
    key: `Mutation.${f.name}`,
    field: f,
  })),
];

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let nobody: Actor;
let ids: Ids;
let storageDir: string;
/** What only a reader of book S01 may see: none of it may appear in an answer to `outsider` or `nobody`. */
const MARKERS = ['Lê Thị Mai', '5 Hàng Bông', 'AUTHZ-M1', 'hop-dong-authz.pdf'];

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), 'capnuoc-authz-'));
  process.env.STORAGE_DIR = storageDir;
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  const types = await seedPublishedTariffs(database.db, f.admin);
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
      serviceTypeId: types.get('HN_SH') ?? f.serviceTypeId,
      persons: 3,
    }),
    meter: {
      serial: 'AUTHZ-M1',
      installedOn: '2026-01-01',
      initialIndex: 0,
      meterTypeId: null,
      sealNo: null,
      verifiedOn: null,
    },
    contract: { signedOn: '2026-01-01', address: null, handoverOn: null, installedOn: null, installationTeamId: null },
  });
  // Everything that belongs to the customer: readings (one an open anomaly), an invoice and its run, a
  // suspension, an adjustment, an attachment (history comes with each).
  const db = database.db;
  for (const [i, period] of ['2026-01', '2026-02', '2026-03', '2026-04'].entries())
    await enterReadings(db, f.admin, period, [[customer.id, 10 * (i + 1)]]);
  const run = await createBillingRun(db, f.admin, {
    period: '2026-04',
    scope: { kind: 'customer', customerId: customer.id },
  });
  await runBillingRunNow(db, run.id);
  const [anomaly] = await enterReadings(db, f.admin, '2026-05', [[customer.id, 400]]);
  const suspension = await declareSuspension(db, f.admin, {
    customerId: customer.id,
    fromPeriod: '2026-10',
    toPeriod: null,
    reason: 'Đi vắng',
  });
  const adjustment = await createBackBill(db, f.admin, {
    customerId: customer.id,
    tariffPeriod: '2026-03',
    billPeriod: '2026-06',
    quantity: 2,
    reason: 'Truy thu',
  });
  const attachment = await addAttachment(db, f.admin, {
    customerId: customer.id,
    fileName: 'hop-dong-authz.pdf',
    data: new TextEncoder().encode('%PDF-1.4\n'),
  });
  const [kind] = await db
    .insert(complaintKinds)
    .values({ code: 'KN1', name: 'Nước yếu' })
    .returning({ id: complaintKinds.id });
  const [master] = await db
    .insert(masterMeters)
    .values({ code: 'DHT1', name: 'Đồng hồ tổng 1' })
    .returning({ id: masterMeters.id });
  const one = async (q: ReturnType<typeof sql>) => Number(rowsOf<{ id: number }>(await db.execute(q))[0]!.id);
  // A request about the customer; `outsider` may handle requests, but only on their own branch.
  const workOrder = await receiveWorkOrder(
    db,
    { actor: f.admin },
    {
      kind: 'METER_CHECK',
      source: 'COUNTER',
      customerId: customer.id,
      applicantName: 'Lê Thị Mai',
      applicantPhone: '0912345678',
    },
  );
  f.outsider = await grantComplaintRights(f.outsider, f.branchIds[1]);
  // A bank transfer matched to the customer by its payment code: the line belongs to S01 through its payment.
  await db.execute(sql`update companies set bank_account = '113000123456'`);
  const [bankLine] = await ingestBankTransactions(
    db,
    [
      {
        bankAccount: '113000123456',
        externalId: 'AUTHZ-BANK-1',
        amount: 1_000,
        receivedAt: new Date('2026-05-02T03:00:00Z'),
        description: `TN ${customer.code} 202604`,
      },
    ],
    'webhook',
  );
  expect(bankLine!.status).toBe('matched');
  // A payment taken at the counter (money in advance: the customer's invoice is a draft).
  const counterPayment = await db.transaction((tx) =>
    postPayment(tx, {
      customerId: customer.id,
      amount: 5_000,
      channel: 'counter',
      paidAt: new Date('2026-05-02T03:00:00Z'),
      recordedBy: f.admin.userId,
    }),
  );
  // The admin collects on S01 (collectorId probes name the admin): a payment of the customer on the sample day
  // 2026-05-01, and a partner's reconciliation of that day whose exception names the customer.
  await db.execute(sql`insert into collector_books (user_id, book_id) values (${f.admin.userId}, ${f.bookIds[0]})`);
  await db.transaction((tx) =>
    postPayment(tx, {
      customerId: customer.id,
      amount: 3_000,
      channel: 'collector',
      paidAt: new Date('2026-05-01T03:00:00Z'),
      recordedBy: f.admin.userId,
      collectorId: f.admin.userId,
    }),
  );
  const partnerId = await one(sql`insert into partners (code, name, secret_ciphertext)
    values ('AUTHZ_PAY', 'Đối tác kiểm thử', 'khong-dung') returning id`);
  const reconciliationId = await one(sql`insert into reconciliations (partner_id, business_day, file_name, file_sha256,
      imported_by, matched, exceptions)
    values (${partnerId}, '2026-05-01', 'authz.csv', ${'a'.repeat(64)}, ${f.admin.userId}, 0, 1) returning id`);
  const reconciliationExceptionId = await one(sql`insert into reconciliation_exceptions (reconciliation_id, kind,
      transaction_id, customer_code, partner_amount)
    values (${reconciliationId}, 'only_partner', 'AUTHZ-FT-1', ${customer.code}, 3000) returning id`);
  // Ids point at book S01 (branch 1), which `outsider` lacks; user/branch ids at the admin and branch 1.
  ids = {
    bookId: f.bookIds[0],
    customerId: customer.id,
    userId: f.admin.userId,
    branchId: f.branchIds[0],
    byTable: {
      customers: customer.id,
      readings: anomaly!.readingId!,
      invoices: await one(sql`select id from invoices where customer_id = ${customer.id} limit 1`),
      bank_transactions: await one(sql`select id from bank_transactions where external_id = 'AUTHZ-BANK-1'`),
      billing_runs: run.id,
      payments: counterPayment.payment.id,
      partners: partnerId,
      reconciliations: reconciliationId,
      reconciliation_exceptions: reconciliationExceptionId,
      attachments: attachment.id,
      suspensions: suspension.id,
      adjustments: adjustment.id,
      meters: anomaly!.meterId,
      work_orders: workOrder.id,
      tariff_versions: await one(sql`select id from tariff_versions order by id limit 1`),
      tariff_tiers: await one(sql`select id from tariff_tiers order by id limit 1`),
      users: f.admin.userId,
      branches: f.branchIds[0],
      reading_books: f.bookIds[0],
      routes: await one(sql`select route_id as id from reading_books where id = ${f.bookIds[0]}`),
      wards: f.wardId,
      service_types: f.serviceTypeId,
      meter_types: f.meterTypeId,
      installation_teams: f.teamId,
      complaint_kinds: kind!.id,
      master_meters: master!.id,
      // Finished, so that a probe starting its own issue of the period is not refused as a duplicate.
      invoice_issue_jobs: await one(sql`insert into invoice_issue_jobs (period, status, started_by)
        values ('2026-04', 'done', ${f.admin.userId}) returning id`),
      invoice_series: await one(sql`insert into invoice_series (template_symbol, invoice_symbol, year, is_default)
        values ('1', 'C26TAA', 2026, true) returning id`),
      // A failed bill notice of the customer: resendMessage must refuse it to anyone without its book.
      messages: await one(sql`insert into messages (event_key, channel, template, customer_id, period, recipient,
          status, attempts, last_error)
        values ('authz:bill', 'EMAIL', 'BILL', ${customer.id}, 202604, 'mai@example.vn', 'FAILED', 1, 'SMTP 550')
        returning id`),
    },
  };
  // The fixture's promise: every row exists, and every customer-linked one is in S01 (not held by outsider).
  for (const [table, id] of Object.entries(ids.byTable)) {
    expect(await rowExists(table, id), `${table} ${id}`).toBe(true);
    if (CUSTOMER_TABLES[table]) {
      const [row] = rowsOf<{ book_id: number }>(
        await db.execute(sql.raw(CUSTOMER_TABLES[table]!.replace('$1', String(id)))),
      );
      expect([table, Number(row!.book_id)]).toEqual([table, f.bookIds[0]]);
    }
  }
}, 240_000);
afterAll(async () => {
  await database?.close();
  if (storageDir) await rm(storageDir, { recursive: true, force: true });
});

/** A filtered answer without rows: an empty list, or a page whose `rows` is empty. */
function isEmptyAnswer(data: Record<string, unknown> | null, fieldName: string): boolean {
  const value = data?.[fieldName];
  if (Array.isArray(value)) return value.length === 0;
  const rows = value && typeof value === 'object' ? (value as { rows?: unknown }).rows : undefined;
  return Array.isArray(rows) && rows.length === 0;
}

/** Every right on requests (installations and complaints) on `branchId`. */
async function grantComplaintRights(actor: Actor, branchId: number): Promise<Actor> {
  for (const object of ['complaints', 'installations'])
    await database.db
      .execute(sql`insert into user_permissions (user_id, branch_id, "group", object, can_access, can_add,
      can_edit, can_delete, can_print, can_export) values (${actor.userId}, ${branchId}, 'document', ${object},
      true, true, true, true, true, true)`);
  return (await loadActor(database.db, actor.userId))!;
}

async function rowExists(table: string, id: number): Promise<boolean> {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`bad table ${table}`);
  return rowsOf(await database.db.execute(sql`select 1 from ${sql.identifier(table)} where id = ${id}`)).length === 1;
}

async function snapshot(): Promise<string> {
  const r = await database.db.execute(sql`
    select (select count(*) from customers)::text || '/' || (select coalesce(sum(version), 0) from customers)::text || '/' ||
           (select count(*) from users)::text || '/' || (select count(*) from user_permissions)::text || '/' ||
           (select count(*) from readings)::text || '/' || (select coalesce(sum(version), 0) from readings)::text || '/' ||
           (select count(*) from invoices)::text || '/' || (select count(*) from attachments)::text || '/' ||
           (select count(*) from suspensions)::text || '/' || (select count(*) from adjustments)::text || '/' ||
           (select count(*) from meters)::text || '/' || (select count(*) from billing_runs)::text || '/' ||
           (select count(*) || ':' || coalesce(sum(allocated), 0) from payments)::text || '/' ||
           (select count(*) from payment_reversals)::text || '/' || (select count(*) from collector_books)::text || '/' ||
           (select count(*) from collector_settlements)::text || '/' || (select count(*) from reconciliations)::text || '/' ||
           (select count(*) || ':' || coalesce(sum(version), 0) from work_orders)::text || '/' ||
           (select count(*) from work_order_events)::text || '/' || (select count(*) from work_order_documents)::text || '/' ||
           (select count(*) from reconciliation_exceptions where resolved_at is not null)::text || '/' ||
           (select count(*) || ':' || coalesce(md5(string_agg(code || name || secret_ciphertext || allow_list::text
             || allow_overpayment::text || active::text, ',' order by id)), '') from partners)::text || '/' ||
           (select coalesce(md5(string_agg(concat_ws('|', name, tax_code, address, phone, hotline, email, office_hours),
             ',' order by id)), '') from companies)::text as s`);
  return JSON.stringify(r);
}

describe('authorization generated from the schema', () => {
  it('lists only fields that exist (the allow-lists stay honest)', () => {
    const keys = new Set(allFields().map((x) => x.key));
    for (const k of [
      ...Object.keys(PUBLIC_FIELDS),
      ...Object.keys(ANY_STAFF_FIELDS),
      ...Object.keys(PORTAL_ACCOUNT_FIELDS),
    ]) {
      if (k === 'Query.readingCodes' && !keys.has(k)) continue;
      expect(keys, `allow-listed field ${k} is not in the schema`).toContain(k);
    }
  });

  it.each(['anonymous', 'nobody', 'outsider'] as const)(
    'refuses every non-public field as %s and changes nothing',
    async (who) => {
      const actor = who === 'anonymous' ? null : who === 'nobody' ? nobody : f.outsider;
      const samples = sampleInputs(ids);
      const before = await snapshot();
      const leaks: string[] = [];
      for (const { kind, key, field } of allFields()) {
        if (PUBLIC_FIELDS[key]) continue;
        if (actor && who === 'nobody' && ANY_STAFF_FIELDS[key]) continue;
        if (actor && who === 'outsider' && ANY_STAFF_FIELDS[key]) continue;
        const { document, variables, used } = operationFor(kind, field, ids, samples);
        const r = await gql(database.db, actor, document, variables);
        if (who === 'outsider' && FILTERED_FIELDS[key] && r.errors.length === 0) {
          if (JSON.stringify(r.data).includes(`"id":${ids.customerId}`) || !isEmptyAnswer(r.data, field.name)) {
            leaks.push(`${key}: filtered answer holds rows: ${JSON.stringify(r.data).slice(0, 120)}`);
          }
          continue;
        }
        if (who === 'outsider' && OWN_BOOKS_FIELDS[key] && r.errors.length === 0) {
          if (JSON.stringify(r.data).includes(`"id":${ids.customerId}`))
            leaks.push(`${key}: answer names the customer: ${JSON.stringify(r.data).slice(0, 120)}`);
          continue;
        }
        if (!r.code || !REFUSAL_CODES.has(r.code)) {
          leaks.push(`${key}: ${r.code ?? 'answered'} ${r.errors[0]?.message ?? JSON.stringify(r.data).slice(0, 120)}`);
        }
        // NOT_FOUND proves a refusal only when what the caller asked for is really there.
        if (r.code === 'NOT_FOUND') {
          if (used.length === 0) leaks.push(`${key}: NOT_FOUND without an id argument`);
          for (const ref of used)
            if (!(await rowExists(ref.table, ref.id)))
              leaks.push(`${key}: NOT_FOUND for ${ref.where}, but ${ref.table} ${ref.id} is gone`);
        }
      }
      expect(leaks).toEqual([]);
      expect(await snapshot()).toBe(before);
    },
  );

  it.each(['nobody', 'outsider'] as const)(
    'fields open to any staff member answer %s without data of S01, nested fields included',
    async (who) => {
      const actor = who === 'nobody' ? nobody : f.outsider;
      const samples = sampleInputs(ids);
      const before = await snapshot();
      const leaks: string[] = [];
      for (const { kind, key, field } of allFields()) {
        if (!ANY_STAFF_FIELDS[key] && !PUBLIC_FIELDS[key] && !FILTERED_FIELDS[key]) continue;
        if (kind === 'mutation') continue; // own profile and password: covered by the users tests
        const { document, variables } = operationFor(kind, field, ids, samples);
        const r = await gql(database.db, actor, document, variables);
        const text = JSON.stringify(r.data);
        for (const m of MARKERS) if (text.includes(m)) leaks.push(`${key}: answers ${m}`);
      }
      expect(leaks).toEqual([]);
      expect(await snapshot()).toBe(before);
    },
  );

  it('the whole answer of a customer, nested relations included, reaches its book’s holder', async () => {
    const { document, variables } = operationFor(
      'query',
      schema.getQueryType()!.getFields().customer!,
      ids,
      sampleInputs(ids),
    );
    expect(document).toContain('history {');
    expect(document).toContain('attachments {');
    const r = await gql(database.db, f.clerk, document, variables);
    expect(r.errors).toEqual([]);
    for (const m of MARKERS) expect(JSON.stringify(r.data)).toContain(m);
  });

  it('portal fields reach only portal types, and a visitor without the proof gets nothing of a customer', async () => {
    // Every object type an answer of a portal field can hold: none of the staff types (Customer, Invoice …).
    const reached = new Set<string>();
    const visit = (type: GraphQLOutputType) => {
      const named = getNamedType(type);
      if (!isObjectType(named) || reached.has(named.name)) return;
      reached.add(named.name);
      for (const fl of Object.values(named.getFields())) visit(fl.type);
    };
    const portalFields = allFields().filter((x) => x.key.startsWith('Query.portal'));
    expect(portalFields.map((x) => x.key).sort()).toEqual(
      Object.keys(PUBLIC_FIELDS)
        .filter((k) => k.startsWith('Query.portal'))
        .sort(),
    );
    for (const { field } of portalFields) visit(field.type);
    expect([...reached].filter((name) => !name.startsWith('Portal'))).toEqual([]);

    const [row] = rowsOf<{ code: string }>(
      await database.db.execute(sql`select code from customers where id = ${ids.customerId}`),
    );
    const before = await snapshot();
    for (const verifier of ['0000', '00000001']) {
      const r = await gql(
        database.db,
        null,
        `query($c: String!, $v: String!) { portalBills(customerCode: $c, verifier: $v) { customerName maskedAddress invoices { number } } }`,
        { c: row!.code, v: verifier },
        { ip: `192.0.2.${verifier.length}` },
      );
      expect(r.code).toBe('PORTAL_LOOKUP_FAILED');
      expect(r.data).toBeNull();
      for (const m of MARKERS) expect(JSON.stringify(r)).not.toContain(m);
    }
    const open = await gql(database.db, null, '{ portalCompany { name address } portalServiceTypes { code name } }');
    expect(open.errors).toEqual([]);
    for (const m of MARKERS) expect(JSON.stringify(open.data)).not.toContain(m);
    expect(await snapshot()).toBe(before);
  });

  it('the portal’s request fields answer a visitor without the proof nothing and store nothing', async () => {
    // Answers reach only portal types.
    const reached = new Set<string>();
    const visit = (type: GraphQLOutputType) => {
      const named = getNamedType(type);
      if (!isObjectType(named) || reached.has(named.name)) return;
      reached.add(named.name);
      for (const fl of Object.values(named.getFields())) visit(fl.type);
    };
    for (const { key, field } of allFields()) {
      if (['Query.requestStatus', 'Mutation.submitConnectionRequest', 'Mutation.submitServiceRequest'].includes(key))
        visit(field.type);
    }
    expect([...reached].filter((name) => !name.startsWith('Portal'))).toEqual([]);

    const [row] = rowsOf<{ code: string }>(
      await database.db.execute(sql`select code from customers where id = ${ids.customerId}`),
    );
    const { trackingCode } = await receiveWorkOrder(
      database.db,
      { portalAccountId: null },
      {
        kind: 'METER_CHECK',
        source: 'PORTAL',
        customerId: ids.customerId,
        applicantName: 'Người gửi',
        applicantPhone: '0900000001',
      },
    );
    const orders = async () =>
      rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from work_orders`))[0]!.n;
    const before = [await snapshot(), await orders()];
    const status = await gql(
      database.db,
      null,
      `query($c: String!) { requestStatus(trackingCode: $c, verifier: "0000") { kind status timeline { status } } }`,
      { c: trackingCode },
      { ip: '192.0.2.201' },
    );
    expect([status.code, status.data]).toEqual(['PORTAL_TRACKING_FAILED', null]);
    const proofInput = { challenge: 'x', nonce: '1' };
    const service = await gql(
      database.db,
      null,
      `mutation($i: PortalServiceRequestInput!) { submitServiceRequest(input: $i) { trackingCode } }`,
      {
        i: {
          customerCode: row!.code,
          verifier: '0000',
          kind: 'METER_CHECK',
          applicantName: 'Kẻ lạ',
          applicantPhone: '0900000002',
          description: 'Kiểm tra',
          idempotencyKey: 'authz-test-key-0001',
          proof: proofInput,
        },
      },
      { ip: '192.0.2.202' },
    );
    expect([service.code, service.data]).toEqual(['PORTAL_CHALLENGE_FAILED', null]);
    const connection = await gql(
      database.db,
      null,
      `mutation($i: PortalConnectionRequestInput!) { submitConnectionRequest(input: $i) { trackingCode } }`,
      {
        i: {
          applicantName: 'Kẻ lạ',
          applicantPhone: '0900000002',
          citizenId: '001190012345',
          address: '1 Phố Thử',
          wardId: f.wardId,
          serviceTypeCode: 'HN_SH',
          households: 1,
          persons: 1,
          idempotencyKey: 'authz-test-key-0002',
          proof: proofInput,
        },
      },
      { ip: '192.0.2.203' },
    );
    expect([connection.code, connection.data]).toEqual(['PORTAL_CHALLENGE_FAILED', null]);
    for (const r of [status, service, connection]) for (const m of MARKERS) expect(JSON.stringify(r)).not.toContain(m);
    expect([await snapshot(), await orders()]).toEqual(before);
  });

  it('a portal customer session reaches no staff field, and their own fields answer nothing of a customer they did not prove', async () => {
    // The customer's own fields reach only portal types.
    const reached = new Set<string>();
    const visit = (type: GraphQLOutputType) => {
      const named = getNamedType(type);
      if (!isObjectType(named) || reached.has(named.name)) return;
      reached.add(named.name);
      for (const fl of Object.values(named.getFields())) visit(fl.type);
    };
    for (const { key, field } of allFields()) if (PORTAL_ACCOUNT_FIELDS[key]) visit(field.type);
    expect([...reached].filter((name) => !name.startsWith('Portal'))).toEqual([]);

    // A customer signed in on the portal who proved no code (the probes name S01's customer).
    const [account] = rowsOf<{ id: number }>(
      await database.db.execute(
        sql`insert into portal_accounts (email) values ('authz-khach@example.vn') returning id`,
      ),
    );
    const portalAccountId = Number(account!.id);
    const samples = sampleInputs(ids);
    const before = await snapshot();
    const leaks: string[] = [];
    for (const { kind, key, field } of allFields()) {
      if (PUBLIC_FIELDS[key]) continue;
      const { document, variables } = operationFor(kind, field, ids, samples);
      const r = await gql(database.db, null, document, variables, { portalAccountId, ip: '192.0.2.210' });
      if (PORTAL_ACCOUNT_FIELDS[key]) {
        // Answered (about no customer) or refused for the arguments; never about S01's customer.
        const text = JSON.stringify(r);
        for (const m of MARKERS) if (text.includes(m)) leaks.push(`${key}: answers ${m}`);
        if (text.includes(`"id":${ids.customerId}`)) leaks.push(`${key}: names the customer`);
        continue;
      }
      if (!r.code || !REFUSAL_CODES.has(r.code))
        leaks.push(`${key}: ${r.code ?? 'answered'} ${r.errors[0]?.message ?? JSON.stringify(r.data).slice(0, 120)}`);
    }
    expect(leaks).toEqual([]);
    expect(await snapshot()).toBe(before);
    const linked = rowsOf(
      await database.db.execute(
        sql`select 1 from portal_account_customers where portal_account_id = ${portalAccountId}`,
      ),
    );
    expect(linked).toEqual([]);
  });

  it('open lookup lists show a user without books no books, routes or branches', async () => {
    for (const q of ['readingBooks', 'routes', 'branches']) {
      const r = await gql(database.db, nobody, `{ ${q} { total } }`);
      expect(r.errors).toEqual([]);
      expect(r.data![q].total).toBe(0);
    }
  });
});
