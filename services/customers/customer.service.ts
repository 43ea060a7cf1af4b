import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { invoices } from '@/db/schema/billing';
import { contracts, customers, meters } from '@/db/schema/customers';
import { meterTypes } from '@/db/schema/catalogs';
import { companies } from '@/db/schema/org';
import { rowsOf } from '@/db/sql';
import { formatContractNumber, formatCustomerCode, nextSequenceAtEnd } from '@/domain/customers/numbering';
import { foldVietnamese } from '@/domain/text/normalize';
import { type Actor, canOnBook } from '@/services/auth/actor';
import { AppError, notFound, pgErrorCode } from '@/services/errors';
import { type ContractInput, type CustomerFields, type MeterInput } from './customer-input';
import { validateExtraFields } from './extra-fields';
import { diffCustomer, recordHistory } from './history';

export type CustomerRow = typeof customers.$inferSelect;

function searchTextOf(c: { code: string; name: string; address: string; phone: string | null }): string {
  return foldVietnamese([c.code, c.name, c.address, c.phone ?? ''].join(' '));
}

/** Throws unless the actor may exercise `right` on customers of `bookId`; the single gate of this module. */
export function assertBookRight(
  actor: Actor,
  bookId: number,
  right: 'access' | 'add' | 'edit' | 'delete' | 'export' | 'print',
): void {
  if (!canOnBook(actor, bookId, 'customers', right)) {
    throw new AppError('BOOK_FORBIDDEN', 'Bạn không có quyền trên sổ đọc này.');
  }
}

export async function getCustomerForActor(
  db: DbOrTx,
  actor: Actor,
  id: number,
  right: 'access' | 'edit' | 'delete' = 'access',
  what = 'khách hàng',
): Promise<CustomerRow> {
  const [row] = await db.select().from(customers).where(eq(customers.id, id)).limit(1);
  // A customer in a book the actor lacks is reported as missing — as the `what` looked up through it — so ids reveal nothing.
  if (!row || !canOnBook(actor, row.bookId, 'customers', 'access')) throw notFound(what);
  assertBookRight(actor, row.bookId, right);
  return row;
}

async function assertSequenceFree(db: DbOrTx, bookId: number, sequenceNo: number, exceptId?: number): Promise<void> {
  const [hit] = await db
    .select({ id: customers.id, code: customers.code })
    .from(customers)
    .where(and(eq(customers.bookId, bookId), eq(customers.sequenceNo, sequenceNo)))
    .limit(1);
  if (hit && hit.id !== exceptId) {
    throw new AppError('SEQUENCE_TAKEN', `Số thứ tự ${sequenceNo} đã có khách hàng ${hit.code} trong sổ này.`, {
      field: 'sequenceNo',
    });
  }
}

/** The customer holding the serial is named only to a user who may read that customer's book. */
async function assertSerialFree(db: DbOrTx, actor: Actor, serial: string): Promise<void> {
  const [hit] = await db
    .select({ code: customers.code, bookId: customers.bookId })
    .from(meters)
    .innerJoin(customers, eq(customers.id, meters.customerId))
    .where(and(eq(meters.serial, serial), eq(meters.isActive, true)))
    .limit(1);
  if (!hit) return;
  const holder = canOnBook(actor, hit.bookId, 'customers', 'access')
    ? `cho khách hàng ${hit.code}`
    : 'cho một khách hàng khác';
  throw new AppError('DUPLICATE_METER_SERIAL', `Số seri ${serial} đang được lắp ${holder}.`, { field: 'serial' });
}

/** A meter cannot show more than its register holds: such an index is a typing slip that would bill a roll-over. */
async function assertIndexWithinCapacity(
  db: DbOrTx,
  meterTypeId: number | null,
  index: number,
  field: string,
  label: string,
): Promise<void> {
  if (meterTypeId === null) return;
  const [type] = await db
    .select({ maxIndex: meterTypes.maxIndex })
    .from(meterTypes)
    .where(eq(meterTypes.id, meterTypeId))
    .limit(1);
  if (type && index > type.maxIndex) {
    throw new AppError(
      'INDEX_ABOVE_CAPACITY',
      `${label} (${index}) vượt quá chỉ số tối đa của loại đồng hồ (${type.maxIndex}).`,
      { field },
    );
  }
}

