import { builder } from '@/graphql/builder';
import type { InputFieldBuilder } from '@/graphql/field-builder';
import type { BillWarning } from '@/domain/tariff/types';
import type { BillEstimate, BillEstimateLine } from '@/services/tariffs/estimate.service';
import type {
  TariffServiceTypeView,
  TariffTierRow,
  TariffVersionView,
} from '@/services/tariffs/tariff-catalog.service';
import {
  estimateBillSchema,
  tariffTierSchema,
  tariffVersionSchema,
  tariffVersionUpdateSchema,
} from '@/schemas/tariff-input';

const TariffBasisEnum = builder.enumType('TariffBasis', {
  description:
    'household: tier limits per household on the meter (Hanoi); person: per registered person (HCMC); flat: one price.',
  values: ['household', 'person', 'flat'] as const,
});

const ProrationMethodEnum = builder.enumType('ProrationMethod', {
  description:
    'A tariff change inside a period: split_days (m3 and limits split by days), weighted_days (whole m3 under each version, weighted by days), reading_date (the version in force on the reading date).',
  values: ['split_days', 'weighted_days', 'reading_date'] as const,
});

const TariffTierType = builder.objectRef<TariffTierRow>('TariffTier').implement({
  fields: (t) => ({
    id: t.exposeInt('id'),
    ordinal: t.exposeInt('ordinal', { description: 'Tier number, 1 = cheapest.' }),
    upTo: t.exposeInt('upTo', {
      nullable: true,
      description: 'Cumulative limit per household / person (m3); null = no limit (last tier).',
    }),
    unitPrice: t.field({ type: 'Money', description: 'VND per m3.', resolve: (r) => r.unitPrice }),
  }),
});

export const TariffVersionType = builder.objectRef<TariffVersionView>('TariffVersion').implement({
  fields: (t) => ({
    id: t.exposeInt('id'),
    serviceTypeId: t.exposeInt('serviceTypeId'),
    effectiveFrom: t.expose('effectiveFrom', { type: 'Date' }),
    basis: t.field({ type: TariffBasisEnum, resolve: (v) => v.basis as 'household' | 'person' | 'flat' }),
    pricesIncludeVat: t.exposeBoolean('pricesIncludeVat'),
    vatRateBp: t.exposeInt('vatRateBp', { description: 'Basis points: 500 = 5 %.' }),
    prorationMethod: t.field({
      type: ProrationMethodEnum,
      resolve: (v) => v.prorationMethod as 'split_days' | 'weighted_days' | 'reading_date',
    }),
    minConsumption: t.exposeInt('minConsumption', { nullable: true }),
    meterSubscription: t.expose('meterSubscription', {
      type: 'Money',
      nullable: true,
      description: 'Monthly meter fee, VND.',
    }),
    environmentFeeBp: t.exposeInt('environmentFeeBp'),
    drainageBp: t.exposeInt('drainageBp'),
    drainageVatBp: t.exposeInt('drainageVatBp'),
    note: t.exposeString('note', { nullable: true }),
    isInUse: t.exposeBoolean('isInUse', { description: 'Invoice lines use it: it cannot be deleted.' }),
    tiers: t.field({ type: [TariffTierType], resolve: (v) => v.tiers }),
  }),
});

export const TariffServiceTypeType = builder.objectRef<TariffServiceTypeView>('TariffServiceType').implement({
  description: 'A service type with its tariff versions, newest first (the tariff catalog screen).',
  fields: (t) => ({
    id: t.exposeInt('id'),
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    utility: t.exposeString('utility'),
    isDomestic: t.exposeBoolean('isDomestic'),
    versions: t.field({ type: [TariffVersionType], resolve: (s) => s.versions }),
  }),
});

export const TariffTierInput = builder
  .inputType('TariffTierInput', {
    fields: (t) => ({
      upTo: t.int({ description: 'Cumulative limit (m3); omitted/null = the unlimited last tier.' }),
      unitPrice: t.field({ type: 'Money', required: true }),
    }),
  })
  .validate(tariffTierSchema);

const versionFields = (t: InputFieldBuilder) => ({
  effectiveFrom: t.field({ type: 'Date', required: true }),
  basis: t.field({ type: TariffBasisEnum, required: true }),
  pricesIncludeVat: t.boolean(),
  vatRateBp: t.int(),
  prorationMethod: t.field({ type: ProrationMethodEnum }),
  minConsumption: t.int(),
  meterSubscription: t.field({ type: 'Money' }),
  environmentFeeBp: t.int(),
  drainageBp: t.int(),
  drainageVatBp: t.int(),
  note: t.string(),
});

export const TariffVersionInput = builder
  .inputType('TariffVersionInput', {
    fields: (t) => ({
      serviceTypeId: t.int({ required: true }),
      ...versionFields(t),
      tiers: t.field({ type: [TariffTierInput], required: true }),
    }),
  })
  .validate(tariffVersionSchema);

export const TariffVersionUpdateInput = builder
  .inputType('TariffVersionUpdateInput', {
    description: 'Every field of the version; `tiers` omitted keeps the current tiers.',
    fields: (t) => ({
      ...versionFields(t),
      tiers: t.field({ type: [TariffTierInput] }),
    }),
  })
  .validate(tariffVersionUpdateSchema);

// ---- public bill estimate (a published contract: do not rename or remove fields)

export const EstimateBillInput = builder
  .inputType('EstimateBillInput', {
    fields: (t) => ({
      serviceTypeCode: t.string({ required: true }),
      consumption: t.int({ required: true }),
      households: t.int(),
      persons: t.int(),
      period: t.string({ description: 'YYYY-MM; default the current period.' }),
    }),
  })
  .validate(estimateBillSchema);

const BillEstimateLineType = builder.objectRef<BillEstimateLine>('BillEstimateLine').implement({
  fields: (t) => ({
    description: t.exposeString('description'),
    quantity: t.exposeInt('quantity'),
    unitPrice: t.expose('unitPrice', { type: 'Money' }),
    amount: t.expose('amount', { type: 'Money' }),
  }),
});

export const BillWarningType = builder.objectRef<BillWarning>('BillWarning').implement({
  description: 'Something a bill assumed that a person should check (e.g. 0 persons billed as 1).',
  fields: (t) => ({
    code: t.exposeString('code', {
      description: 'Stable: persons_missing | minimum_applied | preferential_expired | tariff_change',
    }),
    message: t.exposeString('message', { description: 'Vietnamese.' }),
  }),
});

export const BillEstimateType = builder.objectRef<BillEstimate>('BillEstimate').implement({
  description: 'All amounts in whole VND; each line rounded half up, totals are sums of lines.',
  fields: (t) => ({
    lines: t.field({ type: [BillEstimateLineType], resolve: (e) => e.lines }),
    subtotal: t.expose('subtotal', { type: 'Money', description: 'Water before VAT.' }),
    vat: t.expose('vat', { type: 'Money' }),
    environmentFee: t.expose('environmentFee', { type: 'Money' }),
    drainageFee: t.expose('drainageFee', { type: 'Money' }),
    drainageVat: t.expose('drainageVat', { type: 'Money' }),
    total: t.expose('total', { type: 'Money' }),
    warnings: t.field({ type: [BillWarningType], resolve: (e) => e.warnings }),
  }),
});
