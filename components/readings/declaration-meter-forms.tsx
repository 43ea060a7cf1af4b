'use client';

/** Declarations about the meter and its indexes: replacement (and its correction), corrected previous index, unread meter. */
import { SelectField, TextField } from '@/components/ui/form-field';
import { periodBounds } from '@/domain/reading/period';
import type { ReadingCodeInfo } from './reading-codes';
import type { SheetRow } from './readings.documents';
import { useReadingMutations } from './use-reading-mutations';
import { fmtInt, parseWhole } from './format';
import {
  defaultDateIn,
  DeclarationFormShell,
  ReasonField,
  useDeclarationForm,
  type FormProps,
} from './declaration-form-parts';
import {
  correctionFormSchema,
  finalIndexFormSchema,
  replacementFormSchema,
  unreadFormSchema,
} from './declaration-schemas';

// ---------- meter replacement

/** The final index declared with the replacement is the old meter's reading: it is changed here, never on the grid. */
export function CorrectFinalIndexForm({
  outgoing,
  disabled,
  onChanged,
}: {
  outgoing: SheetRow;
  disabled: boolean;
  onChanged: FormProps['onChanged'];
}) {
  const current = outgoing.fixedCurrentIndex as number;
  const api = useReadingMutations();
  const form = useDeclarationForm({
    disabled,
    schema: finalIndexFormSchema(current),
    defaultValues: { finalIndex: String(current), reason: '' },
    fallback: 'Không sửa được chỉ số cuối.',
    save: async ({ finalIndex, reason }) => {
      await api.correctMeterReplacement({
        customerId: outgoing.customerId,
        meterId: outgoing.meterId,
        finalIndex,
        reason,
      });
      onChanged(
        null,
        `Đã sửa chỉ số cuối đồng hồ ${outgoing.meterSerial} của ${outgoing.customerCode} thành ${fmtInt(finalIndex)}.`,
        true,
      );
    },
  });

  return (
    <DeclarationFormShell form={form} label="Sửa chỉ số cuối">
      <p className="text-sm text-slate-600">
        Đồng hồ cũ {outgoing.meterSerial} đã chốt ở chỉ số cuối {fmtInt(current)}; đó cũng là chỉ số kỳ này của đồng hồ
        cũ. Sửa chỉ số cuối ở đây thì chỉ số và tiêu thụ của đồng hồ cũ được tính lại theo.
      </p>
      <div className="grid grid-cols-2 gap-3">
        <TextField
          label="Chỉ số cuối đúng"
          {...form.bind('finalIndex')}
          inputMode="numeric"
          required
          data-autofocus=""
        />
        <ReasonField {...form.bind('reason')} />
      </div>
    </DeclarationFormShell>
  );
}

export function ReplaceForm({
  row,
  customerRows,
  period,
  disabled,
  onChanged,
}: FormProps & { customerRows: SheetRow[] }) {
  const { start, end } = periodBounds(period);
  const api = useReadingMutations();
  const already = customerRows.some((r) => r.isOutgoingMeter) || row.notices.some((n) => n.kind === 'meter_replaced');
  const form = useDeclarationForm({
    disabled,
    schema: replacementFormSchema(period, { start, end }, row),
    defaultValues: { removedOn: defaultDateIn(period), finalIndex: '', serial: '', initialIndex: '0', sealNo: '' },
    fallback: 'Không khai báo được thay đồng hồ.',
    save: async (v) => {
      const rows = await api.declareMeterReplacement(
        { customerId: row.customerId, period, finalIndex: v.finalIndex, removedOn: v.removedOn },
        { serial: v.serial, initialIndex: v.initialIndex, installedOn: v.removedOn, sealNo: v.sealNo },
      );
      onChanged(
        rows,
        `Đã khai báo thay đồng hồ cho ${row.customerCode}: nhập chỉ số mới của đồng hồ ${v.serial}.`,
        true,
      );
    },
  });

  return (
    <DeclarationFormShell form={form} label="Khai báo thay đồng hồ">
      <p className="text-sm text-slate-600">
        Đồng hồ cũ được chốt ở chỉ số cuối và tính tiền từ chỉ số cũ {fmtInt(row.previousIndex)}; đồng hồ mới tính từ
        chỉ số đầu. Cả hai cùng tính trong kỳ.
      </p>
      {already && (
        <p className="rounded bg-sky-50 px-3 py-2 text-sm text-sky-800">
          Khách hàng đã có khai báo thay đồng hồ trong kỳ này.
        </p>
      )}
      <div className="grid grid-cols-2 gap-3">
        <TextField label="Ngày thay" {...form.bind('removedOn')} type="date" min={start} max={end} required />
        <TextField
          label="Chỉ số cuối đồng hồ cũ"
          {...form.bind('finalIndex')}
          inputMode="numeric"
          required
          data-autofocus=""
        />
        <TextField label="Số seri đồng hồ mới" {...form.bind('serial')} required />
        <TextField label="Chỉ số đầu đồng hồ mới" {...form.bind('initialIndex')} inputMode="numeric" required />
        <TextField label="Số tem (nếu có)" {...form.bind('sealNo')} />
      </div>
    </DeclarationFormShell>
  );
}