export async function maxSequence(db: DbOrTx, bookId: number): Promise<number | null> {
  const [r] = await db
    .select({ max: sql<number | null>`max(${customers.sequenceNo})` })
    .from(customers)
    .where(eq(customers.bookId, bookId));
  return r?.max === null || r?.max === undefined ? null : Number(r.max);
}

async function nextCustomerCode(db: DbOrTx): Promise<string> {
  const [company] = await db.select({ prefix: companies.customerCodePrefix }).from(companies).limit(1);
  const [r] = rowsOf<{ n: string | number }>(await db.execute(sql`select nextval('customer_code_seq') as n`));
  return formatCustomerCode(company?.prefix ?? 'KH', Number(r!.n));
}

/** Turns a constraint violation that raced past a pre-check into the same error the pre-check gives. */
function mapConstraint(error: unknown): never {
  const pg = pgErrorCode(error);
  if (pg?.code === '23505' && pg.constraint === 'customers_book_sequence')
    throw new AppError('SEQUENCE_TAKEN', 'Số thứ tự đã có khách hàng khác trong sổ này.', { field: 'sequenceNo' });
  if (pg?.code === '23505' && pg.constraint === 'meters_serial_in_service')
    throw new AppError('DUPLICATE_METER_SERIAL', 'Số seri đồng hồ đang được lắp cho khách hàng khác.', {
      field: 'serial',
    });
  throw error;
}

export interface CreateCustomerInput {
  customer: CustomerFields;
  meter?: MeterInput | null;
  contract?: ContractInput | null;
}

export async function createCustomer(db: DbOrTx, actor: Actor, input: CreateCustomerInput): Promise<CustomerRow> {
  const c = input.customer;
  assertBookRight(actor, c.bookId, 'add');
  try {
    return await db.transaction(async (tx) => {
      let sequenceNo = c.sequenceNo ?? null;
      if (sequenceNo !== null) await assertSequenceFree(tx, c.bookId, sequenceNo);
      else sequenceNo = nextSequenceAtEnd(await maxSequence(tx, c.bookId));
      if (input.meter) await assertSerialFree(tx, actor, input.meter.serial);
      if (input.meter)
        await assertIndexWithinCapacity(
          tx,
          input.meter.meterTypeId,
          input.meter.initialIndex,
          'initialIndex',
          'Chỉ số đầu',
        );
      const extra = await validateExtraFields(tx, c.extra);
      const code = await nextCustomerCode(tx);
      const [row] = await tx
        .insert(customers)
        .values({
          ...c,
          extra,
          sequenceNo,
          code,
          latitude: c.latitude === null ? null : String(c.latitude),
          longitude: c.longitude === null ? null : String(c.longitude),
          searchText: searchTextOf({ code, name: c.name, address: c.address, phone: c.phone }),
        })
        .returning();
      const customer = row!;
      if (input.meter) await tx.insert(meters).values({ ...input.meter, customerId: customer.id, isActive: true });
      if (input.contract) {
        await tx.insert(contracts).values({
          ...input.contract,
          customerId: customer.id,
          revision: 1,
          number: formatContractNumber(code, 1),
          address: input.contract.address ?? c.address,
          isCurrent: true,
        });
      }
      await recordHistory(tx, actor, [
        { customerId: customer.id, kind: 'created', after: { code, name: c.name, bookId: c.bookId, sequenceNo } },
      ]);
      return customer;
    });
  } catch (e) {
    mapConstraint(e);
  }
}

