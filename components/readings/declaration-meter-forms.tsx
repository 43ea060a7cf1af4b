'use client';

/** Declarations about the meter and its indexes: replacement (and its correction), corrected previous index, unread meter. */
import { useState } from 'react';
import { SelectField, TextAreaField, TextField } from '@/components/ui/form-field';
import type { ReadingCode } from '@/domain/reading/anomaly';
import { periodBounds } from '@/domain/reading/period';
import type { ReadingCodeInfo } from './reading-codes';
import type { SheetRow } from './readings.documents';
import { useReadingMutations } from './use-reading-mutations';
import { fmtInt, parseWhole, periodLabel } from './format';
import { defaultDateIn, Form, FormFooter, useSubmit, type Errors, type FormProps } from './declaration-form-parts';

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
  const [v, setV] = useState({ finalIndex: String(current), reason: '' });
  const { errors, busy, send } = useSubmit();
  const api = useReadingMutations();

  const submit = async () => {
    const errs: Errors = {};
    const finalIndex = parseWhole(v.finalIndex);
    if (finalIndex === null || Number.isNaN(finalIndex))
      errs.finalIndex = 'Chỉ số cuối của đồng hồ cũ phải là số nguyên không âm.';
    else if (finalIndex === current) errs.finalIndex = `Chỉ số cuối đang là ${fmtInt(current)}.`;
    if (!v.reason.trim()) errs.reason = 'Phải nhập lý do sửa chỉ số cuối.';
    await send(errs, 'Không sửa được chỉ số cuối.', async () => {
      await api.correctMeterReplacement({
        customerId: outgoing.customerId,
        meterId: outgoing.meterId,
        finalIndex: finalIndex as number,
        reason: v.reason.trim(),
      });
      onChanged(
        null,
        `Đã sửa chỉ số cuối đồng hồ ${outgoing.meterSerial} của ${outgoing.customerCode} thành ${fmtInt(finalIndex as number)}.`,
        true,
      );
    });
  };

  return (
    <Form onSubmit={() => void submit()}>
      <p className="text-sm text-slate-600">
        Đồng hồ cũ {outgoing.meterSerial} đã chốt ở chỉ số cuối {fmtInt(current)}; đó cũng là chỉ số kỳ này của đồng hồ
        cũ. Sửa chỉ số cuối ở đây thì chỉ số và tiêu thụ của đồng hồ cũ được tính lại theo.
      </p>
      <div className="grid grid-cols-2 gap-3">
        <TextField
          label="Chỉ số cuối đúng"
          name="finalIndex"
          inputMode="numeric"
          value={v.finalIndex}
          onChange={(e) => setV((s) => ({ ...s, finalIndex: e.target.value }))}
          error={errors.finalIndex}
          required
          disabled={disabled}
          data-autofocus=""
        />
        <TextAreaField
          label="Lý do"
          name="reason"
          rows={2}
          value={v.reason}
          onChange={(e) => setV((s) => ({ ...s, reason: e.target.value }))}
          error={errors.reason}
          required
          disabled={disabled}
        />
      </div>
      <FormFooter errors={errors} busy={busy} label="Sửa chỉ số cuối" disabled={disabled} />
    </Form>
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
  const [v, setV] = useState({
    removedOn: defaultDateIn(period),
    finalIndex: '',
    serial: '',
    initialIndex: '0',
    sealNo: '',
  });
  const { errors, busy, send } = useSubmit();
  const api = useReadingMutations();
  const already = customerRows.some((r) => r.isOutgoingMeter) || row.notices.some((n) => n.kind === 'meter_replaced');
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setV((s) => ({ ...s, [k]: e.target.value }));

  const submit = async () => {
    const errs: Errors = {};
    const finalIndex = parseWhole(v.finalIndex);
    const initialIndex = parseWhole(v.initialIndex);
    if (!v.removedOn) errs.removedOn = 'Chưa nhập ngày thay.';
    else if (v.removedOn < start || v.removedOn > end)
      errs.removedOn = `Ngày thay phải trong kỳ ${periodLabel(period)}.`;
    if (finalIndex === null || Number.isNaN(finalIndex))
      errs.finalIndex = 'Chỉ số cuối của đồng hồ cũ phải là số nguyên không âm.';
    else if (finalIndex < row.previousIndex && row.meterMaxIndex === null)
      errs.finalIndex = `Chỉ số cuối nhỏ hơn chỉ số cũ (${fmtInt(row.previousIndex)}).`;
    if (!v.serial.trim()) errs.serial = 'Chưa nhập số seri đồng hồ mới.';
    else if (v.serial.trim().toUpperCase() === row.meterSerial.toUpperCase())
      errs.serial = 'Số seri mới trùng đồng hồ đang lắp.';
    if (initialIndex === null || Number.isNaN(initialIndex))
      errs.initialIndex = 'Chỉ số đầu của đồng hồ mới phải là số nguyên không âm.';
    await send(errs, 'Không khai báo được thay đồng hồ.', async () => {
      const rows = await api.declareMeterReplacement(
        { customerId: row.customerId, period, finalIndex: finalIndex as number, removedOn: v.removedOn },
        {
          serial: v.serial.trim(),
          initialIndex: initialIndex as number,
          installedOn: v.removedOn,
          sealNo: v.sealNo.trim() || null,
        },
      );
      onChanged(
        rows,
        `Đã khai báo thay đồng hồ cho ${row.customerCode}: nhập chỉ số mới của đồng hồ ${v.serial.trim()}.`,
        true,
      );
    });
  };

  return (
    <Form onSubmit={() => void submit()}>
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
        <TextField
          label="Ngày thay"
          name="removedOn"
          type="date"
          min={start}
          max={end}
          value={v.removedOn}
          onChange={set('removedOn')}
          error={errors.removedOn}
          required
          disabled={disabled}
        />
        <TextField
          label="Chỉ số cuối đồng hồ cũ"
          name="finalIndex"
          inputMode="numeric"
          value={v.finalIndex}
          onChange={set('finalIndex')}
          error={errors.finalIndex}
          required
          disabled={disabled}
          data-autofocus=""
        />
        <TextField
          label="Số seri đồng hồ mới"
          name="serial"
          value={v.serial}
          onChange={set('serial')}
          error={errors.serial}
          required
          disabled={disabled}
        />
        <TextField
          label="Chỉ số đầu đồng hồ mới"
          name="initialIndex"
          inputMode="numeric"
          value={v.initialIndex}
          onChange={set('initialIndex')}
          error={errors.initialIndex}
          required
          disabled={disabled}
        />
        <TextField
          label="Số tem (nếu có)"
          name="sealNo"
          value={v.sealNo}
          onChange={set('sealNo')}
          error={errors.sealNo}
          disabled={disabled}
        />
      </div>
      <FormFooter errors={errors} busy={busy} label="Khai báo thay đồng hồ" disabled={disabled} />
    </Form>
  );
}

