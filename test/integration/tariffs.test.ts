import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/db';
import { createOrgFixture, type OrgFixture } from '../helpers/fixtures';
import { gql } from '../helpers/graphql';
import { seedPublishedTariffs } from '../helpers/billing-fixtures';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let f: OrgFixture;
let typeIds: Map<string, number>;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await createOrgFixture(database.db);
  typeIds = await seedPublishedTariffs(database.db, f.admin);
});
afterAll(async () => database?.close());

const ESTIMATE = `query($input: EstimateBillInput!) {
  estimateBill(input: $input) { lines { description quantity unitPrice amount } subtotal vat environmentFee drainageFee drainageVat total }
}`;

describe('estimateBill (public)', () => {
  it('gives the worked example: Hanoi households, 25 m3 → 199,635 VND, for an anonymous visitor', async () => {
    const r = await gql(database.db, null, ESTIMATE, {
      input: { serviceTypeCode: 'HN_SH', consumption: 25, period: '2026-03' },
    });
    expect(r.errors).toEqual([]);
    expect(r.data!.estimateBill).toEqual({
      lines: [
        { description: 'Bậc 1 (0–10 m3)', quantity: 10, unitPrice: 5_973, amount: 59_730 },
        { description: 'Bậc 2 (10–20 m3)', quantity: 10, unitPrice: 7_052, amount: 70_520 },
        { description: 'Bậc 3 (20–30 m3)', quantity: 5, unitPrice: 8_669, amount: 43_345 },
        { description: 'Thuế GTGT (5%)', quantity: 1, unitPrice: 8_680, amount: 8_680 },
        {
          description: 'Phí bảo vệ môi trường đối với nước thải (10%)',
          quantity: 1,
          unitPrice: 17_360,
          amount: 17_360,
        },
      ],
      subtotal: 173_595,
      vat: 8_680,
      environmentFee: 17_360,
      drainageFee: 0,
      drainageVat: 0,
      total: 199_635,
    });
  });

  it('defaults the period to the current one and multiplies tier limits by households', async () => {
    const one = await gql(database.db, null, ESTIMATE, { input: { serviceTypeCode: 'HN_SH', consumption: 25 } });
    expect(one.data!.estimateBill.total).toBe(199_635);
    const two = await gql(database.db, null, ESTIMATE, {
      input: { serviceTypeCode: 'HN_SH', consumption: 25, households: 2 },
    });
    expect(two.data!.estimateBill.lines.map((l: { quantity: number }) => l.quantity).slice(0, 2)).toEqual([20, 5]);
  });

  it('bills HCMC per person with the drainage price and its VAT of the period', async () => {
    const r = await gql(database.db, null, ESTIMATE, {
      input: { serviceTypeCode: 'HCM_SH', consumption: 20, persons: 4, period: '2024-06' },
    });
    const e = r.data!.estimateBill;
    // 16 m3 within the norm of 4 persons, 4 m3 in the 4–6 band.
    expect(e.lines.slice(0, 2).map((l: { quantity: number; unitPrice: number }) => [l.quantity, l.unitPrice])).toEqual([
      [16, 6_700],
      [4, 12_900],
    ]);
    expect(e.subtotal).toBe(16 * 6_700 + 4 * 12_900);
    expect(e.drainageFee).toBe(Math.round(e.subtotal * 0.25));
    expect(e.drainageVat).toBe(Math.round(e.drainageFee * 0.1));
    expect(e.environmentFee).toBe(0);
    expect(e.total).toBe(e.subtotal + e.vat + e.drainageFee + e.drainageVat);
  });

  it('refuses unknown service types and bad input with stable codes', async () => {
    expect((await gql(database.db, null, ESTIMATE, { input: { serviceTypeCode: 'XX', consumption: 5 } })).code).toBe(
      'UNKNOWN_SERVICE_TYPE',
    );
    expect(
      (await gql(database.db, null, ESTIMATE, { input: { serviceTypeCode: 'HN_SH', consumption: -1 } })).code,
    ).toBe('VALIDATION_FAILED');
    expect(
      (
        await gql(database.db, null, ESTIMATE, {
          input: { serviceTypeCode: 'HN_SH', consumption: 5, period: '2026-13' },
        })
      ).code,
    ).toBe('VALIDATION_FAILED');
    expect(
      (
        await gql(database.db, null, ESTIMATE, {
          input: { serviceTypeCode: 'HN_SH', consumption: 5, period: '2010-01' },
        })
      ).code,
    ).toBe('NO_TARIFF_VERSION');
  });
});

const CATALOG = `{ tariffServiceTypes { id code isDomestic versions { id effectiveFrom basis isInUse tiers { id ordinal upTo unitPrice } } } }`;
const VERSION_FIELDS = `id effectiveFrom basis vatRateBp environmentFeeBp prorationMethod tiers { id ordinal upTo unitPrice }`;

