/**
 * Completing a request that is not a new connection: the change it asks for is made through the same customer
 * services the customer screen uses (so a meter replaced here is the same replacement, with the same history), in
 * one transaction with the order's move to DONE.
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { customers } from '@/db/schema/customers';
import { workOrders } from '@/db/schema/work-orders';
import type { WorkOrderKind } from '@/domain/work-orders/kinds';
import { type MeterInput, meterInputSchema } from '@/schemas/customer-input';
import {
  nameChangeCompletionSchema,
  nameChangeDetailsSchema,
  relocationCompletionSchema,
  relocationDetailsSchema,
} from '@/schemas/work-order-input';
import type { Actor } from '@/services/auth/actor';
import {
  type CustomerRow,
  getCustomerForActor,
  replaceMeter,
  resignContract,
  updateCustomer,
} from '@/services/customers/customer.service';
import type { CustomerFields } from '@/services/customers/customer-input';
import { AppError } from '@/services/errors';
import { kindOf, type WorkOrderRow } from './access';
import { applyWorkOrderChange, assertWorkOrderTransition, withWorkOrder } from './transitions.service';
import { parseOrThrow } from './validation';

export interface CompleteWorkOrderInput {
  id: number;
  resolution: string;
  expectedVersion?: number | null;
  /** RELOCATION: defaults to the new address of the request. */
  relocation?: {
    address?: string | null;
    wardId?: number | null;
    latitude?: string | null;
    longitude?: string | null;
  } | null;
  /** METER_REPLACEMENT, UPGRADE: the outgoing meter's final index and the new meter. */
  meterReplacement?: { finalIndex: number; removedOn: string; meter: MeterInput } | null;
  /** NAME_CHANGE: the new contract's date; the name defaults to the request's. */
  nameChange?: { newName?: string | null; signedOn: string } | null;
}

/** The customer row as the edit service takes it, so one field can change and the rest stay as they are. */
function customerFieldsOf(c: CustomerRow): CustomerFields {
  return {
    bookId: c.bookId,
    sequenceNo: c.sequenceNo,
    name: c.name,
    customerType: c.customerType === 1 ? 1 : 0,
    taxCode: c.taxCode,
    citizenId: c.citizenId,
    address: c.address,
    wardId: c.wardId,
    serviceTypeId: c.serviceTypeId,
    households: c.households,
    persons: c.persons,
    masterMeterId: c.masterMeterId,
    phone: c.phone,
    fax: c.fax,
    email: c.email,
    bankAccount: c.bankAccount,
    bankName: c.bankName,
    wastewaterFeeMode: c.wastewaterFeeMode as CustomerFields['wastewaterFeeMode'],
    wastewaterFeeBp: c.wastewaterFeeBp,
    status: c.status === 0 ? 0 : 1,
    isPreferential: c.isPreferential,
    preferentialUntil: c.preferentialUntil,
    extra: c.extra,
    latitude: c.latitude === null ? null : Number(c.latitude),
    longitude: c.longitude === null ? null : Number(c.longitude),
  };
}

async function editCustomer(
  tx: DbOrTx,
  actor: Actor,
  customerId: number,
  change: (fields: CustomerFields) => CustomerFields,
): Promise<CustomerRow> {
  const current = await getCustomerForActor(tx, actor, customerId, 'edit');
  return updateCustomer(tx, actor, {
    id: current.id,
    version: current.version,
    customer: change(customerFieldsOf(current)),
  });
}

/** The customer's open bill disputes, other than `exceptId`. */
async function hasOpenDispute(db: DbOrTx, customerId: number, exceptId?: number): Promise<boolean> {
  const [hit] = await db
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(
      and(
        eq(workOrders.customerId, customerId),
        eq(workOrders.kind, 'BILL_DISPUTE'),
        inArray(workOrders.status, ['RECEIVED', 'ASSIGNED', 'IN_PROGRESS']),
        exceptId === undefined ? undefined : ne(workOrders.id, exceptId),
      ),
    )
    .limit(1);
  return hit !== undefined;
}

/** VIETNAM-RULES: no disconnection while a bill dispute is pending. */
async function assertNoOpenDispute(db: DbOrTx, customerId: number): Promise<void> {
  // The customer row is locked so a dispute decided concurrently cannot interleave with the cut-off's check.
  await db.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId)).for('update');
  if (await hasOpenDispute(db, customerId)) {
    throw new AppError(
      'CUT_OFF_DURING_DISPUTE',
      'Khách hàng đang có khiếu nại hóa đơn chưa giải quyết: không được ngưng cấp nước cho đến khi có kết quả.',
    );
  }
}

function needs<T>(value: T | null | undefined, field: string, message: string): T {
  if (value === null || value === undefined) throw new AppError('VALIDATION_FAILED', message, { field });
  return value;
}

