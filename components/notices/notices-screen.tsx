'use client';

import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { fmtDateTime, fmtInt } from '@/components/readings/format';
import { Button } from '@/components/ui/button';
import { DataGrid, type DataGridColumn } from '@/components/ui/data-grid';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/graphql/errors';
import {
  MessageRunStatsQuery,
  NoticeMessagesQuery,
  NoticeTemplatesQuery,
  PreviewNoticeQuery,
  QueueOverdueRemindersMutation,
  ResendMessageMutation,
  type NoticeMessageRow,
  type NoticeMessagesVariables,
} from './notices.documents';

const STATUS_LABELS: Record<NoticeMessageRow['status'], string> = {
  QUEUED: 'Chờ gửi',
  SENDING: 'Đang gửi',
  SENT: 'Đã gửi',
  FAILED: 'Gửi lỗi',
  SKIPPED: 'Bỏ qua',
};
const STATUS_CLASS: Record<NoticeMessageRow['status'], string> = {
  QUEUED: 'text-slate-600',
  SENDING: 'text-amber-700',
  SENT: 'text-emerald-700',
  FAILED: 'text-red-700',
  SKIPPED: 'text-slate-500',
};
const CHANNEL_LABELS: Record<NoticeMessageRow['channel'], string> = { EMAIL: 'Email', SMS: 'SMS', ZNS: 'Zalo ZNS' };
const PAGE_SIZE = 200;

interface Filter {
  period: string;
  status: NoticeMessageRow['status'] | '';
  channel: NoticeMessageRow['channel'] | '';
  customerId: string;
}

const getKey = (r: NoticeMessageRow) => String(r.id);

function variablesOf(filter: Filter): NoticeMessagesVariables {
  const customerId = Number(filter.customerId);
  return {
    first: PAGE_SIZE,
    filter: {
      period: /^\d{4}-\d{2}$/.test(filter.period) ? filter.period : null,
      status: filter.status || null,
      channel: filter.channel || null,
      customerId: Number.isSafeInteger(customerId) && customerId > 0 ? customerId : null,
    },
  };
}

function RunStats({ period }: { period: string | null }) {
  const [result] = useQuery({ query: MessageRunStatsQuery, variables: { period } });
  const s = result.data?.messageRunStats;
  if (!s) return result.fetching ? <Spinner /> : null;
  const rate = s.deliveryRate === null ? '—' : `${(s.deliveryRate * 100).toFixed(1)} %`;
  return (
    <section
      aria-label="Lượt gửi gần nhất"
      className="flex flex-wrap gap-4 rounded-md border border-slate-200 bg-white p-3"
    >
      <div>
        <div className="text-xs text-slate-500">Thông báo tiền nước kỳ</div>
        <div className="font-semibold">{s.period ?? '—'}</div>
      </div>
      <div>
        <div className="text-xs text-slate-500">Tỷ lệ gửi thành công</div>
        <div className="text-lg font-bold text-brand-700" data-testid="delivery-rate">
          {rate}
        </div>
      </div>
      {(
        [
          ['Tổng', s.messageCount],
          ['Đã gửi', s.sent],
          ['Gửi lỗi', s.failed],
          ['Bỏ qua', s.skipped],
          ['Đang chờ', s.pending],
        ] as const
      ).map(([label, n]) => (
        <div key={label}>
          <div className="text-xs text-slate-500">{label}</div>
          <div className="font-semibold tabular-nums">{fmtInt(n)}</div>
        </div>
      ))}
    </section>
  );
}

