'use client';

import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { EnterForm, SelectField, TextAreaField, TextField } from '@/components/ui/form-field';
import { formErrorsOf } from '@/components/ui/graphql-client';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { addPeriods, periodBounds } from '@/domain/reading/period';
import { spreadOverPeriods } from '@/domain/reading/spread';
import {
  correctMeterReplacement,
  correctPreviousIndex,
  createBackBill,
  declareMeterReplacement,
  declareSuspension,
  deleteAdjustment,
  deleteSuspension,
  endSuspension,
  fetchAdjustments,
  fetchSuspensions,
  saveReading,
  spreadOwedConsumption,
  type Adjustment,
  type ReadingCodeInfo,
  type SheetRow,
  type Suspension,
} from './api';
import { errorMessage, fmtInt, fmtVnd, parseWhole, periodLabel, todayVN } from './format';
import { parsePeriodText, periodToText } from './period-picker';

export type DeclarationTab = 'replace' | 'suspend' | 'correct' | 'unread' | 'backbill' | 'spread';

const TABS: { id: DeclarationTab; label: string }[] = [
  { id: 'replace', label: 'Thay đồng hồ' },
  { id: 'suspend', label: 'Tạm dừng' },
  { id: 'correct', label: 'Sửa chỉ số cũ' },
  { id: 'unread', label: 'Không đọc được' },
  { id: 'backbill', label: 'Truy thu' },
  { id: 'spread', label: 'Phân bổ m3 nợ' },
];

type Errors = Record<string, string>;

function FormError({ errors }: { errors: Errors }) {
  const general = errors._;
  if (!general) return null;
  return (
    <p role="alert" data-testid="declare-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {general}
    </p>
  );
}

function Submit({ busy, label, disabled }: { busy: boolean; label: string; disabled?: boolean }) {
  return (
    <Button type="submit" variant="primary" disabled={busy || disabled} data-testid="declare-submit">
      {busy ? 'Đang lưu…' : label}
    </Button>
  );
}

/** The error line and the submit button closing every declaration form. */
function FormFooter({ errors, busy, label, disabled }: { errors: Errors; busy: boolean; label: string; disabled: boolean }) {
  return (
    <>
      <FormError errors={errors} />
      <div className="flex justify-end">
        <Submit busy={busy} label={label} disabled={disabled} />
      </div>
    </>
  );
}

/**
 * Errors and busy flag of a declaration form. `send` shows the form's own errors; when there are none it
 * runs `save`, and a server error lands under the fields it names (or above the button).
 */
function useSubmit() {
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const send = async (formErrors: Errors, fallback: string, save: () => Promise<void>) => {
    setErrors(formErrors);
    if (Object.keys(formErrors).length) return;
    setBusy(true);
    try {
      await save();
    } catch (e) {
      setErrors(formErrorsOf(e, fallback));
    } finally {
      setBusy(false);
    }
  };
  return { errors, busy, send };
}

/** A list under a form: its load error, a spinner while loading, `empty` when there is nothing, else the table. */
function ListSection<T>({ title, error, items, empty, children }: { title: string; error: string | null; items: T[] | null; empty: string; children: (items: T[]) => ReactNode }) {
  return (
    <section>
      <h3 className="mb-1 text-sm font-semibold text-slate-700">{title}</h3>
      {error ? (
        <p className="text-sm text-red-700">{error}</p>
      ) : items === null ? (
        <Spinner size="sm" />
      ) : items.length === 0 ? (
        <p className="text-sm text-slate-500">{empty}</p>
      ) : (
        children(items)
      )}
    </section>
  );
}

export interface DeclarationsDialogProps {
  /** The customer's current-meter row of the period (the one the clerk was on). */
  row: SheetRow;
  /** Every row of the customer in the period (two when the meter was replaced inside it). */
  customerRows: SheetRow[];
  period: string;
  codes: readonly ReadingCodeInfo[];
  initialTab?: DeclarationTab;
  /** Period locked / no right: every form is read-only with this reason. */
  readOnlyReason: string | null;
  onClose: () => void;
  /** A declaration changed the customer's rows: reload them (and the given rows if the API returned them). */
  onChanged: (rows: SheetRow[] | null, message: string, close: boolean) => void;
}