describe('tariff catalog', () => {
  it('lists every seeded service type with its versions and tiers', async () => {
    const r = await gql(database.db, f.admin, CATALOG);
    const types = r.data!.tariffServiceTypes as { code: string; versions: { basis: string; tiers: unknown[] }[] }[];
    expect(types.map((t) => t.code)).toEqual(
      expect.arrayContaining([
        'HN_SH',
        'HN_SH_NGHEO',
        'HN_HCSN',
        'HN_SX',
        'HN_KD',
        'HCM_SH',
        'HCM_SH_NGHEO',
        'HCM_HCSN',
        'HCM_SX',
        'HCM_KD',
      ]),
    );
    const hcm = types.find((t) => t.code === 'HCM_SH')!;
    expect(hcm.versions).toHaveLength(4);
    expect(hcm.versions[0]!.basis).toBe('person');
    expect(types.find((t) => t.code === 'HN_SH')!.versions[0]!.tiers).toHaveLength(4);
  });

  it('adds, edits and deletes tiers one at a time, keeping them in limit order and the version valid', async () => {
    const created = await gql(
      database.db,
      f.admin,
      `mutation($input: TariffVersionInput!) { createTariffVersion(input: $input) { ${VERSION_FIELDS} } }`,
      {
        input: {
          serviceTypeId: typeIds.get('HN_KD'),
          effectiveFrom: '2027-01-01',
          basis: 'household',
          tiers: [{ upTo: 10, unitPrice: 20_000 }, { unitPrice: 30_000 }],
        },
      },
    );
    expect(created.errors).toEqual([]);
    const v = created.data!.createTariffVersion;
    expect(v).toMatchObject({ vatRateBp: 500, environmentFeeBp: 1000, prorationMethod: 'split_days' });

    const added = await gql(
      database.db,
      f.admin,
      `mutation($v: Int!) { addTariffTier(versionId: $v, input: { upTo: 5, unitPrice: 15000 }) { ${VERSION_FIELDS} } }`,
      {
        v: v.id,
      },
    );
    expect(
      added.data!.addTariffTier.tiers.map((t: { ordinal: number; upTo: number | null; unitPrice: number }) => [
        t.ordinal,
        t.upTo,
        t.unitPrice,
      ]),
    ).toEqual([
      [1, 5, 15_000],
      [2, 10, 20_000],
      [3, null, 30_000],
    ]);
    const [t1, , t3] = added.data!.addTariffTier.tiers;
    const edited = await gql(
      database.db,
      f.admin,
      `mutation($id: Int!) { updateTariffTier(id: $id, input: { upTo: 20, unitPrice: 25000 }) { tiers { ordinal upTo } } }`,
      {
        id: t1.id,
      },
    );
    expect(edited.data!.updateTariffTier.tiers.map((t: { upTo: number | null }) => t.upTo)).toEqual([10, 20, null]);

    const broken = await gql(database.db, f.admin, `mutation($id: Int!) { deleteTariffTier(id: $id) { id } }`, {
      id: t3.id,
    });
    expect(broken.code).toBe('INVALID_TARIFF');
    expect(broken.errors[0]!.message).toContain('bậc cuối cùng phải không giới hạn');
    const after = await gql(database.db, f.admin, `query($id: Int!) { tariffVersion(id: $id) { tiers { upTo } } }`, {
      id: v.id,
    });
    expect(after.data!.tariffVersion.tiers).toHaveLength(3);

    const deleted = await gql(
      database.db,
      f.admin,
      `mutation($id: Int!) { deleteTariffTier(id: $id) { tiers { ordinal upTo } } }`,
      { id: t1.id },
    );
    expect(deleted.data!.deleteTariffTier.tiers).toEqual([
      { ordinal: 1, upTo: 10 },
      { ordinal: 2, upTo: null },
    ]);
    expect(
      (await gql(database.db, f.admin, `mutation($id: Int!) { deleteTariffVersion(id: $id) }`, { id: v.id })).data!
        .deleteTariffVersion,
    ).toBe(true);
  });

  it('refuses a second version on the same day and a flat tariff with several tiers', async () => {
    const dup = await gql(
      database.db,
      f.admin,
      `mutation($input: TariffVersionInput!) { createTariffVersion(input: $input) { id } }`,
      {
        input: {
          serviceTypeId: typeIds.get('HN_SX'),
          effectiveFrom: '2015-10-01',
          basis: 'flat',
          tiers: [{ unitPrice: 1 }],
        },
      },
    );
    expect(dup.code).toBe('DUPLICATE_EFFECTIVE_DATE');
    const flat = await gql(
      database.db,
      f.admin,
      `mutation($input: TariffVersionInput!) { createTariffVersion(input: $input) { id } }`,
      {
        input: {
          serviceTypeId: typeIds.get('HN_SX'),
          effectiveFrom: '2027-01-01',
          basis: 'flat',
          tiers: [{ upTo: 5, unitPrice: 1 }, { unitPrice: 2 }],
        },
      },
    );
    expect(flat.code).toBe('INVALID_TARIFF');
  });

  it('requires the serviceTypes catalog right', async () => {
    expect((await gql(database.db, f.clerk, CATALOG)).code).toBe('FORBIDDEN');
    const r = await gql(
      database.db,
      f.outsider,
      `mutation($input: TariffVersionInput!) { createTariffVersion(input: $input) { id } }`,
      {
        input: {
          serviceTypeId: typeIds.get('HN_SX'),
          effectiveFrom: '2028-01-01',
          basis: 'flat',
          tiers: [{ unitPrice: 1 }],
        },
      },
    );
    expect(r.code).toBe('FORBIDDEN');
  });
});
