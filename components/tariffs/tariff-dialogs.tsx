'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { CheckboxField, EnterForm, SelectField, TextAreaField, TextField } from '@/components/ui/form-field';
import { formErrorsOf } from '@/components/ui/graphql-client';
import { bpToPercentText, fmtInt, parseWhole, percentToBp, todayVN } from '@/components/readings/format';
import {
  BASIS_LABELS,
  PRORATION_LABELS,
  TIER_UNIT,
  UTILITY_LABELS,
  type ProrationMethod,
  type ServiceTypeInput,
  type TariffBasis,
  type TariffServiceType,
  type TariffTier,
  type TariffVersion,
  type TierInput,
  type VersionFields,
} from './api';
import { checkVersion, orderTiers } from './validate';

type Errors = Record<string, string>;

function GeneralError({ errors }: { errors: Errors }) {
  return errors._ ? (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="dialog-error">
      {errors._}
    </p>
  ) : null;
}

function Footer({ busy, onCancel, formId, label }: { busy: boolean; onCancel: () => void; formId: string; label: string }) {
  return (
    <>
      <Button onClick={onCancel} disabled={busy}>
        Hủy
      </Button>
      <Button type="submit" form={formId} variant="primary" disabled={busy} data-testid="dialog-save">
        {busy ? 'Đang lưu…' : label} <span className="opacity-70">(Alt+S)</span>
      </Button>
    </>
  );
}

// ---------------------------------------------------------------- service type (F4 / F2)

export function ServiceTypeDialog({
  initial,
  onClose,
  onSave,
}: {
  initial: TariffServiceType | null;
  onClose: () => void;
  onSave: (input: ServiceTypeInput) => Promise<void>;
}) {
  const [v, setV] = useState({
    code: initial?.code ?? '',
    name: initial?.name ?? '',
    utility: initial?.utility ?? 'water',
    isDomestic: initial ? initial.isDomestic : true,
  });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const errs: Errors = {};
    const code = v.code.trim().toUpperCase();
    if (!code) errs.code = 'Mã không được để trống.';
    else if (!/^[A-Z0-9._\-/]{1,24}$/.test(code)) errs.code = 'Mã chỉ gồm chữ cái không dấu, chữ số và . _ - / (tối đa 24 ký tự).';
    if (!v.name.trim()) errs.name = 'Tên loại dịch vụ không được để trống.';
    else if (v.name.trim().length > 200) errs.name = 'Tên dài tối đa 200 ký tự.';
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      await onSave({ code, name: v.name.trim(), utility: v.utility, isDomestic: v.isDomestic ? 1 : 0 });
    } catch (e) {
      setErrors(formErrorsOf(e, 'Không lưu được loại dịch vụ.'));
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      title={initial ? `Sửa loại dịch vụ ${initial.code}` : 'Thêm loại dịch vụ'}
      onClose={onClose}
      closeOnBackdrop={false}
      onSave={() => void submit()}
      data-testid="service-type-dialog"
      footer={<Footer busy={busy} onCancel={onClose} formId="service-type-form" label="Lưu" />}
    >
      <EnterForm
        onSubmit={() => void submit()}
        id="service-type-form"
        className="grid grid-cols-2 gap-3"
      >
        <TextField label="Mã" name="code" value={v.code} onChange={(e) => setV((s) => ({ ...s, code: e.target.value.toUpperCase() }))} error={errors.code} required maxLength={24} />
        <SelectField
          label="Ngành"
          name="utility"
          value={v.utility}
          onChange={(e) => setV((s) => ({ ...s, utility: e.target.value }))}
          options={Object.entries(UTILITY_LABELS).map(([value, label]) => ({ value, label }))}
          error={errors.utility}
        />
        <TextField label="Tên loại dịch vụ" name="name" value={v.name} onChange={(e) => setV((s) => ({ ...s, name: e.target.value }))} error={errors.name} required className="col-span-2" />
        <CheckboxField
          label="Sinh hoạt (hộ gia đình: được miễn phí BVMT ở xã nông thôn, bậc thang theo hộ hoặc nhân khẩu)"
          name="isDomestic"
          checked={v.isDomestic}
          onChange={(e) => setV((s) => ({ ...s, isDomestic: e.target.checked }))}
          className="col-span-2"
        />
        <div className="col-span-2">
          <GeneralError errors={errors} />
        </div>
      </EnterForm>
    </Dialog>
  );
}

// ---------------------------------------------------------------- tariff version

