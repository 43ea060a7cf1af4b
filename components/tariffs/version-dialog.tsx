'use client';

import { useState } from 'react';
import { useMutation } from 'urql';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { CheckboxField, EnterForm, SelectField, TextAreaField, TextField } from '@/components/ui/form-field';
import { todayVN } from '@/components/readings/format';
import { DialogFooter, formErrors, GeneralError, type Errors } from './dialog-parts';
import { BASIS_LABELS, dmy, PRORATION_LABELS, TIER_UNIT } from './tariff-labels';
import {
  CreateTariffVersionMutation,
  TARIFF_TYPENAMES,
  UpdateTariffVersionMutation,
  type ProrationMethod,
  type TariffBasis,
  type TariffServiceType,
  type TariffVersion,
  type TierInput,
} from './tariffs.documents';
import { checkVersion } from './validate';
import { parseTier, parseVersion, toText, type TierText, type VersionText } from './version-form';

/** Adds a version (copied from the selected one: new prices from a date) or edits the selected version. */
export function VersionDialog({
  serviceType,
  initial,
  copyFrom,
  onClose,
  onSaved,
}: {
  serviceType: TariffServiceType;
  /** Editing this version (tiers are edited on the tier grid), or null to add one. */
  initial: TariffVersion | null;
  /** Adding: start from this version's fields and tiers (new prices from a date). */
  copyFrom: TariffVersion | null;
  onClose: () => void;
  /** The version saved; `effectiveFrom` for the toast of a new one. */
  onSaved: (version: { id: number; effectiveFrom: string }) => void;
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
  const [creation, create] = useMutation(CreateTariffVersionMutation);
  const [update, executeUpdate] = useMutation(UpdateTariffVersionMutation);
  const busy = creation.fetching || update.fetching;
  const set = <K extends keyof VersionText>(k: K, value: VersionText[K]) => setT((s) => ({ ...s, [k]: value }));
  const unit = TIER_UNIT[t.basis];

  const submit = async () => {
    if (busy) return;
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
      const check = checkVersion(
        serviceType.code,
        fields,
        tierInputs ?? (initial?.tiers ?? []).map((x) => ({ upTo: x.upTo, unitPrice: x.unitPrice })),
      );
      if (check) errs[initial ? '_' : 'tiers'] = check;
    }
    if (!initial && fields && serviceType.versions.some((v) => v.effectiveFrom === fields.effectiveFrom)) {
      errs.effectiveFrom = 'Loại dịch vụ này đã có bảng giá hiệu lực từ ngày đó.';
    }
    setErrors(errs);
    if (!fields || Object.keys(errs).length) return;
    if (initial) {
      const result = await executeUpdate({ id: initial.id, input: fields }, TARIFF_TYPENAMES);
      if (!result.data) return setErrors(formErrors(result.error, 'Không lưu được bảng giá.'));
      onSaved({ id: initial.id, effectiveFrom: fields.effectiveFrom });
    } else {
      const result = await create(
        { input: { serviceTypeId: serviceType.id, ...fields, tiers: tierInputs ?? [] } },
        TARIFF_TYPENAMES,
      );
      if (!result.data) return setErrors(formErrors(result.error, 'Không lưu được bảng giá.'));
      onSaved(result.data.createTariffVersion);
    }
  };

  return (
    <Dialog
      open
      size="lg"
      title={
        initial
          ? `Sửa bảng giá ${serviceType.code} từ ${dmy(initial.effectiveFrom)}`
          : `Thêm bảng giá cho ${serviceType.code}`
      }
      description={serviceType.name}
      onClose={onClose}
      closeOnBackdrop={false}
      onSave={() => void submit()}
      data-testid="version-dialog"
      footer={<DialogFooter busy={busy} onCancel={onClose} formId="version-form" label="Lưu bảng giá" />}
    >
      <EnterForm onSubmit={() => void submit()} id="version-form" className="space-y-3">
        {initial?.isInUse && (
          <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Bảng giá đã dùng cho hóa đơn. Hóa đơn nháp sẽ được tính lại theo giá mới; nếu đã có hóa đơn phát hành thì
            không sửa được — hãy thêm bảng giá mới có hiệu lực từ ngày khác.
          </p>
        )}
        <div className="grid grid-cols-3 gap-3">
          <TextField
            label="Hiệu lực từ ngày"
            name="effectiveFrom"
            type="date"
            value={t.effectiveFrom}
            onChange={(e) => set('effectiveFrom', e.target.value)}
            error={errors.effectiveFrom}
            required
          />
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
          <TextField
            label="Thuế GTGT (%)"
            name="vat"
            inputMode="decimal"
            value={t.vat}
            onChange={(e) => set('vat', e.target.value)}
            error={errors.vat}
          />
          <TextField
            label="Phí BVMT nước thải (%)"
            name="envFee"
            inputMode="decimal"
            value={t.envFee}
            onChange={(e) => set('envFee', e.target.value)}
            error={errors.envFee}
            hint="Trên tiền nước trước thuế; 0 nếu thu giá thoát nước"
          />
          <CheckboxField
            label="Đơn giá đã gồm thuế GTGT"
            name="pricesIncludeVat"
            checked={t.pricesIncludeVat}
            onChange={(e) => set('pricesIncludeVat', e.target.checked)}
            className="self-center"
          />
          <TextField
            label="Giá dịch vụ thoát nước (%)"
            name="drainage"
            inputMode="decimal"
            value={t.drainage}
            onChange={(e) => set('drainage', e.target.value)}
            error={errors.drainage}
          />
          <TextField
            label="Thuế GTGT thoát nước (%)"
            name="drainageVat"
            inputMode="decimal"
            value={t.drainageVat}
            onChange={(e) => set('drainageVat', e.target.value)}
            error={errors.drainageVat}
          />
          <div />
          <TextField
            label="Tiêu thụ tối thiểu (m3/kỳ)"
            name="minConsumption"
            inputMode="numeric"
            value={t.minConsumption}
            onChange={(e) => set('minConsumption', e.target.value)}
            error={errors.minConsumption}
            hint="Để trống: không áp dụng"
          />
          <TextField
            label="Phí thuê bao đồng hồ (đồng/kỳ)"
            name="meterSubscription"
            inputMode="numeric"
            value={t.meterSubscription}
            onChange={(e) => set('meterSubscription', e.target.value)}
            error={errors.meterSubscription}
            hint="Để trống: không áp dụng"
          />
          <div />
          <TextAreaField
            label="Ghi chú (căn cứ quyết định giá…)"
            name="note"
            rows={2}
            value={t.note}
            onChange={(e) => set('note', e.target.value)}
            error={errors.note}
            className="col-span-3"
          />
        </div>

        {!initial && (
          <section aria-label="Bậc giá" className="rounded-md border border-slate-200">
            <div className="flex items-center justify-between border-b border-slate-200 bg-slate-50 px-3 py-1.5">
              <h3 className="text-sm font-semibold text-slate-700">
                Bậc giá {copyFrom ? '(chép từ bảng giá đang chọn)' : ''}
              </h3>
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
                            onChange={(e) =>
                              setTiers((xs) => xs.map((y) => (y.key === x.key ? { ...y, upTo: e.target.value } : y)))
                            }
                            className="w-28 rounded border border-slate-300 px-2 py-1 text-right tabular-nums"
                          />
                        )}
                      </td>
                      <td className="px-3 py-1">
                        <input
                          inputMode="numeric"
                          aria-label={`Đơn giá bậc ${i + 1}`}
                          value={x.unitPrice}
                          onChange={(e) =>
                            setTiers((xs) => xs.map((y) => (y.key === x.key ? { ...y, unitPrice: e.target.value } : y)))
                          }
                          className="w-32 rounded border border-slate-300 px-2 py-1 text-right tabular-nums"
                        />
                      </td>
                      <td className="px-3 py-1 text-right">
                        {tiers.length > 1 && !last && (
                          <Button
                            size="sm"
                            variant="ghost"
                            onClick={() => setTiers((xs) => xs.filter((y) => y.key !== x.key))}
                            aria-label={`Xóa bậc ${i + 1}`}
                          >
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
              <p
                role="alert"
                className="border-t border-red-200 bg-red-50 px-3 py-1.5 text-sm text-red-800"
                data-testid="tiers-error"
              >
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
