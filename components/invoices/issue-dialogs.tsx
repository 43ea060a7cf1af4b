'use client';

import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { periodToText } from '@/components/readings/period-picker';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { apiError, errorMessage } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { usePolling } from '@/lib/graphql/use-polling';
import { fmtInt } from './invoice-format';
import { canOnInvoices, type InvoiceRights } from './invoice-rights';
import {
  INVOICE_TYPENAMES,
  IssueInvoicesMutation,
  IssueJobFragment,
  IssueJobQuery,
  StartCompanyIssueMutation,
  type InvoiceBook,
  type IssueJob,
  type IssueResult,
} from './invoices.documents';

/** "Đã phát hành 120 hóa đơn, ký hiệu 1C26TAA số 1–120; 3 hóa đơn cần tính lại chưa phát hành." */
function issueSummary(r: IssueResult): string {
  const parts = [
    r.issued === 0
      ? 'Không có hóa đơn nháp nào được phát hành'
      : `Đã phát hành ${fmtInt(r.issued)} hóa đơn` +
        (r.series && r.firstNumber !== null && r.lastNumber !== null
          ? `, ký hiệu ${r.series} số ${fmtInt(r.firstNumber)}–${fmtInt(r.lastNumber)}`
          : ''),
  ];
  if (r.blocked > 0) parts.push(`${fmtInt(r.blocked)} hóa đơn cần tính lại chưa phát hành`);
  return `${parts.join('; ')}.`;
}

/**
 * "Phát hành" (F9): numbers the drafts of the chosen books for the period. The current book's counts come from the
 * grid; other books the user may issue can be ticked too.
 */
export function IssueDialog({
  rights,
  books,
  bookId,
  period,
  drafts,
  blocked,
  onClose,
  onIssued,
}: {
  rights: InvoiceRights;
  books: readonly InvoiceBook[];
  bookId: number;
  period: string;
  /** Drafts of the current book that will be numbered. */
  drafts: number;
  /** Drafts of the current book left out because they need recalculation. */
  blocked: number;
  onClose: () => void;
  onIssued: (r: IssueResult) => void;
}) {
  const toast = useToast();
  const [chosen, setChosen] = useState<ReadonlySet<number>>(() => new Set([bookId]));
  const [error, setError] = useState<string | null>(null);
  const [state, issue] = useMutation(IssueInvoicesMutation);
  const others = books.filter((b) => b.id !== bookId && canOnInvoices(rights, b.id, 'add'));
  const current = books.find((b) => b.id === bookId);

  const toggle = (id: number) =>
    setChosen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const confirm = async () => {
    if (state.fetching) return;
    if (chosen.size === 0) return setError('Chọn ít nhất một sổ đọc.');
    setError(null);
    const result = await issue({ input: { period, bookIds: [...chosen] } }, INVOICE_TYPENAMES);
    if (result.error || !result.data) {
      setError(apiError(result.error, 'Không phát hành được hóa đơn.').message);
      return;
    }
    const r = result.data.issueInvoices;
    if (r.issued > 0) toast.success(issueSummary(r));
    else toast.info(issueSummary(r));
    onIssued(r);
  };

  return (
    <Dialog
      open
      title="Phát hành hóa đơn"
      description={`Kỳ ${periodToText(period)} — hóa đơn được đánh số liên tục theo ký hiệu mặc định của năm.`}
      onClose={state.fetching ? () => {} : onClose}
      onSave={() => void confirm()}
      role="alertdialog"
      initialFocus="[data-issue-ok]"
      data-testid="issue-dialog"
      footer={
        <>
          <Button onClick={onClose} disabled={state.fetching}>
            Đóng
          </Button>
          <Button
            variant="primary"
            data-issue-ok=""
            data-testid="issue-confirm"
            onClick={() => void confirm()}
            disabled={state.fetching}
          >
            {state.fetching ? 'Đang phát hành…' : 'Phát hành'}
          </Button>
        </>
      }
    >
      <div className="space-y-3 text-sm">
        <p data-testid="issue-counts">
          Sổ <strong>{current ? `${current.code} – ${current.name}` : `#${bookId}`}</strong>:{' '}
          <strong>{fmtInt(drafts)}</strong> hóa đơn nháp sẽ được phát hành
          {blocked > 0 && (
            <>
              ; <strong className="text-amber-800">{fmtInt(blocked)}</strong> hóa đơn cần tính lại sẽ bị giữ lại
            </>
          )}
          .
        </p>
        <p className="text-slate-600">Hóa đơn đã phát hành không sửa được nữa: chỉ hủy, thay thế hoặc điều chỉnh.</p>
        {others.length > 0 && (
          <fieldset>
            <legend className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
              Phát hành cùng các sổ khác
            </legend>
            <div className="grid max-h-40 grid-cols-2 gap-1 overflow-auto">
              {others.map((b) => (
                <label key={b.id} className="inline-flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={chosen.has(b.id)}
                    onChange={() => toggle(b.id)}
                    className="h-4 w-4 accent-brand-600"
                  />
                  {b.code} – {b.name}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-700" data-testid="issue-error">
            {error}
          </p>
        )}
      </div>
    </Dialog>
  );
}

const POLL_MS = 1000;
const isActive = (s: IssueJob['status'] | undefined) => s === 'QUEUED' || s === 'RUNNING';

/**
 * "Phát hành toàn công ty": a job on the queue that issues every book the user may issue, book by book; its
 * progress is polled while it runs and the grid refreshes when it ends.
 */
export function useCompanyIssue(onFinished: () => void) {
  const toast = useToast();
  const [jobId, setJobId] = useState<number | null>(null);
  const [startState, start] = useMutation(StartCompanyIssueMutation);
  const [jobResult, refresh] = useQuery({ query: IssueJobQuery, variables: { id: jobId ?? 0 }, pause: jobId === null });
  const job = jobResult.data ? readFragment(IssueJobFragment, jobResult.data.invoiceIssueJob) : null;
  const current = job && job.id === jobId ? job : null;
  const running = isActive(current?.status) || (jobId !== null && !current);
  usePolling(refresh, jobId !== null && running ? POLL_MS : null);

  const last = useRef<IssueJob['status'] | null>(null);
  useEffect(() => {
    if (!current) return;
    const before = last.current;
    last.current = current.status;
    if (!isActive(before ?? undefined) || isActive(current.status)) return;
    if (current.status === 'DONE')
      toast.success(
        `Đã phát hành toàn công ty kỳ ${periodToText(current.period)}: ${fmtInt(current.issued)} hóa đơn, ${fmtInt(current.doneBooks)} sổ.`,
      );
    else toast.error(`Phát hành toàn công ty bị lỗi: ${current.error ?? 'không rõ nguyên nhân'}.`);
    onFinished();
  }, [current, toast, onFinished]);

  const begin = async (period: string) => {
    if (startState.fetching || (current && isActive(current.status))) return;
    const r = await start({ period }, INVOICE_TYPENAMES);
    if (r.error || !r.data) return void toast.error(errorMessage(r.error, 'Không bắt đầu được.'));
    const started = readFragment(IssueJobFragment, r.data.startCompanyInvoiceIssue);
    last.current = started.status;
    setJobId(started.id);
  };

  return { job: current, running: !!current && isActive(current.status), starting: startState.fetching, begin };
}