/** Edits with an optimistic version check: a stale form is refused instead of overwriting a colleague's change. */
export async function updateCustomer(
  db: DbOrTx,
  actor: Actor,
  input: { id: number; version: number; customer: CustomerFields },
): Promise<CustomerRow> {
  const existing = await getCustomerForActor(db, actor, input.id, 'edit');
  if (input.customer.bookId !== existing.bookId) {
    throw new AppError('USE_MOVE_TO_CHANGE_BOOK', 'Muốn đổi sổ đọc, hãy dùng chức năng chuyển sổ.', {
      field: 'bookId',
    });
  }
  try {
    return await db.transaction(async (tx) => {
      const { sequenceNo: wantedSeq, ...fields } = input.customer;
      const sequenceNo = wantedSeq ?? existing.sequenceNo;
      if (sequenceNo !== existing.sequenceNo) await assertSequenceFree(tx, existing.bookId, sequenceNo, existing.id);
      const next = {
        ...fields,
        extra: await validateExtraFields(tx, fields.extra),
        sequenceNo,
        latitude: fields.latitude === null ? null : fields.latitude.toFixed(6),
        longitude: fields.longitude === null ? null : fields.longitude.toFixed(6),
      };
      const [row] = await tx
        .update(customers)
        .set({
          ...next,
          searchText: searchTextOf({
            code: existing.code,
            name: fields.name,
            address: fields.address,
            phone: fields.phone,
          }),
          version: sql`${customers.version} + 1`,
          updatedAt: new Date(),
        })
        .where(and(eq(customers.id, existing.id), eq(customers.version, input.version)))
        .returning();
      if (!row) {
        throw new AppError('VERSION_CONFLICT', 'Khách hàng vừa được người khác sửa. Hãy tải lại và sửa lại.');
      }
      const before: Record<string, unknown> = {};
      for (const key of Object.keys(next)) before[key] = (existing as Record<string, unknown>)[key];
      await recordHistory(tx, actor, diffCustomer(existing.id, before, next));
      return row;
    });
  } catch (e) {
    mapConstraint(e);
  }
}

/** Delete is allowed only while the customer has no invoice; after that nobody can delete. */
export async function deleteCustomer(db: DbOrTx, actor: Actor, id: number): Promise<void> {
  const existing = await getCustomerForActor(db, actor, id, 'delete');
  await db.transaction(async (tx) => {
    const [inv] = await tx.select({ n: count() }).from(invoices).where(eq(invoices.customerId, existing.id));
    if (Number(inv?.n ?? 0) > 0) {
      throw new AppError('CUSTOMER_HAS_INVOICES', `Khách hàng ${existing.code} đã có hóa đơn nên không thể xóa.`);
    }
    await tx.delete(customers).where(eq(customers.id, existing.id));
  });
}

/** Re-signing: the current contract ends, the next number (`/NN+1`) starts; the old one is kept. */
export async function resignContract(db: DbOrTx, actor: Actor, customerId: number, input: ContractInput) {
  const customer = await getCustomerForActor(db, actor, customerId, 'edit');
  return db.transaction(async (tx) => {
    const existing = await tx
      .select()
      .from(contracts)
      .where(eq(contracts.customerId, customerId))
      .orderBy(asc(contracts.revision));
    const current = existing.find((c) => c.isCurrent) ?? null;
    const revision = (existing.at(-1)?.revision ?? 0) + 1;
    if (current) {
      await tx.update(contracts).set({ isCurrent: false, endedOn: input.signedOn }).where(eq(contracts.id, current.id));
    }
    const [row] = await tx
      .insert(contracts)
      .values({
        ...input,
        customerId,
        revision,
        number: formatContractNumber(customer.code, revision),
        address: input.address ?? customer.address,
        isCurrent: true,
      })
      .returning();
    await recordHistory(tx, actor, [
      {
        customerId,
        kind: 'contract',
        before: current ? { number: current.number, signedOn: current.signedOn } : null,
        after: { number: row!.number, signedOn: row!.signedOn },
        note: current ? 'Ký lại hợp đồng' : 'Ký hợp đồng',
      },
    ]);
    return row!;
  });
}

/** Edits the current contract's dates, team and address (the number never changes). */
export async function updateCurrentContract(db: DbOrTx, actor: Actor, customerId: number, input: ContractInput) {
  const customer = await getCustomerForActor(db, actor, customerId, 'edit');
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(contracts)
      .where(and(eq(contracts.customerId, customerId), eq(contracts.isCurrent, true)))
      .limit(1);
    if (!current) throw new AppError('NO_CURRENT_CONTRACT', 'Khách hàng chưa có hợp đồng hiện hành.');
    const next = { ...input, address: input.address ?? customer.address };
    const [row] = await tx.update(contracts).set(next).where(eq(contracts.id, current.id)).returning();
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const key of Object.keys(next) as (keyof typeof next)[]) {
      if ((current[key] ?? null) !== (next[key] ?? null)) {
        before[key] = current[key] ?? null;
        after[key] = next[key] ?? null;
      }
    }
    if (Object.keys(after).length > 0) {
      await recordHistory(tx, actor, [
        { customerId, kind: 'contract', before: { number: current.number, ...before }, after },
      ]);
    }
    return row!;
  });
}

