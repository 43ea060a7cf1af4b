/**
 * Data helpers shared by the tariff, readings and billing integration tests (kept here because the test
 * helpers folder belongs to the foundation): the published tariffs, customers with a meter, and readings
 * typed through the same service the entry screen uses.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { serviceTypes } from '@/db/schema/catalogs';
import { SEED_SERVICE_TYPES } from '@/domain/tariff/seed-tariffs';
import type { Actor } from '@/services/auth/actor';
import { createCustomer } from '@/services/customers/customer.service';
import { saveEntries } from '@/services/readings/reading-entry.service';
import { createTariffVersion } from '@/services/tariffs/tariff-catalog.service';
import { customerFields, type OrgFixture } from './fixtures';
import type { CustomerFields } from '@/services/customers/customer-input';

/** Service types and versions of SEED_SERVICE_TYPES; returns service type ids by code. */
export async function seedPublishedTariffs(db: Db, admin: Actor): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const seed of SEED_SERVICE_TYPES) {
    const isDomestic = seed.versions.some((v) => v.domestic ?? v.basis !== 'flat') ? 1 : 0;
    let [row] = await db.select({ id: serviceTypes.id }).from(serviceTypes).where(eq(serviceTypes.code, seed.code));
    if (!row)
      [row] = await db
        .insert(serviceTypes)
        .values({ code: seed.code, name: seed.name, isDomestic })
        .returning({ id: serviceTypes.id });
    else await db.update(serviceTypes).set({ isDomestic }).where(eq(serviceTypes.id, row.id));
    ids.set(seed.code, row!.id);
    for (const v of seed.versions) {
      await createTariffVersion(db, admin, {
        serviceTypeId: row!.id,
        effectiveFrom: v.effectiveFrom,
        basis: v.basis,
        pricesIncludeVat: v.pricesIncludeVat,
        vatRateBp: v.vatRateBp,
        prorationMethod: v.prorationMethod,
        minConsumption: v.minConsumption ?? null,
        meterSubscription: v.meterSubscription ?? null,
        environmentFeeBp: v.environmentFeeBp,
        drainageBp: v.drainageBp,
        drainageVatBp: v.drainageVatBp,
        note: null,
        tiers: v.tiers.map((t) => ({ upTo: t.upTo, unitPrice: t.unitPrice })),
      });
    }
  }
  return ids;
}

let serial = 1;

export interface TestCustomer {
  id: number;
  code: string;
}

/** A household customer of book 0 with a meter installed before 2026 (override anything). */
export async function addCustomer(
  db: Db,
  f: OrgFixture,
  overrides: Record<string, unknown> = {},
  meter: { meterTypeId?: number | null; initialIndex?: number } = {},
): Promise<TestCustomer> {
  const c = await createCustomer(db, f.admin, {
    customer: customerFields(f.bookIds[0], {
      name: `Khách hàng ${serial}`,
      address: `${serial} Phố Phúc Xá, Ba Đình`,
      wardId: f.wardId,
      serviceTypeId: f.serviceTypeId,
      persons: 4,
      ...(overrides as Partial<CustomerFields>),
    }),
    meter: {
      meterTypeId: meter.meterTypeId === undefined ? f.meterTypeId : meter.meterTypeId,
      serial: `TS${String(serial++).padStart(6, '0')}`,
      sealNo: null,
      verifiedOn: null,
      installedOn: '2025-06-01',
      initialIndex: meter.initialIndex ?? 0,
    } as never,
    contract: null,
  });
  return { id: c.id, code: c.code };
}

/** Types readings (current indexes) for a period as `actor` (default: the fixture's admin). */
export async function enterReadings(
  db: Db,
  actor: Actor,
  period: string,
  entries: readonly (readonly [customerId: number, currentIndex: number | null, code?: string])[],
) {
  return saveEntries(
    db,
    actor,
    period,
    entries.map(([customerId, currentIndex, code]) => ({ customerId, currentIndex, code: code ?? 'normal' })),
  );
}
