/**
 * The tariff catalog screens: service types with their versions and price tiers (tiers are added,
 * edited and deleted one at a time: Ctrl+F4 / Ctrl+F2 / Ctrl+F3). Every write leaves a version the rate
 * engine accepts, checked by the engine's own validation, so a bad edit is refused with its reason
 * instead of failing a billing run later.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { serviceTypes } from '@/db/schema/catalogs';
import { tariffTiers, tariffVersions } from '@/db/schema/tariffs';
import { pgArray, rowsOf } from '@/db/sql';
import type { Right } from '@/domain/auth/permissions';
import { validateTariffVersion } from '@/domain/tariff/validate';
import { hasRight, type Actor } from '@/services/auth/actor';
import { AppError, forbidden, notFound, pgErrorCode } from '@/services/errors';
import { withDomainErrors } from './tariff-errors';
import type { TariffTierInput, TariffVersionInput, TariffVersionUpdateInput } from '@/schemas/tariff-input';
import { toTariffVersion } from './tariff-versions';

type TariffVersionRow = typeof tariffVersions.$inferSelect;
export type TariffTierRow = typeof tariffTiers.$inferSelect;

export interface TariffVersionView extends Omit<TariffVersionRow, 'meterSubscription'> {
  meterSubscription: number | null;
  tiers: TariffTierRow[];
  /** Invoice lines point at it: it can no longer be deleted. */
  isInUse: boolean;
}

export interface TariffServiceTypeView {
  id: number;
  code: string;
  name: string;
  utility: string;
  isDomestic: boolean;
  versions: TariffVersionView[];
}

function assertCatalogRight(actor: Actor, right: Right): void {
  const verb = { access: 'xem', add: 'thêm', edit: 'sửa', delete: 'xóa', print: 'in', export: 'xuất' }[right];
  if (!hasRight(actor, 'catalog', 'serviceTypes', right)) throw forbidden(`${verb} biểu giá`);
}

async function versionsInUse(db: DbOrTx, versionIds: readonly number[]): Promise<Set<number>> {
  if (versionIds.length === 0) return new Set();
  const rows = rowsOf<{ id: number }>(
    await db.execute(sql`
      select v.id from unnest(${pgArray(versionIds)}::int4[]) as v(id)
      where exists (select 1 from invoice_lines il where il.tariff_version_id = v.id)`),
  );
  return new Set(rows.map((r) => Number(r.id)));
}

function view(row: TariffVersionRow, tiers: TariffTierRow[], inUse: Set<number>): TariffVersionView {
  return {
    ...row,
    meterSubscription: row.meterSubscription === null ? null : Number(row.meterSubscription),
    tiers: tiers
      .filter((t) => t.versionId === row.id)
      .sort((a, b) => a.ordinal - b.ordinal)
      .map((t) => ({ ...t, unitPrice: Number(t.unitPrice) })),
    isInUse: inUse.has(row.id),
  };
}

/** Service types with their versions (newest first) and tiers: what the catalog screen shows. */
export async function listTariffCatalog(db: DbOrTx, actor: Actor): Promise<TariffServiceTypeView[]> {
  assertCatalogRight(actor, 'access');
  const types = await db.select().from(serviceTypes).orderBy(asc(serviceTypes.code));
  const versions = await db
    .select()
    .from(tariffVersions)
    .orderBy(sql`${tariffVersions.effectiveFrom} desc`);
  const tiers = await db.select().from(tariffTiers);
  const inUse = await versionsInUse(
    db,
    versions.map((v) => v.id),
  );
  return types.map((t) => ({
    id: t.id,
    code: t.code,
    name: t.name,
    utility: t.utility,
    isDomestic: t.isDomestic === 1,
    versions: versions.filter((v) => v.serviceTypeId === t.id).map((v) => view(v, tiers, inUse)),
  }));
}

export async function getTariffVersion(db: DbOrTx, actor: Actor, id: number): Promise<TariffVersionView> {
  assertCatalogRight(actor, 'access');
  return loadVersionView(db, id);
}

async function loadVersionView(db: DbOrTx, id: number): Promise<TariffVersionView> {
  const [row] = await db.select().from(tariffVersions).where(eq(tariffVersions.id, id)).limit(1);
  if (!row) throw notFound('bảng giá');
  const tiers = await db.select().from(tariffTiers).where(eq(tariffTiers.versionId, id));
  return view(row, tiers, await versionsInUse(db, [id]));
}