async function applyKind(
  tx: DbOrTx,
  actor: Actor,
  kind: WorkOrderKind,
  row: WorkOrderRow,
  input: CompleteWorkOrderInput,
): Promise<Record<string, unknown> | null> {
  const customerId = row.customerId;
  const about = () => needs(customerId, 'customerId', 'Phiếu chưa gắn với khách hàng.');
  switch (kind) {
    case 'INSTALLATION':
      return null;
    case 'RELOCATION': {
      const asked = relocationDetailsSchema.partial().parse(row.details);
      const given = parseOrThrow(relocationCompletionSchema, input.relocation ?? {});
      const address = given.address ?? asked.newAddress ?? null;
      const wardId = given.wardId ?? asked.newWardId ?? null;
      const latitude = given.latitude ?? asked.newLatitude ?? null;
      const longitude = given.longitude ?? asked.newLongitude ?? null;
      const target = needs(address, 'relocation.address', 'Nhập địa chỉ mới của đồng hồ.');
      const updated = await editCustomer(tx, actor, about(), (c) => ({
        ...c,
        address: target,
        wardId: wardId ?? c.wardId,
        latitude: latitude === null ? c.latitude : Number(latitude),
        longitude: longitude === null ? c.longitude : Number(longitude),
      }));
      return { address: updated.address, wardId: updated.wardId };
    }
    case 'METER_REPLACEMENT':
    case 'UPGRADE': {
      const r = needs(input.meterReplacement, 'meterReplacement', 'Nhập chỉ số cuối đồng hồ cũ và đồng hồ mới.');
      const meter = parseOrThrow(meterInputSchema, r.meter);
      const installed = await replaceMeter(tx, actor, {
        customerId: about(),
        finalIndex: r.finalIndex,
        removedOn: r.removedOn,
        meter,
      });
      return { serial: installed.serial, finalIndex: r.finalIndex, removedOn: r.removedOn };
    }
    case 'SUSPENSION':
    case 'CUT_OFF': {
      if (kind === 'CUT_OFF') await assertNoOpenDispute(tx, about());
      await editCustomer(tx, actor, about(), (c) => ({ ...c, status: 0 }));
      return { customerStatus: 0 };
    }
    case 'RESUMPTION':
    case 'RECONNECTION': {
      await editCustomer(tx, actor, about(), (c) => ({ ...c, status: 1 }));
      return { customerStatus: 1 };
    }
    case 'NAME_CHANGE': {
      const asked = nameChangeDetailsSchema.partial().parse(row.details);
      const given = parseOrThrow(
        nameChangeCompletionSchema,
        needs(input.nameChange, 'nameChange', 'Nhập ngày ký hợp đồng mới.'),
      );
      const name = needs(given.newName ?? asked.newName ?? null, 'nameChange.newName', 'Nhập tên mới trên hợp đồng.');
      await editCustomer(tx, actor, about(), (c) => ({ ...c, name }));
      const contract = await resignContract(tx, actor, about(), {
        address: null,
        signedOn: given.signedOn,
        handoverOn: null,
        installedOn: null,
        installationTeamId: null,
      });
      return { name, contractNumber: contract.number };
    }
    case 'BILL_DISPUTE':
    case 'METER_CHECK':
    case 'LEAK_REPORT':
    case 'PROBLEM_REPORT':
      return null;
  }
}

/**
 * Completes an order in progress with its resolution text; for kinds that change the connection, the change is made
 * in the same transaction (RELOCATION: address, ward, coordinates; METER_REPLACEMENT and UPGRADE: a meter
 * replacement; SUSPENSION and CUT_OFF: service stopped, refused as CUT_OFF_DURING_DISPUTE while a bill dispute is
 * open; RESUMPTION and RECONNECTION: service restored; NAME_CHANGE: the name and a new contract revision).
 */
export async function completeWorkOrder(
  db: DbOrTx,
  actor: Actor,
  input: CompleteWorkOrderInput,
): Promise<WorkOrderRow> {
  return withWorkOrder(db, actor, input.id, 'edit', async (tx, row) => {
    const kind = kindOf(row);
    if (kind === 'INSTALLATION')
      throw new AppError('WORK_ORDER_WRONG_KIND', 'Phiếu lắp đặt mới hoàn thành bằng bước nghiệm thu, bàn giao.');
    // Refused before any change to the customer: closed, or not started yet.
    assertWorkOrderTransition(row, 'DONE');
    const resolution = input.resolution?.trim() ?? '';
    if (!resolution) throw new AppError('VALIDATION_FAILED', 'Nhập kết quả xử lý.', { field: 'resolution' });
    if (resolution.length > 4000)
      throw new AppError('VALIDATION_FAILED', 'Kết quả xử lý dài tối đa 4000 ký tự.', { field: 'resolution' });
    const data = await applyKind(tx, actor, kind, row, input);
    return applyWorkOrderChange(tx, { actor }, row, {
      to: 'DONE',
      note: resolution,
      data,
      set: { resolution },
      expectedVersion: input.expectedVersion,
    });
  });
}
