'use client';

import { useRef, useState } from 'react';
import { fmtInt, fmtVnd } from '@/components/readings/format';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import {
  STATEMENT_MAX_BYTES,
  uploadStatement,
  type StatementImportResult,
  type UploadProgress,
} from './bank-statement-upload';

/**
 * Nhập sao kê ngân hàng: an Excel (.xlsx) or CSV statement of the company's receiving account. Its credits are
 * matched by payment code like the bank's notifications; what the notifications already brought is a duplicate,
 * so a statement can be imported at the end of each day without double payments.
 */
export function BankStatementDialog({
  onClose,
  onImported,
}: {
  onClose: () => void;
  onImported: (result: StatementImportResult) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<StatementImportResult | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const busy = progress !== null;

  const send = async () => {
    if (busy) return;
    if (!file) return void setError('Chưa chọn tệp sao kê.');
    if (!/\.(xlsx|csv)$/i.test(file.name)) return void setError('Chỉ nhận tệp Excel (.xlsx) hoặc CSV.');
    if (file.size > STATEMENT_MAX_BYTES) return void setError('Tệp lớn hơn 10 MB: hãy chia thành nhiều tệp.');
    setError(null);
    setResult(null);
    try {
      const r = await uploadStatement(file, setProgress);
      setResult(r);
      onImported(r);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Không nhận được sao kê.');
    } finally {
      setProgress(null);
    }
  };

  return (
    <Dialog
      open
      size="lg"
      title="Nhập sao kê ngân hàng"
      description="Tệp Excel (.xlsx) hoặc CSV tải từ ngân hàng, của tài khoản nhận tiền nước."
      onClose={busy ? () => {} : onClose}
      onSave={() => void send()}
      closeOnBackdrop={false}
      data-testid="bank-statement-dialog"
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            Đóng
          </Button>
          <Button
            variant="primary"
            onClick={() => void send()}
            disabled={busy || !file}
            shortcut="Alt+S"
            data-testid="bank-statement-submit"
          >
            {busy ? 'Đang nhập…' : 'Nhập và đối chiếu'}
          </Button>
        </>
      }
    >
      <ul className="mb-3 list-disc space-y-1 pl-5 text-sm text-slate-700">
        <li>
          Cần các cột Ngày giao dịch, Số tham chiếu, Số tiền ghi có (hoặc Số tiền) và Nội dung; tên cột tiếng Việt hoặc
          tiếng Anh đều được.
        </li>
        <li>
          Giao dịch có mã thanh toán “TN mã khách hàng kỳ” được ghi thu ngay; giao dịch khác vào danh sách chờ xử lý.
        </li>
        <li>Giao dịch đã nhận qua báo có của ngân hàng hoặc sao kê trước được bỏ qua (trùng), không thu hai lần.</li>
      </ul>
      <div className="flex items-center gap-3">
        <input
          ref={inputRef}
          type="file"
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="bank-statement-file"
          disabled={busy}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setResult(null);
            setError(null);
          }}
          className="sr-only"
        />
        <Button
          onClick={() => inputRef.current?.click()}
          disabled={busy}
          data-autofocus=""
          data-testid="bank-statement-choose"
        >
          Chọn tệp sao kê…
        </Button>
        <span className={`truncate text-sm ${file ? 'font-medium text-slate-800' : 'text-slate-500'}`}>
          {file ? `${file.name} (${Math.max(1, Math.round(file.size / 1024))} KB)` : 'Chưa chọn tệp'}
        </span>
      </div>
      {progress && (
        <div className="mt-4 space-y-1" data-testid="bank-statement-progress">
          {progress.phase === 'uploading' ? (
            <>
              <progress
                max={100}
                value={progress.percent}
                aria-label="Tiến độ tải tệp lên"
                className="h-2 w-full overflow-hidden rounded"
              />
              <div className="text-xs text-slate-600">Đang tải tệp lên… {progress.percent}%</div>
            </>
          ) : (
            <>
              <progress aria-label="Đang đối chiếu" className="h-2 w-full overflow-hidden rounded" />
              <Spinner size="sm" label="Đang đọc và đối chiếu từng giao dịch…" />
            </>
          )}
        </div>
      )}
      {error && (
        <p
          role="alert"
          className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          data-testid="bank-statement-error"
        >
          {error}
        </p>
      )}
      {result && <StatementResult result={result} />}
    </Dialog>
  );
}

function StatementResult({ result }: { result: StatementImportResult }) {
  const tiles: [string, number, string | null, string][] = [
    ['Ghi thu tự động', result.matched, fmtVnd(result.matchedAmount), 'matched'],
    ['Chờ xử lý', result.suspense, fmtVnd(result.suspenseAmount), 'suspense'],
    ['Trùng (đã nhận)', result.duplicate, null, 'duplicate'],
    ['Bị từ chối', result.rejected, null, 'rejected'],
    ['Ghi nợ, bỏ qua', result.skippedDebits, null, 'debits'],
  ];
  return (
    <div className="mt-4 space-y-3" data-testid="bank-statement-result" role="status">
      <p className="text-sm text-slate-700">
        Sao kê tài khoản <span className="font-mono">{result.account}</span>: {fmtInt(result.lines)} giao dịch ghi có.
      </p>
      <div className="grid grid-cols-5 gap-2 text-center text-sm">
        {tiles.map(([label, n, money, key]) => (
          <div
            key={key}
            className="rounded-md border border-slate-200 bg-slate-50 px-2 py-1.5"
            data-testid={`bank-statement-${key}`}
          >
            <div className="text-lg font-semibold tabular-nums text-slate-900">{fmtInt(n)}</div>
            <div className="text-xs text-slate-500">{label}</div>
            {money && n > 0 && <div className="text-xs tabular-nums text-slate-700">{money}</div>}
          </div>
        ))}
      </div>
      {result.rejections.length > 0 && (
        <div className="max-h-48 overflow-auto rounded-md border border-amber-200">
          <table className="w-full text-left text-xs" data-testid="bank-statement-rejections">
            <thead className="sticky top-0 bg-amber-50 text-amber-900">
              <tr>
                <th className="px-2 py-1 font-medium">Dòng</th>
                <th className="px-2 py-1 font-medium">Số tham chiếu</th>
                <th className="px-2 py-1 font-medium">Lý do</th>
              </tr>
            </thead>
            <tbody>
              {result.rejections.map((r) => (
                <tr key={`${r.row}-${r.externalId ?? ''}`} className="border-t border-amber-100">
                  <td className="px-2 py-1 tabular-nums">{r.row}</td>
                  <td className="px-2 py-1 font-mono">{r.externalId ?? '—'}</td>
                  <td className="px-2 py-1">{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.rejected > result.rejections.length && (
            <p className="px-2 py-1 text-xs text-amber-900">
              … và {fmtInt(result.rejected - result.rejections.length)} dòng khác.
            </p>
          )}
        </div>
      )}
    </div>
  );
}