/** Tiers in billing order: limited tiers by limit, the unlimited one last. */
function orderTiers<T extends { upTo: number | null }>(tiers: readonly T[]): T[] {
  return [...tiers].sort((a, b) => (a.upTo ?? Number.MAX_SAFE_INTEGER) - (b.upTo ?? Number.MAX_SAFE_INTEGER));
}

/** Runs the engine's validation on the version as it will be stored. */
async function assertValidVersion(db: DbOrTx, versionId: number): Promise<void> {
  const [row] = await db.select().from(tariffVersions).where(eq(tariffVersions.id, versionId)).limit(1);
  if (!row) throw notFound('bảng giá');
  const [type] = await db.select().from(serviceTypes).where(eq(serviceTypes.id, row.serviceTypeId)).limit(1);
  const tiers = await db.select().from(tariffTiers).where(eq(tariffTiers.versionId, versionId));
  const code = type?.code ?? '';
  withDomainErrors(() =>
    validateTariffVersion(
      toTariffVersion(row, tiers, {
        id: row.serviceTypeId,
        code,
        name: type?.name ?? '',
        isDomestic: type?.isDomestic === 1,
      }),
      code,
    ),
  );
}

/** Issued invoices keep what they billed: a version they used is frozen (drafts are simply recalculated). */
async function assertNotUsedByIssuedInvoices(db: DbOrTx, versionId: number): Promise<void> {
  const [hit] = rowsOf<{ one: number }>(
    await db.execute(sql`
      select 1 as one from invoice_lines il join invoices i on i.id = il.invoice_id
      where il.tariff_version_id = ${versionId} and i.status <> 'draft' limit 1`),
  );
  if (hit) {
    throw new AppError(
      'TARIFF_VERSION_ISSUED',
      'Bảng giá này đã dùng cho hóa đơn đã phát hành nên không sửa được; hãy tạo bảng giá mới có hiệu lực từ ngày khác.',
    );
  }
}

/** Rewrites the ordinals 1…n in billing order (two steps: the unique (version, ordinal) is checked per row). */
async function renumberTiers(db: DbOrTx, versionId: number): Promise<void> {
  const tiers = orderTiers(await db.select().from(tariffTiers).where(eq(tariffTiers.versionId, versionId)));
  await db
    .update(tariffTiers)
    .set({ ordinal: sql`-${tariffTiers.ordinal}` })
    .where(eq(tariffTiers.versionId, versionId));
  if (tiers.length === 0) return;
  await db.execute(sql`
    update tariff_tiers t set ordinal = u.ordinal
    from unnest(${pgArray(tiers.map((t) => t.id))}::int4[], ${pgArray(tiers.map((_, i) => i + 1))}::int4[]) as u(id, ordinal)
    where t.id = u.id`);
}

function mapWriteError(error: unknown): never {
  const pg = pgErrorCode(error);
  if (pg?.code === '23505')
    throw new AppError('DUPLICATE_EFFECTIVE_DATE', 'Loại dịch vụ này đã có bảng giá hiệu lực từ ngày đó.', {
      field: 'effectiveFrom',
    });
  if (pg?.code === '23503') throw new AppError('IN_USE', 'Bảng giá đã được dùng cho hóa đơn nên không xóa được.');
  throw error;
}

function versionValues(input: Omit<TariffVersionUpdateInput, 'tiers'>) {
  return {
    effectiveFrom: input.effectiveFrom,
    basis: input.basis,
    pricesIncludeVat: input.pricesIncludeVat,
    vatRateBp: input.vatRateBp,
    prorationMethod: input.prorationMethod,
    minConsumption: input.minConsumption,
    meterSubscription: input.meterSubscription,
    environmentFeeBp: input.environmentFeeBp,
    drainageBp: input.drainageBp,
    drainageVatBp: input.drainageVatBp,
    note: input.note,
  };
}

export async function createTariffVersion(
  db: DbOrTx,
  actor: Actor,
  input: TariffVersionInput,
): Promise<TariffVersionView> {
  assertCatalogRight(actor, 'add');
  try {
    const id = await db.transaction(async (tx) => {
      const [type] = await tx
        .select({ id: serviceTypes.id })
        .from(serviceTypes)
        .where(eq(serviceTypes.id, input.serviceTypeId))
        .limit(1);
      if (!type) throw notFound('loại dịch vụ');
      const [row] = await tx
        .insert(tariffVersions)
        .values({ serviceTypeId: input.serviceTypeId, ...versionValues(input) })
        .returning({ id: tariffVersions.id });
      const versionId = row!.id;
      await tx
        .insert(tariffTiers)
        .values(
          orderTiers(input.tiers).map((t, i) => ({ versionId, ordinal: i + 1, upTo: t.upTo, unitPrice: t.unitPrice })),
        );
      await assertValidVersion(tx, versionId);
      return versionId;
    });
    return await loadVersionView(db, id);
  } catch (e) {
    mapWriteError(e);
  }
}

