import { bpToPercentText, parseWhole, percentToBp, todayVN } from '@/components/readings/format';
import { tariffTierFormSchema } from '@/schemas/tariff-input';
import type { Errors } from './dialog-parts';
import type { ProrationMethod, TariffBasis, TariffVersion, TierInput, VersionFields } from './tariffs.documents';

/** The version dialog's fields as typed (text), and how they become a version and tiers. */
export interface VersionText {
  effectiveFrom: string;
  basis: TariffBasis;
  pricesIncludeVat: boolean;
  vat: string;
  prorationMethod: ProrationMethod;
  minConsumption: string;
  meterSubscription: string;
  envFee: string;
  drainage: string;
  drainageVat: string;
  note: string;
}

export interface TierText {
  key: number;
  upTo: string;
  unitPrice: string;
}

export function toText(v: TariffVersion | null, isDomestic: boolean): VersionText {
  return {
    effectiveFrom: v ? v.effectiveFrom : todayVN(),
    basis: v?.basis ?? (isDomestic ? 'household' : 'flat'),
    pricesIncludeVat: v?.pricesIncludeVat ?? false,
    vat: bpToPercentText(v?.vatRateBp ?? 500),
    prorationMethod: v?.prorationMethod ?? 'split_days',
    minConsumption: v?.minConsumption != null ? String(v.minConsumption) : '',
    meterSubscription: v?.meterSubscription != null ? String(v.meterSubscription) : '',
    envFee: bpToPercentText(v?.environmentFeeBp ?? 1000),
    drainage: bpToPercentText(v?.drainageBp ?? 0),
    drainageVat: bpToPercentText(v?.drainageVatBp ?? 0),
    note: v?.note ?? '',
  };
}

/** Parses the form; errors keyed by field. */
export function parseVersion(t: VersionText): { fields: VersionFields | null; errors: Errors } {
  const errors: Errors = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(t.effectiveFrom)) errors.effectiveFrom = 'Ngày hiệu lực không hợp lệ.';
  const pct = (key: keyof VersionText, label: string): number => {
    const bp = percentToBp(String(t[key]));
    if (Number.isNaN(bp)) errors[key] = `${label} là số phần trăm, tối đa 2 chữ số thập phân (ví dụ 5 hoặc 2,5).`;
    else if (bp > 10_000) errors[key] = `${label} tối đa 100%.`;
    return bp;
  };
  const vatRateBp = pct('vat', 'Thuế suất GTGT');
  const environmentFeeBp = pct('envFee', 'Phí BVMT');
  const drainageBp = pct('drainage', 'Giá thoát nước');
  const drainageVatBp = pct('drainageVat', 'Thuế GTGT thoát nước');
  const opt = (key: keyof VersionText, label: string, max: number): number | null => {
    const n = parseWhole(String(t[key]));
    if (Number.isNaN(n)) errors[key] = `${label} phải là số nguyên không âm.`;
    else if (n !== null && n > max) errors[key] = `${label} quá lớn.`;
    return n;
  };
  const minConsumption = opt('minConsumption', 'Tiêu thụ tối thiểu', 100_000);
  const meterSubscription = opt('meterSubscription', 'Phí thuê bao', 10_000_000);
  if (t.note.length > 500) errors.note = 'Ghi chú dài tối đa 500 ký tự.';
  if (Object.keys(errors).length) return { fields: null, errors };
  return {
    fields: {
      effectiveFrom: t.effectiveFrom,
      basis: t.basis,
      pricesIncludeVat: t.pricesIncludeVat,
      vatRateBp,
      prorationMethod: t.prorationMethod,
      minConsumption,
      meterSubscription,
      environmentFeeBp,
      drainageBp,
      drainageVatBp,
      note: t.note.trim() || null,
    },
    errors,
  };
}

/** One row of the version dialog's tier table, checked with the same schema as the tier dialog and the API. */
export function parseTier(
  upTo: string,
  unitPrice: string,
  unlimited: boolean,
): { tier: TierInput | null; errors: Errors } {
  const parsed = tariffTierFormSchema.safeParse({ upTo, unitPrice, unlimited });
  if (parsed.success) return { tier: parsed.data, errors: {} };
  const errors: Errors = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? '_')] ??= issue.message;
  return { tier: null, errors };
}