function TemplatePreviews() {
  const [templates] = useQuery({ query: NoticeTemplatesQuery });
  const [chosen, setChosen] = useState<string | null>(null);
  const [preview] = useQuery({
    query: PreviewNoticeQuery,
    variables: { template: chosen ?? '' },
    pause: chosen === null,
  });
  const p = preview.data?.previewNotice;
  return (
    <section aria-label="Mẫu thông báo" className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-sm font-semibold text-slate-700">Xem trước mẫu thông báo:</h2>
        {(templates.data?.noticeTemplates ?? []).map((t) => (
          <Button
            key={t.id}
            size="sm"
            variant={chosen === t.id ? 'primary' : 'secondary'}
            onClick={() => setChosen(t.id)}
          >
            {t.title}
          </Button>
        ))}
      </div>
      {preview.fetching && <Spinner />}
      {preview.error && <p className="text-sm text-red-700">{errorMessage(preview.error)}</p>}
      {p && (
        <div className="grid gap-3 lg:grid-cols-[2fr_1fr]">
          <div>
            <div className="mb-1 text-sm">
              <span className="text-slate-500">Tiêu đề: </span>
              <strong>{p.subject}</strong>
            </div>
            <iframe
              title={`Xem trước email: ${p.subject}`}
              srcDoc={p.html}
              sandbox=""
              className="h-[560px] w-full rounded-md border border-slate-200 bg-white"
            />
          </div>
          <div className="space-y-3 text-sm">
            <div>
              <div className="font-semibold text-slate-700">SMS ({p.sms.length} ký tự)</div>
              <p className="whitespace-pre-wrap rounded-md border border-slate-200 bg-white p-2">{p.sms}</p>
            </div>
            <div>
              <div className="font-semibold text-slate-700">
                Zalo ZNS{p.znsTemplateId ? ` (mẫu ${p.znsTemplateId}, ${p.zns?.length ?? 0}/400 ký tự)` : ''}
              </div>
              <p className="whitespace-pre-wrap rounded-md border border-slate-200 bg-white p-2">
                {p.zns ?? 'Chưa có mẫu ZNS được Zalo duyệt cho thông báo này.'}
              </p>
            </div>
            <details>
              <summary className="cursor-pointer font-semibold text-slate-700">Phần văn bản của email</summary>
              <pre className="whitespace-pre-wrap rounded-md border border-slate-200 bg-white p-2 text-xs">
                {p.text}
              </pre>
            </details>
          </div>
        </div>
      )}
    </section>
  );
}

/**
 * Today's overdue reminders now (the daily job sends them each morning anyway; a customer gets one a month): the
 * count queued is shown, so "0" reads as "everyone was already reminded", not as a failure.
 */
function OverdueRemindersButton({ canQueue, onQueued }: { canQueue: boolean; onQueued: () => void }) {
  const toast = useToast();
  const [state, queue] = useMutation(QueueOverdueRemindersMutation);
  const [queued, setQueued] = useState<number | null>(null);
  return (
    <div className="flex items-center gap-2">
      <Button
        disabled={state.fetching}
        disabledReason={canQueue ? null : 'Cần quyền thêm “Thông báo”.'}
        onClick={async () => {
          const r = await queue({});
          if (r.error) {
            toast.error(errorMessage(r.error));
            return;
          }
          const n = r.data?.queueOverdueReminders ?? 0;
          setQueued(n);
          toast.success(
            n > 0 ? `Đã đưa ${fmtInt(n)} nhắc nợ vào hàng đợi gửi.` : 'Không có nhắc nợ mới nào cần gửi hôm nay.',
          );
          onQueued();
        }}
      >
        Gửi nhắc nợ
      </Button>
      {queued !== null && (
        <span className="text-sm text-slate-600" data-testid="overdue-queued">
          Đã xếp hàng {fmtInt(queued)} nhắc nợ
        </span>
      )}
    </div>
  );
}