/** Khai báo for the focused customer: meter replacement, suspension, corrected previous index, unread meter, back-billing, spreading owed m3. */
export function DeclarationsDialog({ row, customerRows, period, codes, initialTab = 'replace', readOnlyReason, onClose, onChanged }: DeclarationsDialogProps) {
  const [tab, setTab] = useState<DeclarationTab>(initialTab);
  // Replaced in this period: the replacement's final index can be corrected; a second replacement is not offered.
  const outgoing = customerRows.find((r) => r.isOutgoingMeter && r.fixedCurrentIndex !== null);
  return (
    <Dialog
      open
      size="lg"
      title={
        <>
          Khai báo – <span className="font-mono text-sm text-slate-500">{row.customerCode}</span> {row.customerName}
        </>
      }
      description={`Kỳ ${periodLabel(period)} · đồng hồ ${row.meterSerial} · chỉ số cũ ${fmtInt(row.previousIndex)}`}
      onClose={onClose}
      closeOnBackdrop={false}
      data-testid="declare-dialog"
    >
      <div role="tablist" aria-label="Loại khai báo" className="-mt-1 mb-3 flex flex-wrap gap-1 border-b border-slate-200">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            data-testid={`declare-tab-${t.id}`}
            onClick={() => setTab(t.id)}
            className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${tab === t.id ? 'border-brand-600 font-medium text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      {readOnlyReason && (
        <p className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="declare-readonly">
          {readOnlyReason}
        </p>
      )}
      <div role="tabpanel">
        {tab === 'replace' && outgoing && <CorrectFinalIndexForm outgoing={outgoing} disabled={!!readOnlyReason} onChanged={onChanged} />}
        {tab === 'replace' && !outgoing && <ReplaceForm row={row} customerRows={customerRows} period={period} disabled={!!readOnlyReason} onChanged={onChanged} />}
        {tab === 'suspend' && <SuspendForm row={row} period={period} disabled={!!readOnlyReason} onChanged={onChanged} />}
        {tab === 'correct' && <CorrectForm row={row} period={period} disabled={!!readOnlyReason} onChanged={onChanged} />}
        {tab === 'unread' && <UnreadForm row={row} period={period} codes={codes} disabled={!!readOnlyReason} onChanged={onChanged} />}
        {tab === 'backbill' && <BackBillForm row={row} period={period} disabled={!!readOnlyReason} onChanged={onChanged} />}
        {tab === 'spread' && <SpreadForm row={row} period={period} disabled={!!readOnlyReason} onChanged={onChanged} />}
      </div>
    </Dialog>
  );
}

interface FormProps {
  row: SheetRow;
  period: string;
  disabled: boolean;
  onChanged: DeclarationsDialogProps['onChanged'];
}

function Form({ onSubmit, children }: { onSubmit: () => void; children: ReactNode }) {
  return (
    <EnterForm onSubmit={onSubmit} className="space-y-3">
      {children}
    </EnterForm>
  );
}

function defaultDateIn(period: string): string {
  const today = todayVN();
  const { start, end } = periodBounds(period);
  return today >= start && today <= end ? today : end;
}

// ---------- meter replacement