// ---------- corrected previous index

export function CorrectForm({ row, period, disabled, onChanged }: FormProps) {
  const api = useReadingMutations();
  const form = useDeclarationForm({
    disabled,
    schema: correctionFormSchema({ ...row, period }),
    defaultValues: {
      previousIndex: String(row.previousIndex),
      currentIndex: row.currentIndex === null ? '' : String(row.currentIndex),
      reason: '',
    },
    fallback: 'Không sửa được chỉ số cũ.',
    save: async (input) => {
      const updated = await api.correctPreviousIndex({
        ...input,
        meterId: row.meterId,
        currentIndex: input.currentIndex ?? null,
      });
      onChanged([updated], `Đã sửa chỉ số cũ của ${row.customerCode} thành ${fmtInt(input.previousIndex)}.`, true);
    },
  });
  const prev = parseWhole(form.form.watch('previousIndex'));
  const cur = parseWhole(form.form.watch('currentIndex'));
  const m3 = prev !== null && cur !== null && !Number.isNaN(prev) && !Number.isNaN(cur) ? cur - prev : null;

  return (
    <DeclarationFormShell form={form} label="Sửa chỉ số cũ">
      <p className="text-sm text-slate-600">
        Lùi (sửa) chỉ số đầu kỳ khi chỉ số cũ ghi sai; lượng tiêu thụ của kỳ được tính lại từ chỉ số đã sửa. Lý do được
        lưu vào ghi chú của chỉ số.
      </p>
      <div className="grid grid-cols-2 gap-3">
        <TextField
          label={`Chỉ số cũ đúng (hiện ${fmtInt(row.previousIndex)})`}
          {...form.bind('previousIndex')}
          inputMode="numeric"
          required
          data-autofocus=""
        />
        <TextField
          label="Chỉ số mới của kỳ"
          {...form.bind('currentIndex')}
          inputMode="numeric"
          required
          hint={m3 !== null ? `Tiêu thụ: ${fmtInt(m3)} m3` : undefined}
        />
        <ReasonField {...form.bind('reason')} className="col-span-2" />
      </div>
    </DeclarationFormShell>
  );
}

// ---------- unread meter

export function UnreadForm({
  row,
  period,
  codes,
  disabled,
  onChanged,
}: FormProps & { codes: readonly ReadingCodeInfo[] }) {
  const estimateCodes = codes.filter((c) => c.requiresEstimate);
  const api = useReadingMutations();
  const form = useDeclarationForm({
    disabled,
    schema: unreadFormSchema,
    defaultValues: {
      code: estimateCodes.find((c) => c.code === row.code)?.code ?? estimateCodes[0]?.code ?? 'no_access',
      note: row.note ?? '',
    },
    fallback: 'Không lưu được.',
    save: async ({ code, note }) => {
      const updated = await api.saveReading({
        customerId: row.customerId,
        period,
        meterId: row.meterId,
        currentIndex: null,
        code,
        note,
        version: row.version,
      });
      onChanged(
        [updated],
        `${row.customerCode}: không đọc được đồng hồ, tính theo bình quân ${fmtInt(updated.consumption ?? row.average3)} m3.`,
        true,
      );
    },
  });

  return (
    <DeclarationFormShell form={form} label="Lưu: tính theo bình quân">
      <p className="text-sm text-slate-600">
        Đồng hồ không đọc được (hoặc chỉ số không tin cậy) được tính theo bình quân 3 kỳ trước:{' '}
        <strong>{fmtInt(row.average3)} m3</strong>. Khi có chỉ số thực, phần đã tính tạm được trừ lại.
      </p>
      <div className="grid grid-cols-2 gap-3">
        <SelectField
          label="Lý do không đọc được"
          {...form.bind('code')}
          options={estimateCodes.map((c) => ({ value: c.code, label: c.label }))}
        />
        <TextField label="Ghi chú" {...form.bind('note')} />
      </div>
    </DeclarationFormShell>
  );
}