function Screen({ canResend, canQueueReminders }: { canResend: boolean; canQueueReminders: boolean }) {
  const toast = useToast();
  const [draft, setDraft] = useState<Filter>({ period: '', status: '', channel: '', customerId: '' });
  const [filter, setFilter] = useState<Filter>(draft);
  const variables = useMemo(() => variablesOf(filter), [filter]);
  const [list, refetch] = useQuery({ query: NoticeMessagesQuery, variables, requestPolicy: 'cache-and-network' });
  const [resending, resend] = useMutation(ResendMessageMutation);
  const rows = list.data?.messages.rows ?? [];

  const columns: DataGridColumn<NoticeMessageRow>[] = [
    {
      key: 'createdAt',
      header: 'Ngày tạo',
      width: 128,
      value: (r) => r.createdAt,
      render: (r) => fmtDateTime(r.createdAt),
    },
    { key: 'channel', header: 'Kênh', width: 80, value: (r) => CHANNEL_LABELS[r.channel] },
    { key: 'template', header: 'Mẫu', width: 150, value: (r) => r.template },
    { key: 'period', header: 'Kỳ', width: 72, value: (r) => r.period ?? '' },
    {
      key: 'customer',
      header: 'Khách hàng',
      width: 'minmax(180px,1fr)',
      value: (r) => (r.customerCode ? `${r.customerCode} – ${r.customerName ?? ''}` : ''),
    },
    { key: 'recipient', header: 'Người nhận', width: 180, value: (r) => r.recipient },
    {
      key: 'status',
      header: 'Trạng thái',
      width: 96,
      value: (r) => STATUS_LABELS[r.status],
      render: (r) => <span className={STATUS_CLASS[r.status]}>{STATUS_LABELS[r.status]}</span>,
    },
    { key: 'attempts', header: 'Lần gửi', width: 64, align: 'right', value: (r) => r.attempts },
    {
      key: 'lastError',
      header: 'Lỗi / lý do',
      width: 'minmax(160px,1fr)',
      value: (r) => r.lastError ?? '',
      render: (r) => (
        <span className="truncate text-xs" title={r.lastError ?? undefined}>
          {r.lastError ?? ''}
        </span>
      ),
    },
    {
      key: 'actions',
      header: '',
      width: 88,
      render: (r) =>
        r.status === 'FAILED' || r.status === 'SKIPPED' ? (
          <Button
            size="sm"
            disabled={resending.fetching}
            disabledReason={canResend ? null : 'Cần quyền sửa “Thông báo” trên sổ của khách hàng.'}
            onClick={async () => {
              const r2 = await resend({ id: r.id });
              if (r2.error) toast.error(errorMessage(r2.error));
              else {
                toast.success('Đã đưa thông báo vào hàng đợi gửi lại.');
                refetch({ requestPolicy: 'network-only' });
              }
            }}
          >
            Gửi lại
          </Button>
        ) : null,
    },
  ];

  return (
    <div className="space-y-4 p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-bold text-slate-900">Thông báo gửi khách hàng</h1>
        <OverdueRemindersButton
          canQueue={canQueueReminders}
          onQueued={() => refetch({ requestPolicy: 'network-only' })}
        />
      </div>
      <RunStats period={/^\d{4}-\d{2}$/.test(filter.period) ? filter.period : null} />
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(draft);
        }}
      >
        <label className="text-sm">
          <span className="block text-xs text-slate-600">Kỳ (YYYY-MM)</span>
          <input
            className="w-28 rounded border border-slate-300 px-2 py-1"
            value={draft.period}
            placeholder="2026-11"
            onChange={(e) => setDraft({ ...draft, period: e.target.value })}
          />
        </label>
        <label className="text-sm">
          <span className="block text-xs text-slate-600">Mã nội bộ khách hàng</span>
          <input
            className="w-28 rounded border border-slate-300 px-2 py-1"
            inputMode="numeric"
            value={draft.customerId}
            onChange={(e) => setDraft({ ...draft, customerId: e.target.value })}
          />
        </label>
        <label className="text-sm">
          <span className="block text-xs text-slate-600">Trạng thái</span>
          <select
            className="rounded border border-slate-300 px-2 py-1"
            value={draft.status}
            onChange={(e) => setDraft({ ...draft, status: e.target.value as Filter['status'] })}
          >
            <option value="">Tất cả</option>
            {Object.entries(STATUS_LABELS).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-xs text-slate-600">Kênh</span>
          <select
            className="rounded border border-slate-300 px-2 py-1"
            value={draft.channel}
            onChange={(e) => setDraft({ ...draft, channel: e.target.value as Filter['channel'] })}
          >
            <option value="">Tất cả</option>
            {Object.entries(CHANNEL_LABELS).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="primary">
          Lọc
        </Button>
        <span className="text-sm text-slate-600">
          {list.data ? `${fmtInt(list.data.messages.totalCount)} thông báo` : ''}
          {list.data?.messages.pageInfo.hasNextPage ? ` (hiện ${fmtInt(rows.length)} mới nhất)` : ''}
        </span>
      </form>
      {list.error && <p className="text-sm text-red-700">{errorMessage(list.error)}</p>}
      <div className="h-[420px]">
        {list.fetching && !list.data ? (
          <Spinner />
        ) : (
          <DataGrid
            rows={rows}
            columns={columns}
            getRowKey={getKey}
            label="Danh sách thông báo"
            emptyContent={<EmptyState title="Không có thông báo nào khớp bộ lọc" />}
            data-testid="notices-grid"
          />
        )}
      </div>
      <TemplatePreviews />
    </div>
  );
}

/** The notices screen: messages by customer, period and status, resend, the last run's delivery rate, previews. */
export function NoticesScreen({ canResend, canQueueReminders }: { canResend: boolean; canQueueReminders: boolean }) {
  return (
    <ToastProvider>
      <Screen canResend={canResend} canQueueReminders={canQueueReminders} />
    </ToastProvider>
  );
}