export async function updateTariffVersion(
  db: DbOrTx,
  actor: Actor,
  id: number,
  input: TariffVersionUpdateInput,
): Promise<TariffVersionView> {
  assertCatalogRight(actor, 'edit');
  try {
    await db.transaction(async (tx) => {
      const [row] = await tx
        .update(tariffVersions)
        .set(versionValues(input))
        .where(eq(tariffVersions.id, id))
        .returning({ id: tariffVersions.id });
      if (!row) throw notFound('bảng giá');
      await assertNotUsedByIssuedInvoices(tx, id);
      if (input.tiers) {
        await tx.delete(tariffTiers).where(eq(tariffTiers.versionId, id));
        await tx.insert(tariffTiers).values(
          orderTiers(input.tiers).map((t, i) => ({
            versionId: id,
            ordinal: i + 1,
            upTo: t.upTo,
            unitPrice: t.unitPrice,
          })),
        );
      }
      await assertValidVersion(tx, id);
    });
    return await loadVersionView(db, id);
  } catch (e) {
    mapWriteError(e);
  }
}

export async function deleteTariffVersion(db: DbOrTx, actor: Actor, id: number): Promise<boolean> {
  assertCatalogRight(actor, 'delete');
  try {
    return await db.transaction(async (tx) => {
      if ((await versionsInUse(tx, [id])).size > 0)
        throw new AppError('IN_USE', 'Bảng giá đã được dùng cho hóa đơn nên không xóa được.');
      const deleted = await tx
        .delete(tariffVersions)
        .where(eq(tariffVersions.id, id))
        .returning({ id: tariffVersions.id });
      if (deleted.length === 0) throw notFound('bảng giá');
      return true;
    });
  } catch (e) {
    mapWriteError(e);
  }
}

export async function addTariffTier(
  db: DbOrTx,
  actor: Actor,
  versionId: number,
  tier: TariffTierInput,
): Promise<TariffVersionView> {
  assertCatalogRight(actor, 'add');
  await db.transaction(async (tx) => {
    const [v] = await tx
      .select({ id: tariffVersions.id })
      .from(tariffVersions)
      .where(eq(tariffVersions.id, versionId))
      .limit(1);
    if (!v) throw notFound('bảng giá');
    await assertNotUsedByIssuedInvoices(tx, versionId);
    await tx.insert(tariffTiers).values({ versionId, ordinal: 10_000, upTo: tier.upTo, unitPrice: tier.unitPrice });
    await renumberTiers(tx, versionId);
    await assertValidVersion(tx, versionId);
  });
  return loadVersionView(db, versionId);
}

async function tierVersion(db: DbOrTx, tierId: number): Promise<number> {
  const [t] = await db
    .select({ versionId: tariffTiers.versionId })
    .from(tariffTiers)
    .where(eq(tariffTiers.id, tierId))
    .limit(1);
  if (!t) throw notFound('bậc giá');
  return t.versionId;
}

export async function updateTariffTier(
  db: DbOrTx,
  actor: Actor,
  tierId: number,
  tier: TariffTierInput,
): Promise<TariffVersionView> {
  assertCatalogRight(actor, 'edit');
  const versionId = await db.transaction(async (tx) => {
    const vId = await tierVersion(tx, tierId);
    await assertNotUsedByIssuedInvoices(tx, vId);
    await tx.update(tariffTiers).set({ upTo: tier.upTo, unitPrice: tier.unitPrice }).where(eq(tariffTiers.id, tierId));
    await renumberTiers(tx, vId);
    await assertValidVersion(tx, vId);
    return vId;
  });
  return loadVersionView(db, versionId);
}

export async function deleteTariffTier(db: DbOrTx, actor: Actor, tierId: number): Promise<TariffVersionView> {
  assertCatalogRight(actor, 'delete');
  const versionId = await db.transaction(async (tx) => {
    const vId = await tierVersion(tx, tierId);
    await assertNotUsedByIssuedInvoices(tx, vId);
    await tx.delete(tariffTiers).where(and(eq(tariffTiers.id, tierId), eq(tariffTiers.versionId, vId)));
    await renumberTiers(tx, vId);
    await assertValidVersion(tx, vId);
    return vId;
  });
  return loadVersionView(db, versionId);
}
