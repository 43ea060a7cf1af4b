'use client';

import { useEffect, useRef, useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { useToast } from '@/components/ui/toast';
import { fmtInt, fmtVnd, periodLabel } from '@/components/readings/format';
import { errorMessage } from '@/lib/graphql/errors';
import { usePolling } from '@/lib/graphql/use-polling';
import { canRun, type BillingRights, type ScopeChoice } from './billing-rights';
import {
  BillingRunQuery,
  CustomerByCodeQuery,
  readRun,
  ResumeBillingRunMutation,
  RUN_TYPENAMES,
  StartBillingRunMutation,
  type BillingBook,
  type BillingRun,
} from './billing.documents';

/** How often a queued or running run's progress is asked for. */
const POLL_MS = 600;

const isActive = (status: string | undefined) => status === 'QUEUED' || status === 'RUNNING';

export interface RunChoice {
  period: string;
  scope: ScopeChoice;
  bookId: number | null;
  bookIds: ReadonlySet<number>;
  customerCode: string;
}

/**
 * The run shown in the panel: started here, resumed, or picked from the history. Its progress is polled through
 * the cache while it is queued or running; the history is refreshed (`onFinished`) when it ends.
 */
export function useBillingRun(rights: BillingRights, books: readonly BillingBook[], onFinished: () => void) {
  const toast = useToast();
  const client = useClient();
  // The run as last known (a history row or a mutation's answer), shown until the poll answers for it.
  const [picked, setPicked] = useState<BillingRun | null>(null);
  const [customerNames, setCustomerNames] = useState<Record<number, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [runResult, refreshRun] = useQuery({
    query: BillingRunQuery,
    variables: { id: picked?.id ?? 0 },
    pause: picked === null,
  });
  const [startState, startRun] = useMutation(StartBillingRunMutation);
  const [resumeState, resumeRun] = useMutation(ResumeBillingRunMutation);

  const polled = readRun(runResult.data?.billingRun);
  // urql keeps the previous run's data while the next one loads: only an answer about the picked run counts.
  const run = picked && polled?.id === picked.id ? polled : picked;
  const running = isActive(run?.status);
  usePolling(refreshRun, running ? POLL_MS : null);

  // Runs on every answer; only the move of one run from queued/running to an end state (against `last`) reports.
  const last = useRef<{ id: number; status: string } | null>(null);
  useEffect(() => {
    if (!run) return;
    const before = last.current;
    last.current = { id: run.id, status: run.status };
    if (before?.id !== run.id || !isActive(before.status) || isActive(run.status)) return;
    if (run.status === 'DONE')
      toast.success(
        `Đã tính xong kỳ ${periodLabel(run.period)}: ${fmtInt(run.invoiceCount)} hóa đơn, ${fmtVnd(run.amount)}.`,
      );
    else toast.error(`Lần tính #${run.id} bị lỗi: ${run.error ?? 'không rõ nguyên nhân'}.`);
    onFinished();
  }, [run, toast, onFinished]);

  const bookCode = (id: number) => books.find((b) => b.id === id)?.code ?? `#${id}`;

  const start = async (c: RunChoice) => {
    if (running || startState.fetching) return;
    setFormError(null);
    let scope: { kind: 'all' | 'books' | 'customer'; bookIds?: number[]; customerId?: number };
    let label = '';
    if (c.scope === 'book') {
      if (c.bookId === null) return setFormError('Chọn sổ đọc.');
      if (!canRun(rights, c.bookId)) return setFormError('Bạn không có quyền tính hóa đơn sổ này.');
      scope = { kind: 'books', bookIds: [c.bookId] };
      label = `sổ ${bookCode(c.bookId)}`;
    } else if (c.scope === 'books') {
      const ids = [...c.bookIds];
      if (ids.length === 0) return setFormError('Chọn ít nhất một sổ đọc.');
      const refused = ids.filter((id) => !canRun(rights, id));
      if (refused.length)
        return setFormError(`Bạn không có quyền tính hóa đơn sổ ${refused.map(bookCode).join(', ')}.`);
      scope = { kind: 'books', bookIds: ids };
      label = `${ids.length} sổ`;
    } else if (c.scope === 'all') {
      scope = { kind: 'all' };
      label = 'toàn công ty';
    } else {
      const code = c.customerCode.trim().toUpperCase();
      if (!code) return setFormError('Nhập mã khách hàng cần tính lại.');
      const found = await client
        .query(CustomerByCodeQuery, { query: code }, { requestPolicy: 'network-only' })
        .toPromise();
      if (found.error) return setFormError(errorMessage(found.error, 'Không tìm được khách hàng.'));
      const hit = found.data?.searchCustomers.find((h) => h.code.toUpperCase() === code);
      if (!hit) return setFormError(`Không tìm thấy khách hàng mã ${code} trong các sổ bạn được giao.`);
      if (!canRun(rights, hit.bookId, 'edit'))
        return setFormError(`Bạn không có quyền tính lại hóa đơn sổ ${hit.bookCode}.`);
      setCustomerNames((m) => ({ ...m, [hit.id]: `${hit.code} – ${hit.name}` }));
      scope = { kind: 'customer', customerId: hit.id };
      label = `khách hàng ${hit.code}`;
    }
    const result = await startRun({ input: { period: c.period, scope } }, RUN_TYPENAMES);
    const started = readRun(result.data?.startBillingRun);
    if (!started) return setFormError(errorMessage(result.error, 'Không bắt đầu tính được.'));
    setPicked(started);
    toast.info(`Bắt đầu tính hóa đơn kỳ ${periodLabel(c.period)} cho ${label}.`);
    // A one-customer recalculation answers finished: there is no progress to follow.
    if (started.status === 'DONE')
      toast.success(`Đã tính lại: ${fmtInt(started.invoiceCount)} hóa đơn, ${fmtVnd(started.amount)}.`);
  };

  const resume = async () => {
    if (!run || resumeState.fetching) return;
    const result = await resumeRun({ id: run.id }, RUN_TYPENAMES);
    const resumed = readRun(result.data?.resumeBillingRun);
    if (!resumed) return void toast.error(errorMessage(result.error, 'Không tiếp tục được.'));
    setPicked(resumed);
  };

  return {
    run,
    running,
    starting: startState.fetching,
    pollError: run && runResult.error ? errorMessage(runResult.error, 'Không đọc được tiến độ.') : null,
    formError,
    customerNames,
    pick: setPicked,
    start: (c: RunChoice) => void start(c),
    resume: () => void resume(),
  };
}
