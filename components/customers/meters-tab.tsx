'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useMutation } from 'urql';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { SelectField, TextField, enterMovesFocus } from '@/components/ui/form-field';
import { useToast } from '@/components/ui/toast';
import { apiError, errorMessage } from '@/lib/graphql/errors';
import {
  editMeterFormSchema,
  replaceMeterFormSchema,
  type EditMeterFormValues,
  type ReplaceMeterFormOutput,
  type ReplaceMeterFormValues,
} from '@/schemas/customer-input';
import { CUSTOMER_TYPENAMES, ReplaceMeterMutation, UpdateMeterMutation, type Meter } from './customer-documents';
import { fmtDate, todayVN } from './format';
import { MISSING_RIGHT } from './customer-rights';
import { catalogOptions, fieldBinder, type CustomerTabProps } from './tab-form';
import type { Catalogs } from './use-customer-data';

const th = 'border-b border-slate-200 px-2 py-1.5 text-left text-xs font-semibold text-slate-600';
const td = 'border-b border-slate-100 px-2 py-1.5';

export function MetersTab({ customer, catalogs, canEdit, onChanged }: CustomerTabProps) {
  const active = customer.meters.find((m) => m.isActive) ?? null;
  const [dialog, setDialog] = useState<'replace' | 'edit' | null>(null);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3 rounded-md border border-slate-200 bg-slate-50 p-3">
        {active ? (
          <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-3" data-testid="active-meter">
            <Info label="Số seri" value={active.serial} strong />
            <Info label="Loại đồng hồ" value={active.meterTypeName ?? '—'} />
            <Info label="Số tem" value={active.sealNo ?? '—'} />
            <Info label="Ngày kiểm định" value={fmtDate(active.verifiedOn) || '—'} />
            <Info label="Ngày lắp" value={fmtDate(active.installedOn)} />
            <Info label="Chỉ số đầu" value={active.initialIndex.toLocaleString('vi-VN')} />
          </dl>
        ) : (
          <p className="text-sm text-slate-600">Khách hàng chưa có đồng hồ đang hoạt động.</p>
        )}
        {/* Shown to every reader, disabled with the reason for those without the right. */}
        <div className="flex gap-2">
          {active && (
            <Button
              size="sm"
              disabledReason={canEdit ? null : MISSING_RIGHT.edit}
              onClick={() => setDialog('edit')}
              data-testid="btn-edit-meter"
            >
              Sửa đồng hồ
            </Button>
          )}
          <Button
            size="sm"
            variant="primary"
            disabledReason={canEdit ? null : MISSING_RIGHT.edit}
            onClick={() => setDialog('replace')}
            data-testid="btn-replace-meter"
          >
            {active ? 'Thay đồng hồ' : 'Lắp đồng hồ'}
          </Button>
        </div>
      </div>

      <div>
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Lịch sử đồng hồ</h3>
        {customer.meters.length === 0 ? (
          <EmptyState title="Chưa có đồng hồ nào" />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="meter-history">
              <thead>
                <tr>
                  <th className={th}>Số seri</th>
                  <th className={th}>Loại</th>
                  <th className={th}>Số tem</th>
                  <th className={th}>Kiểm định</th>
                  <th className={th}>Ngày lắp</th>
                  <th className={`${th} text-right`}>Chỉ số đầu</th>
                  <th className={th}>Ngày tháo</th>
                  <th className={`${th} text-right`}>Chỉ số cuối</th>
                  <th className={th}>Trạng thái</th>
                </tr>
              </thead>
              <tbody>
                {customer.meters.map((m) => (
                  <tr key={m.id} data-testid="meter-row" className={m.isActive ? 'bg-emerald-50/50' : ''}>
                    <td className={`${td} font-medium`}>{m.serial}</td>
                    <td className={td}>{m.meterTypeName ?? ''}</td>
                    <td className={td}>{m.sealNo ?? ''}</td>
                    <td className={td}>{fmtDate(m.verifiedOn)}</td>
                    <td className={td}>{fmtDate(m.installedOn)}</td>
                    <td className={`${td} text-right tabular-nums`}>{m.initialIndex.toLocaleString('vi-VN')}</td>
                    <td className={td}>{fmtDate(m.removedOn)}</td>
                    <td className={`${td} text-right tabular-nums`}>
                      {m.finalIndex === null ? '' : m.finalIndex.toLocaleString('vi-VN')}
                    </td>
                    <td className={td}>
                      {m.isActive ? (
                        <span className="text-emerald-700">Đang lắp</span>
                      ) : (
                        <span className="text-slate-500">Đã tháo</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>

      {dialog === 'replace' && (
        <ReplaceMeterDialog
          customerId={customer.id}
          old={active}
          catalogs={catalogs}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            onChanged();
          }}
        />
      )}
      {dialog === 'edit' && active && (
        <EditMeterDialog
          customerId={customer.id}
          meter={active}
          catalogs={catalogs}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            onChanged();
          }}
        />
      )}
    </div>
  );
}

function Info({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={strong ? 'font-semibold text-slate-900' : 'text-slate-800'}>{value}</dd>
    </div>
  );
}

function ReplaceMeterDialog({
  customerId,
  old,
  catalogs,
  onClose,
  onDone,
}: {
  customerId: number;
  old: Meter | null;
  catalogs: Catalogs | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const toast = useToast();
  const today = todayVN();
  const resolver = useMemo(() => zodResolver(replaceMeterFormSchema(old)), [old]);
  const { register, handleSubmit, setError, formState } = useForm<
    ReplaceMeterFormValues,
    unknown,
    ReplaceMeterFormOutput
  >({
    resolver,
    defaultValues: {
      finalIndex: '',
      removedOn: today,
      meterTypeId: old?.meterTypeId ? String(old.meterTypeId) : '',
      serial: '',
      sealNo: '',
      verifiedOn: '',
      installedOn: today,
      initialIndex: '0',
    },
  });
  const [replacing, replace] = useMutation(ReplaceMeterMutation);
  const busy = replacing.fetching || formState.isSubmitting;
  const errors = formState.errors;
  const field = fieldBinder(register, errors);

  async function save(v: ReplaceMeterFormOutput) {
    const result = await replace({ customerId, ...v }, CUSTOMER_TYPENAMES);
    if (result.error) {
      const e = apiError(result.error, 'Đã có lỗi.');
      const fe: Record<string, string> = {};
      for (const i of e.issues ?? []) fe[i.path.split('.').pop() ?? ''] = i.message;
      if (e.field) fe[e.field] = e.message;
      for (const [name, message] of Object.entries(fe))
        if (name in REPLACE_FIELDS) setError(name as keyof ReplaceMeterFormValues, { message });
      setError('root', { message: e.message });
      return;
    }
    toast.success(old ? `Đã thay đồng hồ ${old.serial} bằng ${v.meter.serial}.` : `Đã lắp đồng hồ ${v.meter.serial}.`);
    onDone();
  }
  const submit = () => {
    if (!busy) void handleSubmit(save)();
  };
  const formError = errors.root?.message ?? null;

  return (
    <Dialog
      open
      title={old ? 'Thay đồng hồ' : 'Lắp đồng hồ'}
      description={old ? `Đồng hồ đang lắp: ${old.serial} (chỉ số đầu ${old.initialIndex})` : undefined}
      onClose={onClose}
      onSave={submit}
      closeOnBackdrop={false}
      size="lg"
      data-testid="replace-meter-dialog"
      footer={
        <>
          <Button onClick={onClose}>Hủy</Button>
          <Button variant="primary" onClick={submit} disabled={busy} shortcut="Alt+S" data-testid="replace-meter-save">
            {busy ? 'Đang lưu…' : 'Lưu'}
          </Button>
        </>
      }
    >
      <div onKeyDown={enterMovesFocus} className="space-y-4">
        {formError && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {formError}
          </p>
        )}
        {old && (
          <fieldset>
            <legend className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Đồng hồ cũ</legend>
            <div className="grid grid-cols-2 gap-3">
              <TextField
                label="Chỉ số cuối"
                name="finalIndex"
                inputMode="numeric"
                required
                data-autofocus=""
                {...field('finalIndex')}
              />
              <TextField label="Ngày tháo" name="removedOn" type="date" required {...field('removedOn')} />
            </div>
          </fieldset>
        )}
        <fieldset>
          <legend className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Đồng hồ mới</legend>
          <div className="grid grid-cols-3 gap-3">
            <TextField label="Số seri" name="serial" required maxLength={32} {...field('serial')} />
            <TextField label="Số tem" name="sealNo" maxLength={32} {...field('sealNo')} />
            <SelectField
              label="Loại đồng hồ"
              name="meterTypeId"
              options={catalogOptions(catalogs?.meterTypes)}
              placeholder="— Chọn —"
              {...field('meterTypeId')}
            />
            <TextField label="Ngày kiểm định" name="verifiedOn" type="date" {...field('verifiedOn')} />
            <TextField label="Ngày lắp" name="installedOn" type="date" required {...field('installedOn')} />
            <TextField label="Chỉ số đầu" name="initialIndex" inputMode="numeric" required {...field('initialIndex')} />
          </div>
        </fieldset>
      </div>
    </Dialog>
  );
}

/** The replace dialog's fields, to tell a server issue about one of them from one about the whole meter. */
const REPLACE_FIELDS: Record<keyof ReplaceMeterFormValues, true> = {
  finalIndex: true,
  removedOn: true,
  meterTypeId: true,
  serial: true,
  sealNo: true,
  verifiedOn: true,
  installedOn: true,
  initialIndex: true,
};

function EditMeterDialog({
  customerId,
  meter,
  catalogs,
  onClose,
  onDone,
}: {
  customerId: number;
  meter: Meter;
  catalogs: Catalogs | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const toast = useToast();
  const { register, handleSubmit, setError, formState } = useForm<
    EditMeterFormValues,
    unknown,
    z.output<typeof editMeterFormSchema>
  >({
    resolver: zodResolver(editMeterFormSchema),
    defaultValues: {
      meterTypeId: meter.meterTypeId ? String(meter.meterTypeId) : '',
      sealNo: meter.sealNo ?? '',
      verifiedOn: meter.verifiedOn ?? '',
    },
  });
  const [updating, update] = useMutation(UpdateMeterMutation);
  const busy = updating.fetching || formState.isSubmitting;
  const errors = formState.errors;
  const field = fieldBinder(register, errors);
  const save = async (v: z.output<typeof editMeterFormSchema>) => {
    const result = await update({ customerId, ...v }, CUSTOMER_TYPENAMES);
    if (result.error) return setError('root', { message: errorMessage(result.error, 'Đã có lỗi.') });
    toast.success(`Đã cập nhật đồng hồ ${meter.serial}.`);
    onDone();
  };
  const submit = () => {
    if (!busy) void handleSubmit(save)();
  };
  const error = errors.root?.message ?? null;
  return (
    <Dialog
      open
      title={`Sửa đồng hồ ${meter.serial}`}
      description="Số seri không đổi; muốn đổi seri hãy dùng «Thay đồng hồ»."
      onClose={onClose}
      onSave={submit}
      data-testid="edit-meter-dialog"
      footer={
        <>
          <Button onClick={onClose}>Hủy</Button>
          <Button variant="primary" onClick={submit} disabled={busy} shortcut="Alt+S">
            {busy ? 'Đang lưu…' : 'Lưu'}
          </Button>
        </>
      }
    >
      <div className="grid grid-cols-3 gap-3" onKeyDown={enterMovesFocus}>
        {error && (
          <p role="alert" className="col-span-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        )}
        <SelectField
          label="Loại đồng hồ"
          name="meterTypeId"
          options={catalogOptions(catalogs?.meterTypes)}
          placeholder="— Chọn —"
          {...field('meterTypeId')}
        />
        <TextField label="Số tem" name="sealNo" maxLength={32} {...field('sealNo')} />
        <TextField label="Ngày kiểm định" name="verifiedOn" type="date" {...field('verifiedOn')} />
      </div>
    </Dialog>
  );
}