export interface ReplaceMeterInput {
  customerId: number;
  /** Index of the outgoing meter when removed: billed in the period with the new meter's consumption. */
  finalIndex: number;
  removedOn: string;
  meter: MeterInput;
}

/** Replacement closes the active meter with its final index and opens the new one; history keeps both. */
export async function replaceMeter(db: DbOrTx, actor: Actor, input: ReplaceMeterInput) {
  await getCustomerForActor(db, actor, input.customerId, 'edit');
  try {
    return await db.transaction(async (tx) => {
      const [old] = await tx
        .select()
        .from(meters)
        .where(and(eq(meters.customerId, input.customerId), eq(meters.isActive, true)))
        .limit(1);
      if (old && input.finalIndex < old.initialIndex) {
        throw new AppError(
          'FINAL_INDEX_TOO_LOW',
          `Chỉ số cuối (${input.finalIndex}) nhỏ hơn chỉ số đầu của đồng hồ cũ (${old.initialIndex}).`,
          {
            field: 'finalIndex',
          },
        );
      }
      if (old && input.removedOn < old.installedOn) {
        throw new AppError('REMOVED_BEFORE_INSTALLED', 'Ngày tháo đồng hồ trước ngày lắp.', { field: 'removedOn' });
      }
      if (old) await assertIndexWithinCapacity(tx, old.meterTypeId, input.finalIndex, 'finalIndex', 'Chỉ số cuối');
      if (old) {
        await tx
          .update(meters)
          .set({ isActive: false, finalIndex: input.finalIndex, removedOn: input.removedOn })
          .where(eq(meters.id, old.id));
      }
      await assertSerialFree(tx, actor, input.meter.serial);
      await assertIndexWithinCapacity(
        tx,
        input.meter.meterTypeId,
        input.meter.initialIndex,
        'initialIndex',
        'Chỉ số đầu',
      );
      const [row] = await tx
        .insert(meters)
        .values({ ...input.meter, customerId: input.customerId, isActive: true })
        .returning();
      await recordHistory(tx, actor, [
        {
          customerId: input.customerId,
          kind: 'meter',
          before: old
            ? {
                serial: old.serial,
                initialIndex: old.initialIndex,
                finalIndex: input.finalIndex,
                removedOn: input.removedOn,
              }
            : null,
          after: { serial: row!.serial, initialIndex: row!.initialIndex, installedOn: row!.installedOn },
          note: old ? 'Thay đồng hồ' : 'Lắp đồng hồ',
        },
      ]);
      return row!;
    });
  } catch (e) {
    mapConstraint(e);
  }
}

/** Edits the active meter's descriptive fields (type, seal, verification) without replacing it. */
export async function updateActiveMeter(
  db: DbOrTx,
  actor: Actor,
  input: { customerId: number; meterTypeId: number | null; sealNo: string | null; verifiedOn: string | null },
) {
  await getCustomerForActor(db, actor, input.customerId, 'edit');
  return db.transaction(async (tx) => {
    const [m] = await tx
      .select()
      .from(meters)
      .where(and(eq(meters.customerId, input.customerId), eq(meters.isActive, true)))
      .limit(1);
    if (!m) throw new AppError('NO_ACTIVE_METER', 'Khách hàng chưa có đồng hồ đang hoạt động.');
    const [row] = await tx
      .update(meters)
      .set({ meterTypeId: input.meterTypeId, sealNo: input.sealNo, verifiedOn: input.verifiedOn })
      .where(eq(meters.id, m.id))
      .returning();
    await recordHistory(tx, actor, [
      {
        customerId: input.customerId,
        kind: 'meter',
        before: { serial: m.serial, meterTypeId: m.meterTypeId, sealNo: m.sealNo, verifiedOn: m.verifiedOn },
        after: { serial: m.serial, meterTypeId: input.meterTypeId, sealNo: input.sealNo, verifiedOn: input.verifiedOn },
        note: 'Cập nhật thông tin đồng hồ',
      },
    ]);
    return row!;
  });
}
