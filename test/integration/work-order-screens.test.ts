import { execute, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { toWorkOrderView } from '@/components/work-orders/work-order-page';
import { EMPTY_FILTER } from '@/components/work-orders/work-order-filter-params';
import {
  completionVariables,
  handoverVariables,
  toCreateWorkOrderInput,
  workOrdersVariables,
} from '@/components/work-orders/work-order-input';
import {
  AddWorkOrderNoteMutation,
  AssignWorkOrderMutation,
  ChangeWorkOrderStatusMutation,
  CompleteWorkOrderMutation,
  CreateWorkOrderMutation,
  CustomerWorkOrdersQuery,
  HandOverInstallationMutation,
  MarkWorkOrderInstalledMutation,
  QuoteWorkOrderMutation,
  SignWorkOrderContractMutation,
  SurveyWorkOrderMutation,
  WORK_ORDER_TYPENAMES,
  WorkOrderCatalogsQuery,
  WorkOrderCountsQuery,
  WorkOrderDetailFragment,
  WorkOrderQuery,
  WorkOrderRowFragment,
  WorkOrdersQuery,
} from '@/components/work-orders/work-orders.documents';
import type { GraphQLContext } from '@/graphql/context';
import { formatError } from '@/graphql/errors';
import { schema } from '@/graphql/schema';
import { createGraphQLClient } from '@/lib/graphql/client';
import { readFragment } from '@/lib/graphql/graphql';
import { prefetch } from '@/lib/graphql/prefetch';
import {
  EMPTY_INTAKE,
  contractFormSchema,
  handoverFormSchema,
  installFormSchema,
  intakeFormSchema,
  quoteFormSchema,
  relocationFormSchema,
  surveyFormSchema,
} from '@/schemas/work-order-forms';
import { addCustomer, type TestCustomer } from '../helpers/billing-fixtures';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';

// prefetch is for Server Components; outside React's server build the marker package would refuse to load.
vi.mock('server-only', () => ({}));

/**
 * The back-office screens' own documents and form mappings, run against the real schema as the browser would send
 * them: the intake form's output becomes createWorkOrder's input, each step form's output a mutation's variables.
 */

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let customer: TestCustomer;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  customer = await addCustomer(database.db, f, { name: 'Phạm Văn Dời' });
});
afterAll(async () => database?.close());

const adminCtx = (): GraphQLContext => ({ db: database.db, actor: f.admin, ip: '127.0.0.1' });