/** The final index declared with the replacement is the old meter's reading: it is changed here, never on the grid. */
function CorrectFinalIndexForm({ outgoing, disabled, onChanged }: { outgoing: SheetRow; disabled: boolean; onChanged: FormProps['onChanged'] }) {
  const current = outgoing.fixedCurrentIndex as number;
  const [v, setV] = useState({ finalIndex: String(current), reason: '' });
  const { errors, busy, send } = useSubmit();

  const submit = async () => {
    const errs: Errors = {};
    const finalIndex = parseWhole(v.finalIndex);
    if (finalIndex === null || Number.isNaN(finalIndex)) errs.finalIndex = 'Chỉ số cuối của đồng hồ cũ phải là số nguyên không âm.';
    else if (finalIndex === current) errs.finalIndex = `Chỉ số cuối đang là ${fmtInt(current)}.`;
    if (!v.reason.trim()) errs.reason = 'Phải nhập lý do sửa chỉ số cuối.';
    await send(errs, 'Không sửa được chỉ số cuối.', async () => {
      await correctMeterReplacement({ customerId: outgoing.customerId, meterId: outgoing.meterId, finalIndex: finalIndex as number, reason: v.reason.trim() });
      onChanged(null, `Đã sửa chỉ số cuối đồng hồ ${outgoing.meterSerial} của ${outgoing.customerCode} thành ${fmtInt(finalIndex as number)}.`, true);
    });
  };

  return (
    <Form onSubmit={() => void submit()}>
      <p className="text-sm text-slate-600">
        Đồng hồ cũ {outgoing.meterSerial} đã chốt ở chỉ số cuối {fmtInt(current)}; đó cũng là chỉ số kỳ này của đồng hồ cũ. Sửa chỉ số cuối ở đây thì chỉ số và tiêu thụ của đồng hồ cũ được tính lại theo.
      </p>
      <div className="grid grid-cols-2 gap-3">
        <TextField label="Chỉ số cuối đúng" name="finalIndex" inputMode="numeric" value={v.finalIndex} onChange={(e) => setV((s) => ({ ...s, finalIndex: e.target.value }))} error={errors.finalIndex} required disabled={disabled} data-autofocus="" />
        <TextAreaField label="Lý do" name="reason" rows={2} value={v.reason} onChange={(e) => setV((s) => ({ ...s, reason: e.target.value }))} error={errors.reason} required disabled={disabled} />
      </div>
      <FormFooter errors={errors} busy={busy} label="Sửa chỉ số cuối" disabled={disabled} />
    </Form>
  );
}

function ReplaceForm({ row, customerRows, period, disabled, onChanged }: FormProps & { customerRows: SheetRow[] }) {
  const { start, end } = periodBounds(period);
  const [v, setV] = useState({ removedOn: defaultDateIn(period), finalIndex: '', serial: '', initialIndex: '0', sealNo: '' });
  const { errors, busy, send } = useSubmit();
  const already = customerRows.some((r) => r.isOutgoingMeter) || row.notices.some((n) => n.kind === 'meter_replaced');
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement>) => setV((s) => ({ ...s, [k]: e.target.value }));

  const submit = async () => {
    const errs: Errors = {};
    const finalIndex = parseWhole(v.finalIndex);
    const initialIndex = parseWhole(v.initialIndex);
    if (!v.removedOn) errs.removedOn = 'Chưa nhập ngày thay.';
    else if (v.removedOn < start || v.removedOn > end) errs.removedOn = `Ngày thay phải trong kỳ ${periodLabel(period)}.`;
    if (finalIndex === null || Number.isNaN(finalIndex)) errs.finalIndex = 'Chỉ số cuối của đồng hồ cũ phải là số nguyên không âm.';
    else if (finalIndex < row.previousIndex && row.meterMaxIndex === null)
      errs.finalIndex = `Chỉ số cuối nhỏ hơn chỉ số cũ (${fmtInt(row.previousIndex)}).`;
    if (!v.serial.trim()) errs.serial = 'Chưa nhập số seri đồng hồ mới.';
    else if (v.serial.trim().toUpperCase() === row.meterSerial.toUpperCase()) errs.serial = 'Số seri mới trùng đồng hồ đang lắp.';
    if (initialIndex === null || Number.isNaN(initialIndex)) errs.initialIndex = 'Chỉ số đầu của đồng hồ mới phải là số nguyên không âm.';
    await send(errs, 'Không khai báo được thay đồng hồ.', async () => {
      const rows = await declareMeterReplacement(
        { customerId: row.customerId, period, finalIndex: finalIndex as number, removedOn: v.removedOn },
        { serial: v.serial.trim(), initialIndex: initialIndex as number, installedOn: v.removedOn, sealNo: v.sealNo.trim() || null },
      );
      onChanged(rows, `Đã khai báo thay đồng hồ cho ${row.customerCode}: nhập chỉ số mới của đồng hồ ${v.serial.trim()}.`, true);
    });
  };

  return (
    <Form onSubmit={() => void submit()}>
      <p className="text-sm text-slate-600">
        Đồng hồ cũ được chốt ở chỉ số cuối và tính tiền từ chỉ số cũ {fmtInt(row.previousIndex)}; đồng hồ mới tính từ chỉ số đầu. Cả hai cùng tính trong kỳ.
      </p>
      {already && <p className="rounded bg-sky-50 px-3 py-2 text-sm text-sky-800">Khách hàng đã có khai báo thay đồng hồ trong kỳ này.</p>}
      <div className="grid grid-cols-2 gap-3">
        <TextField label="Ngày thay" name="removedOn" type="date" min={start} max={end} value={v.removedOn} onChange={set('removedOn')} error={errors.removedOn} required disabled={disabled} />
        <TextField label="Chỉ số cuối đồng hồ cũ" name="finalIndex" inputMode="numeric" value={v.finalIndex} onChange={set('finalIndex')} error={errors.finalIndex} required disabled={disabled} data-autofocus="" />
        <TextField label="Số seri đồng hồ mới" name="serial" value={v.serial} onChange={set('serial')} error={errors.serial} required disabled={disabled} />
        <TextField label="Chỉ số đầu đồng hồ mới" name="initialIndex" inputMode="numeric" value={v.initialIndex} onChange={set('initialIndex')} error={errors.initialIndex} required disabled={disabled} />
        <TextField label="Số tem (nếu có)" name="sealNo" value={v.sealNo} onChange={set('sealNo')} error={errors.sealNo} disabled={disabled} />
      </div>
      <FormFooter errors={errors} busy={busy} label="Khai báo thay đồng hồ" disabled={disabled} />
    </Form>
  );
}