// ---------- corrected previous index

export function CorrectForm({ row, period, disabled, onChanged }: FormProps) {
  const [v, setV] = useState({
    previousIndex: String(row.previousIndex),
    currentIndex: row.currentIndex === null ? '' : String(row.currentIndex),
    reason: '',
  });
  const { errors, busy, send } = useSubmit();
  const api = useReadingMutations();
  const prev = parseWhole(v.previousIndex);
  const cur = parseWhole(v.currentIndex);
  const m3 = prev !== null && cur !== null && !Number.isNaN(prev) && !Number.isNaN(cur) ? cur - prev : null;

  const submit = async () => {
    const errs: Errors = {};
    if (prev === null || Number.isNaN(prev)) errs.previousIndex = 'Chỉ số cũ phải là số nguyên không âm.';
    else if (prev === row.previousIndex) errs.previousIndex = 'Chỉ số cũ chưa thay đổi.';
    if (cur === null) errs.currentIndex = 'Nhập chỉ số mới của kỳ cùng chỉ số cũ đã sửa.';
    else if (Number.isNaN(cur)) errs.currentIndex = 'Chỉ số mới phải là số nguyên không âm.';
    if (!v.reason.trim()) errs.reason = 'Phải nhập lý do sửa chỉ số cũ.';
    await send(errs, 'Không sửa được chỉ số cũ.', async () => {
      const updated = await api.correctPreviousIndex({
        customerId: row.customerId,
        period,
        meterId: row.meterId,
        previousIndex: prev as number,
        currentIndex: cur as number,
        reason: v.reason.trim(),
      });
      onChanged([updated], `Đã sửa chỉ số cũ của ${row.customerCode} thành ${fmtInt(prev as number)}.`, true);
    });
  };

  return (
    <Form onSubmit={() => void submit()}>
      <p className="text-sm text-slate-600">
        Lùi (sửa) chỉ số đầu kỳ khi chỉ số cũ ghi sai; lượng tiêu thụ của kỳ được tính lại từ chỉ số đã sửa. Lý do được
        lưu vào ghi chú của chỉ số.
      </p>
      <div className="grid grid-cols-2 gap-3">
        <TextField
          label={`Chỉ số cũ đúng (hiện ${fmtInt(row.previousIndex)})`}
          name="previousIndex"
          inputMode="numeric"
          value={v.previousIndex}
          onChange={(e) => setV((s) => ({ ...s, previousIndex: e.target.value }))}
          error={errors.previousIndex}
          required
          disabled={disabled}
          data-autofocus=""
        />
        <TextField
          label="Chỉ số mới của kỳ"
          name="currentIndex"
          inputMode="numeric"
          value={v.currentIndex}
          onChange={(e) => setV((s) => ({ ...s, currentIndex: e.target.value }))}
          error={errors.currentIndex}
          required
          disabled={disabled}
          hint={m3 !== null ? `Tiêu thụ: ${fmtInt(m3)} m3` : undefined}
        />
        <TextAreaField
          label="Lý do"
          name="reason"
          rows={2}
          value={v.reason}
          onChange={(e) => setV((s) => ({ ...s, reason: e.target.value }))}
          error={errors.reason}
          required
          disabled={disabled}
          className="col-span-2"
        />
      </div>
      <FormFooter errors={errors} busy={busy} label="Sửa chỉ số cũ" disabled={disabled} />
    </Form>
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
  const [code, setCode] = useState<ReadingCode>(
    estimateCodes.find((c) => c.code === row.code)?.code ?? estimateCodes[0]?.code ?? 'no_access',
  );
  const [note, setNote] = useState(row.note ?? '');
  const { errors, busy, send } = useSubmit();
  const api = useReadingMutations();

  const submit = async () => {
    await send({}, 'Không lưu được.', async () => {
      const updated = await api.saveReading({
        customerId: row.customerId,
        period,
        meterId: row.meterId,
        currentIndex: null,
        code,
        note: note.trim() || null,
        version: row.version,
      });
      onChanged(
        [updated],
        `${row.customerCode}: không đọc được đồng hồ, tính theo bình quân ${fmtInt(updated.consumption ?? row.average3)} m3.`,
        true,
      );
    });
  };

  return (
    <Form onSubmit={() => void submit()}>
      <p className="text-sm text-slate-600">
        Đồng hồ không đọc được (hoặc chỉ số không tin cậy) được tính theo bình quân 3 kỳ trước:{' '}
        <strong>{fmtInt(row.average3)} m3</strong>. Khi có chỉ số thực, phần đã tính tạm được trừ lại.
      </p>
      <div className="grid grid-cols-2 gap-3">
        <SelectField
          label="Lý do không đọc được"
          name="code"
          value={code}
          onChange={(e) => setCode(estimateCodes.find((c) => c.code === e.target.value)?.code ?? code)}
          options={estimateCodes.map((c) => ({ value: c.code, label: c.label }))}
          disabled={disabled}
        />
        <TextField
          label="Ghi chú"
          name="note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          disabled={disabled}
        />
      </div>
      <FormFooter errors={errors} busy={busy} label="Lưu: tính theo bình quân" disabled={disabled} />
    </Form>
  );
}