function browserClient(ctx: GraphQLContext) {
  const inProcess = (async (_url: string | URL | Request, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { query: string; variables?: Record<string, unknown> };
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
  return createGraphQLClient({ inBrowser: true, fetch: inProcess }).client;
}

describe('work-order screens on the typed client', () => {
  it('the pages prefetch the list, the counts and the pickers without an error', async () => {
    const ctx = adminCtx();
    for (const r of [
      await prefetch(ctx, WorkOrdersQuery, workOrdersVariables({ ...EMPTY_FILTER, overdueOnly: true }, null)),
      await prefetch(ctx, WorkOrderCountsQuery, {}),
      await prefetch(ctx, WorkOrderCatalogsQuery, {}),
    ])
      expect(r.error).toBeNull();
  });

  it('takes a relocation for a customer, assigns, starts and completes it: the customer moves', async () => {
    const client = browserClient(adminCtx());
    const intake = intakeFormSchema.parse({
      ...EMPTY_INTAKE,
      kind: 'RELOCATION',
      source: 'COUNTER',
      customerId: customer.id,
      applicantName: 'Phạm Văn Dời',
      applicantPhone: '0912 345 678',
      description: 'Xây lại nhà, dời đồng hồ ra cổng mới',
      details: { ...EMPTY_INTAKE.details, newAddress: '7 Ngõ Mới, Ba Đình', newWardId: String(f.wardId) },
    });
    const created = await client
      .mutation(
        CreateWorkOrderMutation,
        { input: toCreateWorkOrderInput(intake, 'staff-test-relocation-1') },
        WORK_ORDER_TYPENAMES,
      )
      .toPromise();
    expect(created.error).toBeUndefined();
    const id = created.data!.createWorkOrder.id;
    expect(created.data!.createWorkOrder.trackingCode).toMatch(/^YC[0-9A-Z]{8}$/);

    const list = await client
      .query(WorkOrdersQuery, workOrdersVariables({ ...EMPTY_FILTER, kind: 'RELOCATION' }, null))
      .toPromise();
    const rows = readFragment(WorkOrderRowFragment, list.data!.workOrders.rows);
    expect(rows.map((r) => r.id)).toContain(id);

    const one = async () => {
      const r = await client.query(WorkOrderQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
      return toWorkOrderView(readFragment(WorkOrderDetailFragment, r.data!.workOrder));
    };
    const version = async () =>
      readFragment(
        WorkOrderDetailFragment,
        (await client.query(WorkOrderQuery, { id }, { requestPolicy: 'network-only' }).toPromise()).data!.workOrder,
      ).version;

    expect((await one()).details).toMatchObject({ newAddress: '7 Ngõ Mới, Ba Đình', newWardId: f.wardId });
    const assigned = await client
      .mutation(AssignWorkOrderMutation, {
        id,
        teamId: f.teamId,
        note: 'Đi trong tuần',
        expectedVersion: await version(),
      })
      .toPromise();
    expect(assigned.error).toBeUndefined();
    const started = await client
      .mutation(ChangeWorkOrderStatusMutation, {
        id,
        status: 'IN_PROGRESS',
        note: null,
        expectedVersion: await version(),
      })
      .toPromise();
    expect(started.error).toBeUndefined();
    await client.mutation(AddWorkOrderNoteMutation, { id, note: 'Đã gọi lại hẹn giờ' }).toPromise();

    const values = relocationFormSchema.parse({
      address: '7 Ngõ Mới, Ba Đình',
      wardId: String(f.wardId),
      latitude: '21,030001',
      longitude: '105.812345',
      resolution: 'Đã dời đồng hồ ra cổng mới',
    });
    const done = await client
      .mutation(CompleteWorkOrderMutation, {
        id,
        ...completionVariables({ kind: 'relocation', values }),
        expectedVersion: await version(),
      })
      .toPromise();
    expect(done.error).toBeUndefined();
    const view = await one();
    expect(view.status).toBe('DONE');
    expect(view.events.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, 'RECEIVED'],
      ['RECEIVED', 'ASSIGNED'],
      ['ASSIGNED', 'IN_PROGRESS'],
      ['IN_PROGRESS', 'IN_PROGRESS'],
      ['IN_PROGRESS', 'DONE'],
    ]);
    expect(view.events.every((e) => e.userName !== null)).toBe(true);
    expect(view.customer).toMatchObject({ id: customer.id, bookId: f.bookIds[0] });

    const tab = await client.query(CustomerWorkOrdersQuery, { customerId: customer.id }).toPromise();
    expect(readFragment(WorkOrderRowFragment, tab.data!.customerWorkOrders).map((r) => [r.id, r.status])).toEqual([
      [id, 'DONE'],
    ]);
  });

  it('walks a new connection through the stepper’s forms to a customer in the chosen book', async () => {
    const client = browserClient(adminCtx());
    const intake = intakeFormSchema.parse({
      ...EMPTY_INTAKE,
      kind: 'INSTALLATION',
      applicantName: 'Lê Thị Mới',
      applicantPhone: '0987654321',
      address: '15 Phố Lắp Mới, Ba Đình',
      wardId: String(f.wardId),
      serviceTypeId: String(f.serviceTypeId),
      households: '1',
      persons: '4',
    });
    const created = await client
      .mutation(CreateWorkOrderMutation, { input: toCreateWorkOrderInput(intake, null) })
      .toPromise();
    expect(created.error).toBeUndefined();
    const id = created.data!.createWorkOrder.id;
    let version = 1;
    const step = async (result: Promise<{ error?: unknown; data?: Record<string, unknown> }>) => {
      const r = await result;
      expect(r.error).toBeUndefined();
      const order = readFragment(WorkOrderDetailFragment, Object.values(r.data!)[0] as never);
      version = order.version;
      return order;
    };

    const survey = surveyFormSchema.parse({ latitude: '21.03', longitude: '105,81', notes: 'Đấu nối từ ống D100' });
    expect(
      (await step(client.mutation(SurveyWorkOrderMutation, { id, ...survey, expectedVersion: version }).toPromise()))
        .status,
    ).toBe('SURVEYED');
    const quote = quoteFormSchema.parse({
      lines: [
        { name: 'Ống HDPE D25', unit: 'm', quantity: '2,5', unitPrice: '15.001' },
        { name: 'Công lắp đặt', unit: 'lần', quantity: '1', unitPrice: '500.000' },
      ],
    });
    const quoted = await step(
      client.mutation(QuoteWorkOrderMutation, { id, lines: quote.lines, expectedVersion: version }).toPromise(),
    );
    // The server's amounts are the editor's: 2.5 × 15 001 rounded half up, plus 500 000.
    expect(quoted.quote?.total).toBe(537_503);
    const contract = contractFormSchema.parse({ contractNumber: 'HĐ-2026-001', signedOn: '2026-11-20' });
    await step(
      client.mutation(SignWorkOrderContractMutation, { id, ...contract, expectedVersion: version }).toPromise(),
    );
    const install = installFormSchema.parse({
      meter: {
        serial: 'LM-0001',
        meterTypeId: String(f.meterTypeId),
        initialIndex: '0',
        installedOn: '2026-11-25',
        sealNo: '',
      },
      teamId: String(f.teamId),
    });
    await step(
      client.mutation(MarkWorkOrderInstalledMutation, { id, ...install, expectedVersion: version }).toPromise(),
    );
    const handover = handoverFormSchema.parse({
      bookId: String(f.bookIds[1]),
      handoverOn: '2026-11-26',
      customerType: '0',
      taxCode: '',
    });
    const handed = await step(
      client
        .mutation(HandOverInstallationMutation, { id, ...handoverVariables(handover), expectedVersion: version })
        .toPromise(),
    );
    expect(handed.status).toBe('DONE');
    expect(handed.customerId).not.toBeNull();
    expect(handed.bookId).toBe(f.bookIds[1]);
  });
});