interface VersionText {
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

interface TierText {
  key: number;
  upTo: string;
  unitPrice: string;
}

function toText(v: TariffVersion | null, isDomestic: boolean): VersionText {
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
function parseVersion(t: VersionText): { fields: VersionFields | null; errors: Errors } {
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

function parseTier(upTo: string, unitPrice: string, unlimited: boolean): { tier: TierInput | null; errors: Errors } {
  const errors: Errors = {};
  let limit: number | null = null;
  if (!unlimited) {
    const n = parseWhole(upTo);
    if (n === null) errors.upTo = 'Nhập giới hạn m3 của bậc, hoặc chọn “không giới hạn”.';
    else if (Number.isNaN(n) || n <= 0) errors.upTo = 'Giới hạn bậc phải là số nguyên m3 lớn hơn 0.';
    else if (n > 1_000_000) errors.upTo = 'Giới hạn bậc quá lớn.';
    else limit = n;
  }
  const price = parseWhole(unitPrice);
  if (price === null) errors.unitPrice = 'Nhập đơn giá (đồng/m3).';
  else if (Number.isNaN(price)) errors.unitPrice = 'Đơn giá phải là số nguyên đồng.';
  else if (price > 10_000_000) errors.unitPrice = 'Đơn giá quá lớn.';
  return { tier: Object.keys(errors).length ? null : { upTo: limit, unitPrice: price as number }, errors };
}

export function VersionDialog({
  serviceType,
  initial,
  copyFrom,
  onClose,
  onSave,
}: {
  serviceType: TariffServiceType;
  /** Editing this version (tiers are edited on the tier grid), or null to add one. */
  initial: TariffVersion | null;
  /** Adding: start from this version's fields and tiers (new prices from a date). */
  copyFrom: TariffVersion | null;
  onClose: () => void;
  onSave: (fields: VersionFields, tiers: TierInput[] | null) => Promise<void>;
}) {
  const [t, setT] = useState<VersionText>(() => {
    const base = toText(initial ?? copyFrom, serviceType.isDomestic);
    return initial ? base : { ...base, effectiveFrom: todayVN(), note: '' };
  });
  const [tiers, setTiers] = useState<TierText[]>(() =>
    (copyFrom?.tiers ?? [{ id: 0, ordinal: 1, upTo: null, unitPrice: 0 }]).map((x, i) => ({
      key: i,
      upTo: x.upTo === null ? '' : String(x.upTo),
      unitPrice: x.unitPrice ? String(x.unitPrice) : '',
    })),
  );
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof VersionText>(k: K, value: VersionText[K]) => setT((s) => ({ ...s, [k]: value }));
  const unit = TIER_UNIT[t.basis];

  const submit = async () => {
    const { fields, errors: errs } = parseVersion(t);
    let tierInputs: TierInput[] | null = null;
    if (!initial) {
      tierInputs = [];
      tiers.forEach((x, i) => {
        const last = i === tiers.length - 1;
        const { tier, errors: te } = parseTier(x.upTo, x.unitPrice, last && x.upTo.trim() === '');
        if (tier) tierInputs!.push(tier);
        else errs.tiers ??= `Bậc ${i + 1}: ${Object.values(te)[0]}`;
      });
    }
    if (fields && !errs.tiers) {
      const check = checkVersion(serviceType.code, fields, tierInputs ?? (initial?.tiers ?? []).map((x) => ({ upTo: x.upTo, unitPrice: x.unitPrice })));
      if (check) errs[initial ? '_' : 'tiers'] = check;
    }
    if (!initial && fields && serviceType.versions.some((v) => v.effectiveFrom === fields.effectiveFrom)) {
      errs.effectiveFrom = 'Loại dịch vụ này đã có bảng giá hiệu lực từ ngày đó.';
    }
    setErrors(errs);
    if (!fields || Object.keys(errs).length) return;
    setBusy(true);
    try {
      await onSave(fields, tierInputs);
    } catch (e) {
      setErrors(formErrorsOf(e, 'Không lưu được bảng giá.'));
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      size="lg"
      title={initial ? `Sửa bảng giá ${serviceType.code} từ ${initial.effectiveFrom.split('-').reverse().join('/')}` : `Thêm bảng giá cho ${serviceType.code}`}
      description={serviceType.name}
      onClose={onClose}
      closeOnBackdrop={false}
      onSave={() => void submit()}
      data-testid="version-dialog"
      footer={<Footer busy={busy} onCancel={onClose} formId="version-form" label="Lưu bảng giá" />}
    >
      <EnterForm
        onSubmit={() => void submit()}
        id="version-form"
        className="space-y-3"
      >
        {initial?.isInUse && (
          <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Bảng giá đã dùng cho hóa đơn. Hóa đơn nháp sẽ được tính lại theo giá mới; nếu đã có hóa đơn phát hành thì không sửa được — hãy thêm bảng giá mới có hiệu lực từ ngày khác.
          </p>
        )}
        <div className="grid grid-cols-3 gap-3">
          <TextField label="Hiệu lực từ ngày" name="effectiveFrom" type="date" value={t.effectiveFrom} onChange={(e) => set('effectiveFrom', e.target.value)} error={errors.effectiveFrom} required />
          <SelectField
            label="Cách tính định mức"
            name="basis"
            value={t.basis}
            onChange={(e) => set('basis', e.target.value as TariffBasis)}
            options={Object.entries(BASIS_LABELS).map(([value, label]) => ({ value, label }))}
            error={errors.basis}
          />
          <SelectField
            label="Đổi giá trong kỳ"
            name="prorationMethod"
            value={t.prorationMethod}
            onChange={(e) => set('prorationMethod', e.target.value as ProrationMethod)}
            options={Object.entries(PRORATION_LABELS).map(([value, label]) => ({ value, label }))}
            error={errors.prorationMethod}
          />
          <TextField label="Thuế GTGT (%)" name="vat" inputMode="decimal" value={t.vat} onChange={(e) => set('vat', e.target.value)} error={errors.vat} />
          <TextField label="Phí BVMT nước thải (%)" name="envFee" inputMode="decimal" value={t.envFee} onChange={(e) => set('envFee', e.target.value)} error={errors.envFee} hint="Trên tiền nước trước thuế; 0 nếu thu giá thoát nước" />
          <CheckboxField label="Đơn giá đã gồm thuế GTGT" name="pricesIncludeVat" checked={t.pricesIncludeVat} onChange={(e) => set('pricesIncludeVat', e.target.checked)} className="self-center" />
          <TextField label="Giá dịch vụ thoát nước (%)" name="drainage" inputMode="decimal" value={t.drainage} onChange={(e) => set('drainage', e.target.value)} error={errors.drainage} />
          <TextField label="Thuế GTGT thoát nước (%)" name="drainageVat" inputMode="decimal" value={t.drainageVat} onChange={(e) => set('drainageVat', e.target.value)} error={errors.drainageVat} />
          <div />
          <TextField label="Tiêu thụ tối thiểu (m3/kỳ)" name="minConsumption" inputMode="numeric" value={t.minConsumption} onChange={(e) => set('minConsumption', e.target.value)} error={errors.minConsumption} hint="Để trống: không áp dụng" />
          <TextField label="Phí thuê bao đồng hồ (đồng/kỳ)" name="meterSubscription" inputMode="numeric" value={t.meterSubscription} onChange={(e) => set('meterSubscription', e.target.value)} error={errors.meterSubscription} hint="Để trống: không áp dụng" />
          <div />
          <TextAreaField label="Ghi chú (căn cứ quyết định giá…)" name="note" rows={2} value={t.note} onChange={(e) => set('note', e.target.value)} error={errors.note} className="col-span-3" />
        </div>

        {!initial && (
          <section aria-label="Bậc giá" className="rounded-md border border-slate-200">
            <div className="flex items-center justify-between border-b border-slate-200 bg-slate-50 px-3 py-1.5">
              <h3 className="text-sm font-semibold text-slate-700">Bậc giá {copyFrom ? '(chép từ bảng giá đang chọn)' : ''}</h3>
              <Button
                size="sm"
                onClick={() =>
                  setTiers((xs) => {
                    const last = xs[xs.length - 1];
                    const before = xs.slice(0, -1);
                    return [...before, { key: Date.now(), upTo: '', unitPrice: '' }, ...(last ? [last] : [])];
                  })
                }
                disabled={t.basis === 'flat' || tiers.length >= 20}
                data-testid="version-add-tier"
              >
                + Thêm bậc
              </Button>
            </div>
            <table className="w-full text-sm">
              <thead className="text-left text-xs text-slate-500">
                <tr>
                  <th className="px-3 py-1">Bậc</th>
                  <th className="px-3 py-1">Đến ({unit})</th>
                  <th className="px-3 py-1">Đơn giá (đồng/m3)</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {tiers.map((x, i) => {
                  const last = i === tiers.length - 1;
                  return (
                    <tr key={x.key} className="border-t border-slate-100">
                      <td className="px-3 py-1 tabular-nums">{i + 1}</td>
                      <td className="px-3 py-1">
                        {last ? (
                          <span className="text-slate-500">không giới hạn</span>
                        ) : (
                          <input
                            inputMode="numeric"
                            aria-label={`Giới hạn bậc ${i + 1}`}
                            value={x.upTo}
                            onChange={(e) => setTiers((xs) => xs.map((y) => (y.key === x.key ? { ...y, upTo: e.target.value } : y)))}
                            className="w-28 rounded border border-slate-300 px-2 py-1 text-right tabular-nums"
                          />
                        )}
                      </td>
                      <td className="px-3 py-1">
                        <input
                          inputMode="numeric"
                          aria-label={`Đơn giá bậc ${i + 1}`}
                          value={x.unitPrice}
                          onChange={(e) => setTiers((xs) => xs.map((y) => (y.key === x.key ? { ...y, unitPrice: e.target.value } : y)))}
                          className="w-32 rounded border border-slate-300 px-2 py-1 text-right tabular-nums"
                        />
                      </td>
                      <td className="px-3 py-1 text-right">
                        {tiers.length > 1 && !last && (
                          <Button size="sm" variant="ghost" onClick={() => setTiers((xs) => xs.filter((y) => y.key !== x.key))} aria-label={`Xóa bậc ${i + 1}`}>
                            Xóa
                          </Button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {errors.tiers && (
              <p role="alert" className="border-t border-red-200 bg-red-50 px-3 py-1.5 text-sm text-red-800" data-testid="tiers-error">
                {errors.tiers}
              </p>
            )}
          </section>
        )}
        <GeneralError errors={errors} />
      </EnterForm>
    </Dialog>
  );
}

// ---------------------------------------------------------------- tier (Ctrl+F4 / Ctrl+F2)

export function TierDialog({
  serviceType,
  version,
  initial,
  onClose,
  onSave,
}: {
  serviceType: TariffServiceType;
  version: TariffVersion;
  initial: TariffTier | null;
  onClose: () => void;
  onSave: (tier: TierInput) => Promise<void>;
}) {
  const [upTo, setUpTo] = useState(initial?.upTo != null ? String(initial.upTo) : '');
  const [unlimited, setUnlimited] = useState(initial ? initial.upTo === null : false);
  const [price, setPrice] = useState(initial ? String(initial.unitPrice) : '');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const unit = TIER_UNIT[version.basis];

  const submit = async () => {
    const { tier, errors: errs } = parseTier(upTo, price, unlimited);
    if (tier) {
      const others = version.tiers.filter((x) => x.id !== initial?.id).map((x) => ({ upTo: x.upTo, unitPrice: x.unitPrice }));
      const check = checkVersion(serviceType.code, version, [...others, tier]);
      if (check) errs._ = check;
    }
    setErrors(errs);
    if (!tier || Object.keys(errs).length) return;
    setBusy(true);
    try {
      await onSave(tier);
    } catch (e) {
      setErrors(formErrorsOf(e, 'Không lưu được bậc giá.'));
      setBusy(false);
    }
  };
  const preview = orderTiers(version.tiers.filter((x) => x.id !== initial?.id));

  return (
    <Dialog
      open
      size="sm"
      title={initial ? `Sửa bậc ${initial.ordinal}` : 'Thêm bậc giá'}
      description={`${serviceType.code} – bảng giá từ ${version.effectiveFrom.split('-').reverse().join('/')}`}
      onClose={onClose}
      closeOnBackdrop={false}
      onSave={() => void submit()}
      data-testid="tier-dialog"
      footer={<Footer busy={busy} onCancel={onClose} formId="tier-form" label="Lưu bậc" />}
    >
      <EnterForm
        onSubmit={() => void submit()}
        id="tier-form"
        className="space-y-3"
      >
        <TextField
          label={`Đến (${unit}, lũy kế)`}
          name="upTo"
          inputMode="numeric"
          value={unlimited ? '' : upTo}
          disabled={unlimited}
          placeholder={unlimited ? 'không giới hạn' : ''}
          onChange={(e) => setUpTo(e.target.value)}
          error={errors.upTo}
        />
        <CheckboxField label="Không giới hạn (bậc cuối cùng)" name="unlimited" checked={unlimited} onChange={(e) => setUnlimited(e.target.checked)} />
        <TextField label="Đơn giá (đồng/m3)" name="unitPrice" inputMode="numeric" value={price} onChange={(e) => setPrice(e.target.value)} error={errors.unitPrice} required hint={parseWhole(price) ? `${fmtInt(parseWhole(price) as number)} đồng/m3` : undefined} />
        {preview.length > 0 && (
          <p className="text-xs text-slate-500">
            Các bậc khác: {preview.map((x) => `${x.upTo === null ? 'không giới hạn' : `≤ ${fmtInt(x.upTo)}`}: ${fmtInt(x.unitPrice)}`).join(' · ')}
          </p>
        )}
        <GeneralError errors={errors} />
      </EnterForm>
    </Dialog>
  );
}