// ---------- suspension

function SuspendForm({ row, period, disabled, onChanged }: FormProps) {
  const [v, setV] = useState({ fromPeriod: periodToText(period), toPeriod: '', reason: '' });
  const { errors, busy, send } = useSubmit();
  const [list, setList] = useState<Suspension[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const toast = useToast();

  const load = () =>
    fetchSuspensions(row.customerId)
      .then((l) => {
        setList(l);
        setListError(null);
      })
      .catch((e: unknown) => setListError(errorMessage(e, 'Không tải được các đợt tạm dừng.')));
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [row.customerId]);

  const submit = async () => {
    const errs: Errors = {};
    const fromPeriod = parsePeriodText(v.fromPeriod);
    const toPeriod = v.toPeriod.trim() ? parsePeriodText(v.toPeriod) : null;
    if (!fromPeriod) errs.fromPeriod = 'Kỳ bắt đầu không hợp lệ (tháng/năm, ví dụ 11/2026).';
    if (v.toPeriod.trim() && !toPeriod) errs.toPeriod = 'Kỳ kết thúc không hợp lệ (tháng/năm).';
    else if (fromPeriod && toPeriod && toPeriod < fromPeriod) errs.toPeriod = 'Kỳ kết thúc phải sau kỳ bắt đầu.';
    if (!v.reason.trim()) errs.reason = 'Phải nhập lý do tạm dừng.';
    await send(errs, 'Không khai báo được tạm dừng.', async () => {
      await declareSuspension({ customerId: row.customerId, fromPeriod: fromPeriod as string, toPeriod, reason: v.reason.trim() });
      onChanged(null, `Đã khai báo tạm dừng cho ${row.customerCode} từ kỳ ${periodLabel(fromPeriod as string)}.`, true);
    });
  };

  const end = async (s: Suspension) => {
    try {
      await endSuspension(s.id, addPeriods(period, -1) >= s.fromPeriod ? addPeriods(period, -1) : s.fromPeriod);
      toast.success('Đã kết thúc đợt tạm dừng.');
      void load();
      onChanged(null, '', false);
    } catch (e) {
      toast.error(errorMessage(e, 'Không kết thúc được đợt tạm dừng.'));
    }
  };
  const remove = async (s: Suspension) => {
    try {
      await deleteSuspension(s.id);
      toast.success('Đã xóa đợt tạm dừng.');
      void load();
      onChanged(null, '', false);
    } catch (e) {
      toast.error(errorMessage(e, 'Không xóa được đợt tạm dừng.'));
    }
  };

  return (
    <div className="space-y-4">
      <Form onSubmit={() => void submit()}>
        <p className="text-sm text-slate-600">Khách hàng tạm dừng sử dụng nước không bị tính hóa đơn trong các kỳ tạm dừng; hợp đồng vẫn giữ nguyên.</p>
        <div className="grid grid-cols-2 gap-3">
          <TextField label="Từ kỳ (tháng/năm)" name="fromPeriod" placeholder="tt/nnnn" value={v.fromPeriod} onChange={(e) => setV((s) => ({ ...s, fromPeriod: e.target.value }))} error={errors.fromPeriod} required disabled={disabled} />
          <TextField
            label="Đến kỳ (để trống: chưa xác định)"
            name="toPeriod"
            placeholder="tt/nnnn"
            value={v.toPeriod}
            onChange={(e) => setV((s) => ({ ...s, toPeriod: e.target.value }))}
            error={errors.toPeriod}
            disabled={disabled}
          />
          <TextAreaField label="Lý do" name="reason" rows={2} value={v.reason} onChange={(e) => setV((s) => ({ ...s, reason: e.target.value }))} error={errors.reason} required disabled={disabled} className="col-span-2" />
        </div>
        <FormFooter errors={errors} busy={busy} label="Khai báo tạm dừng" disabled={disabled} />
      </Form>
      <ListSection title="Các đợt tạm dừng" error={listError} items={list} empty="Chưa có đợt tạm dừng nào.">
        {(list) => (
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-xs text-slate-500">
                <th className="py-1">Từ kỳ</th>
                <th className="py-1">Đến kỳ</th>
                <th className="py-1">Lý do</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.id} className="border-t border-slate-100">
                  <td className="py-1">{periodLabel(s.fromPeriod)}</td>
                  <td className="py-1">{s.toPeriod ? periodLabel(s.toPeriod) : 'chưa xác định'}</td>
                  <td className="py-1">{s.reason}</td>
                  <td className="py-1 text-right">
                    {!s.toPeriod && (
                      <Button size="sm" variant="ghost" disabled={disabled} onClick={() => void end(s)} title="Dùng nước lại từ kỳ đang nhập">
                        Kết thúc
                      </Button>
                    )}
                    <Button size="sm" variant="ghost" disabled={disabled} onClick={() => void remove(s)}>
                      Xóa
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ListSection>
    </div>
  );
}

// ---------- corrected previous index

function CorrectForm({ row, period, disabled, onChanged }: FormProps) {
  const [v, setV] = useState({ previousIndex: String(row.previousIndex), currentIndex: row.currentIndex === null ? '' : String(row.currentIndex), reason: '' });
  const { errors, busy, send } = useSubmit();
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
      const updated = await correctPreviousIndex({
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
      <p className="text-sm text-slate-600">Lùi (sửa) chỉ số đầu kỳ khi chỉ số cũ ghi sai; lượng tiêu thụ của kỳ được tính lại từ chỉ số đã sửa. Lý do được lưu vào ghi chú của chỉ số.</p>
      <div className="grid grid-cols-2 gap-3">
        <TextField label={`Chỉ số cũ đúng (hiện ${fmtInt(row.previousIndex)})`} name="previousIndex" inputMode="numeric" value={v.previousIndex} onChange={(e) => setV((s) => ({ ...s, previousIndex: e.target.value }))} error={errors.previousIndex} required disabled={disabled} data-autofocus="" />
        <TextField label="Chỉ số mới của kỳ" name="currentIndex" inputMode="numeric" value={v.currentIndex} onChange={(e) => setV((s) => ({ ...s, currentIndex: e.target.value }))} error={errors.currentIndex} required disabled={disabled} hint={m3 !== null ? `Tiêu thụ: ${fmtInt(m3)} m3` : undefined} />
        <TextAreaField label="Lý do" name="reason" rows={2} value={v.reason} onChange={(e) => setV((s) => ({ ...s, reason: e.target.value }))} error={errors.reason} required disabled={disabled} className="col-span-2" />
      </div>
      <FormFooter errors={errors} busy={busy} label="Sửa chỉ số cũ" disabled={disabled} />
    </Form>
  );
}

// ---------- unread meter

function UnreadForm({ row, period, codes, disabled, onChanged }: FormProps & { codes: readonly ReadingCodeInfo[] }) {
  const estimateCodes = codes.filter((c) => c.requiresEstimate);
  const [code, setCode] = useState(estimateCodes.some((c) => c.code === row.code) ? row.code : (estimateCodes[0]?.code ?? 'no_access'));
  const [note, setNote] = useState(row.note ?? '');
  const { errors, busy, send } = useSubmit();

  const submit = async () => {
    await send({}, 'Không lưu được.', async () => {
      const updated = await saveReading({ customerId: row.customerId, period, meterId: row.meterId, currentIndex: null, code, note: note.trim() || null, version: row.version });
      onChanged([updated], `${row.customerCode}: không đọc được đồng hồ, tính theo bình quân ${fmtInt(updated.consumption ?? row.average3)} m3.`, true);
    });
  };

  return (
    <Form onSubmit={() => void submit()}>
      <p className="text-sm text-slate-600">
        Đồng hồ không đọc được (hoặc chỉ số không tin cậy) được tính theo bình quân 3 kỳ trước: <strong>{fmtInt(row.average3)} m3</strong>. Khi có chỉ số thực, phần đã tính tạm được trừ lại.
      </p>
      <div className="grid grid-cols-2 gap-3">
        <SelectField label="Lý do không đọc được" name="code" value={code} onChange={(e) => setCode(e.target.value)} options={estimateCodes.map((c) => ({ value: c.code, label: c.label }))} disabled={disabled} />
        <TextField label="Ghi chú" name="note" value={note} onChange={(e) => setNote(e.target.value)} disabled={disabled} />
      </div>
      <FormFooter errors={errors} busy={busy} label="Lưu: tính theo bình quân" disabled={disabled} />
    </Form>
  );
}

// ---------- adjustments list (back-billing and spreading)

function AdjustmentsList({ customerId, kinds, disabled, nonce, onChanged }: { customerId: number; kinds: string[]; disabled: boolean; nonce: number; onChanged: () => void }) {
  const [list, setList] = useState<Adjustment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let alive = true;
    fetchAdjustments(customerId)
      .then((l) => alive && (setList(l), setError(null)))
      .catch((e: unknown) => alive && setError(errorMessage(e, 'Không tải được các khoản điều chỉnh.')));
    return () => {
      alive = false;
    };
  }, [customerId, nonce, reload]);
  const rows = (list ?? []).filter((a) => kinds.includes(a.kind));
  const remove = async (a: Adjustment) => {
    try {
      const n = await deleteAdjustment(a.id, a.kind === 'spread');
      toast.success(n > 1 ? `Đã xóa ${n} kỳ phân bổ.` : 'Đã xóa khoản điều chỉnh.');
      setReload((r) => r + 1);
      onChanged();
    } catch (e) {
      toast.error(errorMessage(e, 'Không xóa được.'));
    }
  };
  return (
    <ListSection title="Đã khai báo" error={error} items={list === null ? null : rows} empty="Chưa có.">
      {(rows) => (
        <table className="w-full text-sm" data-testid="adjustments-table">
          <thead>
            <tr className="text-left text-xs text-slate-500">
              <th className="py-1">Kỳ tính</th>
              <th className="py-1">Theo giá kỳ</th>
              <th className="py-1 text-right">m3 / tiền</th>
              <th className="py-1 pl-3">Lý do</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id} className="border-t border-slate-100">
                <td className="py-1">{periodLabel(a.billPeriod)}</td>
                <td className="py-1">{periodLabel(a.tariffPeriod)}</td>
                <td className="py-1 text-right tabular-nums">{a.quantity !== null ? `${fmtInt(a.quantity)} m3` : fmtVnd(a.amount)}</td>
                <td className="py-1 pl-3">{a.reason}</td>
                <td className="py-1 text-right">
                  <Button size="sm" variant="ghost" disabled={disabled} onClick={() => void remove(a)} title={a.kind === 'spread' ? 'Xóa cả đợt phân bổ' : 'Xóa'}>
                    Xóa
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ListSection>
  );
}

// ---------- back-billing

function BackBillForm({ row, period, disabled, onChanged }: FormProps) {
  const [v, setV] = useState({ tariffPeriod: periodToText(addPeriods(period, -1)), billPeriod: periodToText(period), mode: 'm3' as 'm3' | 'amount', value: '', reason: '' });
  const { errors, busy, send } = useSubmit();
  const [nonce, setNonce] = useState(0);

  const submit = async () => {
    const errs: Errors = {};
    const n = parseWhole(v.value);
    const tariffPeriod = parsePeriodText(v.tariffPeriod);
    const billPeriod = parsePeriodText(v.billPeriod);
    if (!tariffPeriod) errs.tariffPeriod = 'Kỳ truy thu không hợp lệ (tháng/năm).';
    if (!billPeriod) errs.billPeriod = 'Kỳ tính hóa đơn không hợp lệ (tháng/năm).';
    else if (tariffPeriod && tariffPeriod > billPeriod) errs.tariffPeriod = 'Kỳ truy thu phải trước kỳ tính hóa đơn.';
    if (n === null || Number.isNaN(n) || n <= 0) errs.value = v.mode === 'm3' ? 'Số m3 truy thu phải là số nguyên dương.' : 'Số tiền truy thu phải là số nguyên dương (đồng).';
    if (!v.reason.trim()) errs.reason = 'Phải nhập lý do truy thu.';
    await send(errs, 'Không khai báo được truy thu.', async () => {
      await createBackBill({
        customerId: row.customerId,
        tariffPeriod: tariffPeriod as string,
        billPeriod: billPeriod as string,
        quantity: v.mode === 'm3' ? (n as number) : null,
        amount: v.mode === 'amount' ? (n as number) : null,
        reason: v.reason.trim(),
      });
      setNonce((x) => x + 1);
      setV((s) => ({ ...s, value: '', reason: '' }));
      onChanged(null, `Đã khai báo truy thu cho ${row.customerCode}: tính vào hóa đơn kỳ ${periodLabel(billPeriod as string)} theo giá kỳ ${periodLabel(tariffPeriod as string)}.`, false);
    });
  };

  return (
    <div className="space-y-4">
      <Form onSubmit={() => void submit()}>
        <p className="text-sm text-slate-600">Truy thu nước đã dùng nhưng chưa tính tiền: theo m3 (tính theo biểu giá của kỳ truy thu) hoặc theo số tiền nước trước thuế; lập thành hóa đơn truy thu riêng.</p>
        <div className="grid grid-cols-2 gap-3">
          <TextField label="Kỳ truy thu (giá áp dụng, tháng/năm)" name="tariffPeriod" placeholder="tt/nnnn" value={v.tariffPeriod} onChange={(e) => setV((s) => ({ ...s, tariffPeriod: e.target.value }))} error={errors.tariffPeriod} required disabled={disabled} />
          <TextField label="Tính vào hóa đơn kỳ (tháng/năm)" name="billPeriod" placeholder="tt/nnnn" value={v.billPeriod} onChange={(e) => setV((s) => ({ ...s, billPeriod: e.target.value }))} error={errors.billPeriod} required disabled={disabled} />
          <SelectField
            label="Truy thu theo"
            name="mode"
            value={v.mode}
            onChange={(e) => setV((s) => ({ ...s, mode: e.target.value as 'm3' | 'amount' }))}
            options={[
              { value: 'm3', label: 'Số m3' },
              { value: 'amount', label: 'Số tiền (đồng, trước thuế)' },
            ]}
            disabled={disabled}
          />
          <TextField label={v.mode === 'm3' ? 'Số m3' : 'Số tiền (đồng)'} name="value" inputMode="numeric" value={v.value} onChange={(e) => setV((s) => ({ ...s, value: e.target.value }))} error={errors.value ?? errors.quantity ?? errors.amount} required disabled={disabled} hint={v.mode === 'amount' && parseWhole(v.value) ? fmtVnd(parseWhole(v.value)) : undefined} />
          <TextAreaField label="Lý do" name="reason" rows={2} value={v.reason} onChange={(e) => setV((s) => ({ ...s, reason: e.target.value }))} error={errors.reason} required disabled={disabled} className="col-span-2" />
        </div>
        <FormFooter errors={errors} busy={busy} label="Khai báo truy thu" disabled={disabled} />
      </Form>
      <AdjustmentsList customerId={row.customerId} kinds={['backbill_m3', 'backbill_amount']} disabled={disabled} nonce={nonce} onChanged={() => onChanged(null, '', false)} />
    </div>
  );
}

// ---------- spreading owed m3

function SpreadForm({ row, period, disabled, onChanged }: FormProps) {
  const [v, setV] = useState({ quantity: '', firstPeriod: periodToText(period), periods: '3', reason: '' });
  const { errors, busy, send } = useSubmit();
  const [nonce, setNonce] = useState(0);
  const qty = parseWhole(v.quantity);
  const n = parseWhole(v.periods);
  const firstPeriod = parsePeriodText(v.firstPeriod);
  const preview = useMemo(() => {
    if (qty === null || n === null || Number.isNaN(qty) || Number.isNaN(n) || qty <= 0 || n < 1 || n > 36 || !firstPeriod) return null;
    return spreadOverPeriods(qty, firstPeriod, n);
  }, [qty, n, firstPeriod]);

  const submit = async () => {
    const errs: Errors = {};
    if (qty === null || Number.isNaN(qty) || qty <= 0) errs.quantity = 'Số m3 cần phân bổ phải là số nguyên dương.';
    if (n === null || Number.isNaN(n) || n < 1 || n > 36) errs.periods = 'Số kỳ phân bổ phải từ 1 đến 36.';
    if (!firstPeriod) errs.firstPeriod = 'Kỳ bắt đầu không hợp lệ (tháng/năm).';
    if (!v.reason.trim()) errs.reason = 'Phải nhập lý do.';
    await send(errs, 'Không phân bổ được.', async () => {
      const parts = await spreadOwedConsumption({ customerId: row.customerId, quantity: qty as number, firstPeriod: firstPeriod as string, periods: n as number, reason: v.reason.trim() });
      setNonce((x) => x + 1);
      setV((s) => ({ ...s, quantity: '', reason: '' }));
      onChanged(null, `Đã phân bổ ${fmtInt(qty as number)} m3 nợ của ${row.customerCode} vào ${parts.length} kỳ.`, false);
    });
  };

  return (
    <div className="space-y-4">
      <Form onSubmit={() => void submit()}>
        <p className="text-sm text-slate-600">Lượng m3 còn nợ (ví dụ sau khi đồng hồ kẹt số) được chia đều vào các kỳ tới và cộng vào hóa đơn thường của từng kỳ; các kỳ đầu nhận phần dư.</p>
        <div className="grid grid-cols-3 gap-3">
          <TextField label="Số m3 nợ" name="quantity" inputMode="numeric" value={v.quantity} onChange={(e) => setV((s) => ({ ...s, quantity: e.target.value }))} error={errors.quantity} required disabled={disabled} data-autofocus="" />
          <TextField label="Từ kỳ (tháng/năm)" name="firstPeriod" placeholder="tt/nnnn" value={v.firstPeriod} onChange={(e) => setV((s) => ({ ...s, firstPeriod: e.target.value }))} error={errors.firstPeriod} required disabled={disabled} />
          <TextField label="Số kỳ" name="periods" inputMode="numeric" value={v.periods} onChange={(e) => setV((s) => ({ ...s, periods: e.target.value }))} error={errors.periods} required disabled={disabled} />
          <TextAreaField label="Lý do" name="reason" rows={2} value={v.reason} onChange={(e) => setV((s) => ({ ...s, reason: e.target.value }))} error={errors.reason} required disabled={disabled} className="col-span-3" />
        </div>
        {preview && (
          <p className="text-xs text-slate-600" data-testid="spread-preview">
            {preview.map((p) => `${periodLabel(p.period)}: ${fmtInt(p.quantity)} m3`).join(' · ')}
          </p>
        )}
        <FormFooter errors={errors} busy={busy} label="Phân bổ" disabled={disabled} />
      </Form>
      <AdjustmentsList customerId={row.customerId} kinds={['spread']} disabled={disabled} nonce={nonce} onChanged={() => onChanged(null, '', false)} />
    </div>
  );
}

