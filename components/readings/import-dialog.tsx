'use client';

import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { importReadingsFile, templateUrl, type ImportResult } from './readings-import';
import { errorMessage, fmtInt, periodLabel } from './format';

const FIELD_LABELS: Record<string, string> = {
  customerCode: 'Mã KH',
  currentIndex: 'Chỉ số mới',
  code: 'Mã ghi chỉ số',
  meterSerial: 'Số seri',
  meterId: 'Đồng hồ',
  period: 'Kỳ',
  bookId: 'Sổ',
  customerId: 'Khách hàng',
};

/**
 * Nhận dữ liệu từ tệp Excel: download the template of the book and period, upload the filled file; every row
 * is checked on the server and nothing is written while a row is wrong, unless the clerk accepts the valid ones.
 */
export function ImportDialog({
  bookId,
  bookCode,
  period,
  disabledReason,
  onClose,
  onImported,
}: {
  bookId: number;
  bookCode: string;
  period: string;
  disabledReason: string | null;
  onClose: () => void;
  onImported: (result: ImportResult) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const send = async (acceptValid: boolean) => {
    if (!file) {
      setError('Chưa chọn tệp Excel.');
      return;
    }
    if (!/\.xlsx$/i.test(file.name)) {
      setError('Chỉ nhận tệp Excel .xlsx (hãy dùng mẫu tải từ màn hình này).');
      return;
    }
    if (file.size > 10 * 1024 * 1024) {
      setError('Tệp lớn hơn 10 MB.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await importReadingsFile({ file, bookId, period, acceptValid });
      setResult(r);
      if (r.applied) onImported(r);
    } catch (e) {
      setError(errorMessage(e, 'Không nhận được dữ liệu từ tệp.'));
    } finally {
      setBusy(false);
    }
  };

  const fileErrors = result?.errors.filter((e) => e.row <= 2 && e.field !== 'customerCode') ?? [];
  const canAcceptValid =
    !!result && !result.applied && result.validRows > 0 && fileErrors.length === 0 && result.errors.length > 0;

  return (
    <Dialog
      open
      size="lg"
      title={`Nhận chỉ số từ Excel – sổ ${bookCode}, kỳ ${periodLabel(period)}`}
      onClose={busy ? () => {} : onClose}
      closeOnBackdrop={false}
      data-testid="import-dialog"
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            Đóng
          </Button>
          {canAcceptValid ? (
            <Button
              variant="primary"
              onClick={() => void send(true)}
              disabled={busy || !!disabledReason}
              data-testid="import-accept-valid"
            >
              {busy ? 'Đang lưu…' : `Chỉ lưu ${fmtInt(result.validRows)} dòng hợp lệ`}
            </Button>
          ) : (
            !result?.applied && (
              <Button
                variant="primary"
                onClick={() => void send(false)}
                disabled={busy || !file || !!disabledReason}
                data-testid="import-submit"
              >
                {busy ? 'Đang kiểm tra…' : 'Kiểm tra và nhận dữ liệu'}
              </Button>
            )
          )}
        </>
      }
    >
      <ol className="mb-3 list-decimal space-y-1 pl-5 text-sm text-slate-700">
        <li>
          Tải{' '}
          <a
            href={templateUrl(bookId, period)}
            download
            className="font-medium text-brand-700 underline"
            data-testid="import-template-link"
          >
            mẫu Excel của sổ {bookCode} kỳ {periodLabel(period)}
          </a>{' '}
          (đã điền sẵn khách hàng theo Stt và chỉ số cũ).
        </li>
        <li>Nhân viên đọc điền cột “Chỉ số mới”; không đọc được thì để trống và chọn “Mã ghi chỉ số”.</li>
        <li>Chọn tệp đã điền rồi bấm “Kiểm tra và nhận dữ liệu”. Có dòng lỗi thì chưa lưu gì cả.</li>
      </ol>
      {disabledReason && (
        <p className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {disabledReason}
        </p>
      )}
      <div className="flex items-center gap-3">
        <input
          ref={inputRef}
          id="import-file-input"
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="import-file"
          disabled={busy}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setResult(null);
            setError(null);
          }}
          className="sr-only"
        />
        <Button onClick={() => inputRef.current?.click()} disabled={busy} data-testid="import-choose">
          Chọn tệp Excel…
        </Button>
        <span
          className={`truncate text-sm ${file ? 'font-medium text-slate-800' : 'text-slate-500'}`}
          data-testid="import-file-name"
        >
          {file ? `${file.name} (${Math.max(1, Math.round(file.size / 1024))} KB)` : 'Chưa chọn tệp'}
        </span>
      </div>
      {error && (
        <p
          role="alert"
          className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          data-testid="import-error"
        >
          {error}
        </p>
      )}
      {result && (
        <div className="mt-4 space-y-3" data-testid="import-result" data-applied={result.applied ? 'true' : 'false'}>
          <div className="grid grid-cols-5 gap-2 text-center text-sm">
            {[
              ['Dòng có dữ liệu', result.totalRows],
              ['Hợp lệ', result.validRows],
              ['Lỗi', result.errorRows],
              ['Để trống', result.blankRows],
              ['Đã lưu', result.saved],
            ].map(([label, n]) => (
              <div key={label} className="rounded-md border border-slate-200 bg-slate-50 px-2 py-1.5">
                <div className="text-lg font-semibold tabular-nums text-slate-900">{fmtInt(n as number)}</div>
                <div className="text-xs text-slate-500">{label}</div>
              </div>
            ))}
          </div>
          {result.applied ? (
            <p
              className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
              role="status"
            >
              Đã lưu {fmtInt(result.saved)} chỉ số
              {result.anomalies ? `, trong đó ${fmtInt(result.anomalies)} chỉ số bất thường cần duyệt` : ''}.
              {result.errors.length > 0 ? ` ${fmtInt(result.errorRows)} dòng lỗi không được lưu.` : ''}
            </p>
          ) : result.errors.length > 0 ? (
            <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              Chưa lưu dòng nào: tệp có {fmtInt(result.errors.length)} lỗi.{' '}
              {canAcceptValid
                ? 'Sửa tệp rồi nhận lại, hoặc chỉ lưu các dòng hợp lệ.'
                : fileErrors.length
                  ? 'Hãy dùng đúng mẫu của sổ và kỳ này.'
                  : ''}
            </p>
          ) : (
            <p className="text-sm text-slate-600">Tệp không có chỉ số nào để lưu.</p>
          )}
          {result.errors.length > 0 && (
            <div className="max-h-64 overflow-auto rounded-md border border-slate-200">
              <table className="w-full text-sm" data-testid="import-errors">
                <thead className="sticky top-0 bg-slate-100 text-left text-xs text-slate-600">
                  <tr>
                    <th className="px-2 py-1">Dòng</th>
                    <th className="px-2 py-1">Mã KH</th>
                    <th className="px-2 py-1">Cột</th>
                    <th className="px-2 py-1">Lý do</th>
                  </tr>
                </thead>
                <tbody>
                  {result.errors.map((e, i) => (
                    <tr key={i} className="border-t border-slate-100" data-testid="import-error-row">
                      <td className="px-2 py-1 tabular-nums">{e.row || '—'}</td>
                      <td className="px-2 py-1 font-mono text-xs">{e.customerCode ?? ''}</td>
                      <td className="px-2 py-1 text-xs">{e.field ? (FIELD_LABELS[e.field] ?? e.field) : 'Cả tệp'}</td>
                      <td className="px-2 py-1 text-red-800">{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </Dialog>
  );
}
