import { z } from 'zod';
import { bpToPercentText, parseWhole, percentToBp, todayVN } from '@/components/readings/format';
import { tariffTierFormSchema, tariffVersionUpdateSchema } from '@/schemas/tariff-input';
import type { ProrationMethod, TariffBasis, TariffVersion, TierInput, VersionFields } from './tariffs.documents';
import { checkVersion } from './validate';

/** The version dialog's fields as typed (text), with the tier table of a new version. */
export interface VersionFormValues {
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
  /** A new version's tiers; the last one is unlimited when its limit is left empty. Unused when editing. */
  tiers: { upTo: string; unitPrice: string }[];
}

export interface VersionFormOutput {
  fields: VersionFields;
  /** A new version's tiers; null when editing (tiers are edited on their own grid). */
  tiers: TierInput[] | null;
}

export function versionDefaults(
  v: TariffVersion | null,
  isDomestic: boolean,
  tiers: readonly { upTo: number | null; unitPrice: number }[],
): VersionFormValues {
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
    tiers: tiers.map((x) => ({
      upTo: x.upTo === null ? '' : String(x.upTo),
      unitPrice: x.unitPrice ? String(x.unitPrice) : '',
    })),
  };
}

/** The API's names of the rates → the dialog's fields, so the API schema's issues land under the right field. */
const FIELD_OF: Record<string, keyof VersionFormValues> = {
  vatRateBp: 'vat',
  environmentFeeBp: 'envFee',
  drainageBp: 'drainage',
  drainageVatBp: 'drainageVat',
};

/**
 * The dialog's fields → a version (and a new version's tiers): percentages and numbers as typed, then the API's
 * version schema (schemas/tariff-input.ts), then the rate engine's check of the whole tier table. `edited` is the
 * version being edited (its stored tiers are checked with the new fields), null when adding.
 */
export function versionFormSchema(ctx: {
  serviceTypeCode: string;
  edited: TariffVersion | null;
  /** Dates the service type already has a version from (a new one may not repeat them). */
  takenDates: readonly string[];
}) {
  const text = z.string();
  return z
    .object({
      effectiveFrom: text,
      basis: z.enum(['household', 'person', 'flat']),
      pricesIncludeVat: z.boolean(),
      vat: text,
      prorationMethod: z.enum(['split_days', 'weighted_days', 'reading_date']),
      minConsumption: text,
      meterSubscription: text,
      envFee: text,
      drainage: text,
      drainageVat: text,
      note: text,
      tiers: z.array(z.object({ upTo: text, unitPrice: text })),
    })
    .transform((t, zctx): VersionFormOutput => {
      const issue = (path: string, message: string) => zctx.addIssue({ code: 'custom', path: [path], message });
      const errors = new Set<string>();
      const refuse = (path: string, message: string) => {
        if (errors.has(path)) return;
        errors.add(path);
        issue(path, message);
      };
      if (!/^\d{4}-\d{2}-\d{2}$/.test(t.effectiveFrom)) refuse('effectiveFrom', 'Ngày hiệu lực không hợp lệ.');
      const pct = (key: 'vat' | 'envFee' | 'drainage' | 'drainageVat', label: string): number => {
        const bp = percentToBp(t[key]);
        if (Number.isNaN(bp)) refuse(key, `${label} là số phần trăm, tối đa 2 chữ số thập phân (ví dụ 5 hoặc 2,5).`);
        else if (bp > 10_000) refuse(key, `${label} tối đa 100%.`);
        return bp;
      };
      const vatRateBp = pct('vat', 'Thuế suất GTGT');
      const environmentFeeBp = pct('envFee', 'Phí BVMT');
      const drainageBp = pct('drainage', 'Giá thoát nước');
      const drainageVatBp = pct('drainageVat', 'Thuế GTGT thoát nước');
      const opt = (key: 'minConsumption' | 'meterSubscription', label: string, max: number): number | null => {
        const n = parseWhole(t[key]);
        if (Number.isNaN(n)) refuse(key, `${label} phải là số nguyên không âm.`);
        else if (n !== null && n > max) refuse(key, `${label} quá lớn.`);
        return n;
      };
      const minConsumption = opt('minConsumption', 'Tiêu thụ tối thiểu', 100_000);
      const meterSubscription = opt('meterSubscription', 'Phí thuê bao', 10_000_000);
      if (t.note.length > 500) refuse('note', 'Ghi chú dài tối đa 500 ký tự.');

      let tiers: TierInput[] | null = null;
      if (!ctx.edited) {
        tiers = [];
        t.tiers.forEach((x, i) => {
          const last = i === t.tiers.length - 1;
          const parsed = tariffTierFormSchema.safeParse({
            upTo: x.upTo,
            unitPrice: x.unitPrice,
            unlimited: last && x.upTo.trim() === '',
          });
          if (parsed.success) tiers?.push(parsed.data);
          else refuse('tiers', `Bậc ${i + 1}: ${parsed.error.issues[0]?.message ?? ''}`);
        });
      }
      if (errors.size > 0 && !(errors.size === 1 && errors.has('tiers'))) return z.NEVER;

      const checked = tariffVersionUpdateSchema.safeParse({
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
        note: t.note,
      });
      if (!checked.success) {
        for (const i of checked.error.issues) {
          const key = String(i.path[0] ?? '');
          refuse(FIELD_OF[key] ?? key, i.message);
        }
        return z.NEVER;
      }
      const { tiers: _kept, ...stored } = checked.data;
      const fields: VersionFields = { ...stored, note: stored.note ?? null };
      if (!errors.has('tiers')) {
        const check = checkVersion(
          ctx.serviceTypeCode,
          fields,
          tiers ?? (ctx.edited?.tiers ?? []).map((x) => ({ upTo: x.upTo, unitPrice: x.unitPrice })),
        );
        if (check) refuse(ctx.edited ? 'root' : 'tiers', check);
      }
      if (!ctx.edited && ctx.takenDates.includes(fields.effectiveFrom))
        refuse('effectiveFrom', 'Loại dịch vụ này đã có bảng giá hiệu lực từ ngày đó.');
      return errors.size > 0 ? z.NEVER : { fields, tiers };
    });
}
