'use client';

import Link from 'next/link';
import { useState, type ReactNode } from 'react';
import { fmtDateTime } from '@/components/customers/format';
import { Toolbar, ToolbarButton } from '@/components/ui/toolbar';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { isWorkOrderKind, isWorkOrderStatus } from '@/domain/work-orders/kinds';
import { STATUSES_WITH_DATA, nextStatuses } from '@/domain/work-orders/transitions';
import type { ApiError } from '@/lib/graphql/errors';
import {
  AssignDialog,
  CloseDialog,
  NoteForm,
  StatusDialog,
  type AssignValues,
  type CloseAction,
  type StatusValues,
} from './action-dialogs';
import { CompletionForm, type Completion } from './completion-form';
import { InstallationStepper, currentInstallationStep } from './installation-stepper';
import { QuoteEditor, type QuoteLines } from './quote-editor';
import {
  ContractForm,
  HandoverForm,
  InstallForm,
  SurveyForm,
  type ContractValues,
  type HandoverValues,
  type InstallValues,
  type MeterTypeOption,
  type SurveyValues,
} from './step-forms';
import { DeadlineText, WorkOrderStatusBadge } from './work-order-badges';
import { WorkOrderDocumentsPanel, type WorkOrderDocumentRow } from './work-order-documents-panel';
import { fmtMoney, isClosed, kindLabel, sourceLabel } from './work-order-format';
import { missingWorkOrderRight, type WorkOrderRights } from './work-order-rights';
import { WorkOrderTimeline, type TimelineEvent } from './work-order-timeline';

/** One request as the detail screen shows it (the screen maps the API's answer onto it). */
export interface WorkOrderView {
  id: number;
  trackingCode: string;
  kind: string;
  status: string;
  source: string;
  receivedAt: string;
  deadline: string;
  closedAt: string | null;
  resolution: string | null;
  applicantName: string;
  applicantPhone: string;
  applicantEmail: string | null;
  citizenId: string | null;
  address: string | null;
  wardName: string | null;
  latitude: string | null;
  longitude: string | null;
  customer: { id: number; code: string; name: string; address: string | null; bookId: number | null } | null;
  branchName: string | null;
  teamId: number | null;
  teamName: string | null;
  serviceTypeName: string | null;
  households: number | null;
  persons: number | null;
  complaintKindName: string | null;
  description: string | null;
  details: Record<string, unknown>;
  quote: {
    lines: { name: string; unit: string; quantity: number; unitPrice: number; amount: number }[];
    total: number;
  } | null;
  events: readonly TimelineEvent[];
  documents: readonly WorkOrderDocumentRow[];
}

export interface WorkOrderCatalogs {
  teams: readonly { id: number; code: string; name: string }[];
  meterTypes: readonly MeterTypeOption[];
  wards: readonly { id: number; name: string; district: string }[];
  books: readonly { id: number; code: string; name: string }[];
}

type Save<T> = (values: T) => Promise<ApiError | null>;

/** Every change the screen can ask for; each answers null when done, else the API's refusal. */
export interface WorkOrderActions {
  assign: Save<AssignValues>;
  changeStatus: Save<StatusValues>;
  close: (action: CloseAction, reason: string) => Promise<ApiError | null>;
  note: Save<{ note: string }>;
  survey: Save<SurveyValues>;
  quote: Save<QuoteLines>;
  contract: Save<ContractValues>;
  install: Save<InstallValues>;
  handover: Save<HandoverValues>;
  complete: Save<Completion>;
  upload: (file: File, kind: string) => Promise<void>;
}

const quotePdfHref = (id: number) => `/api/work-orders/${id}/quote`;

/** The statuses a bare change may reach: starting the work, in practice. */
function plainNextStatuses(kind: string, status: string): string[] {
  if (!isWorkOrderKind(kind) || !isWorkOrderStatus(status)) return [];
  return nextStatuses(kind, status).filter(
    // ASSIGNED comes with a team (the assign dialog); the endings have their own dialog with a reason.
    (s) => !STATUSES_WITH_DATA.includes(s) && s !== 'ASSIGNED' && s !== 'REJECTED' && s !== 'CANCELLED',
  );
}

type Open = null | 'assign' | 'status' | CloseAction;

/**
 * /work-orders/[id]: the header (tracking code, kind, status, deadline), who asked and about what, the actions the
 * status allows, the installation steps or the completion form of the kind, the timeline and the documents.
 */
export function WorkOrderDetail({
  order,
  rights,
  catalogs,
  actions,
}: {
  order: WorkOrderView;
  rights: WorkOrderRights;
  catalogs: WorkOrderCatalogs | null;
  actions: WorkOrderActions;
}) {
  const [open, setOpen] = useState<Open>(null);
  const [requote, setRequote] = useState(false);
  const closed = isClosed(order.status);
  const isInstallation = order.kind === 'INSTALLATION';
  const noEdit = missingWorkOrderRight(rights, order.kind, 'edit');
  const mayEdit = !noEdit && !closed;
  const plain = plainNextStatuses(order.kind, order.status);
  const step = isInstallation ? currentInstallationStep(order.status) : null;

  const done = (run: () => Promise<ApiError | null>) => async () => {
    const failed = await run();
    if (!failed) setOpen(null);
    return failed;
  };

  useHotkeys(
    {
      F2: (e) => {
        e.preventDefault();
        if (mayEdit) setOpen('assign');
      },
    },
    true,
  );

  const closedReason = closed ? 'Phiếu đã đóng.' : noEdit;

  return (
    <article
      className="flex min-h-0 flex-col"
      data-testid="work-order-detail"
      data-id={order.id}
      data-status={order.status}
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 px-4 py-2">
        <h1 className="font-semibold text-slate-900" data-testid="work-order-title">
          <span className="font-mono">{order.trackingCode}</span> · {kindLabel(order.kind)}
        </h1>
        <WorkOrderStatusBadge status={order.status} />
        <span className="text-sm text-slate-600">
          Hạn xử lý: <DeadlineText deadline={order.deadline} status={order.status} />
        </span>
        <span className="text-xs text-slate-500">
          Tiếp nhận {fmtDateTime(order.receivedAt)} · {sourceLabel(order.source)}
          {order.closedAt ? ` · đóng ${fmtDateTime(order.closedAt)}` : ''}
        </span>
      </header>

      <Toolbar label="Thao tác phiếu yêu cầu" className="border-b border-slate-100 px-4 py-2">
        <ToolbarButton
          label={order.teamId ? 'Đổi đội' : 'Giao đội'}
          shortcut="F2"
          onClick={() => setOpen('assign')}
          disabledReason={closedReason}
          data-testid="action-assign"
        />
        {!isInstallation && (
          <ToolbarButton
            label={plain.length === 1 && plain[0] === 'IN_PROGRESS' ? 'Bắt đầu xử lý' : 'Chuyển trạng thái'}
            onClick={() => setOpen('status')}
            disabledReason={
              closedReason ??
              (plain.length === 0
                ? order.status === 'RECEIVED'
                  ? 'Giao đội trước khi xử lý.'
                  : 'Phiếu đang chờ ghi kết quả xử lý.'
                : null)
            }
            data-testid="action-status"
          />
        )}
        <ToolbarButton
          label="Từ chối"
          onClick={() => setOpen('reject')}
          disabledReason={closedReason}
          data-testid="action-reject"
        />
        <ToolbarButton
          label="Hủy phiếu"
          variant="danger"
          onClick={() => setOpen('cancel')}
          disabledReason={closedReason}
          data-testid="action-cancel"
        />
      </Toolbar>

      <div className="min-h-0 flex-1 space-y-5 overflow-auto px-4 py-3 text-sm">
        <div className="grid gap-4 md:grid-cols-2">
          <Section title={order.customer ? 'Khách hàng' : 'Người đề nghị'}>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5">
              {order.customer && (
                <Item label="Khách hàng">
                  <Link
                    href={`/customers?${order.customer.bookId ? `book=${order.customer.bookId}&` : ''}customer=${order.customer.id}`}
                    className="text-brand-700 underline"
                    data-testid="work-order-customer"
                  >
                    <span className="font-mono">{order.customer.code}</span> {order.customer.name}
                  </Link>
                </Item>
              )}
              <Item label="Người yêu cầu">{order.applicantName}</Item>
              <Item label="Điện thoại">{order.applicantPhone}</Item>
              {order.applicantEmail && <Item label="Email">{order.applicantEmail}</Item>}
              {order.citizenId && <Item label="Số CCCD">{order.citizenId}</Item>}
              {(order.address ?? order.customer?.address) && (
                <Item label="Địa chỉ">
                  {order.address ?? order.customer?.address}
                  {order.wardName ? `, ${order.wardName}` : ''}
                </Item>
              )}
              {order.latitude && order.longitude && (
                <Item label="Tọa độ">
                  {order.latitude}, {order.longitude}
                </Item>
              )}
            </dl>
          </Section>
          <Section title="Nội dung">
            <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5">
              <Item label="Đơn vị">{order.branchName ?? '—'}</Item>
              <Item label="Đội thi công">{order.teamName ?? 'Chưa giao'}</Item>
              {order.complaintKindName && <Item label="Loại khiếu nại">{order.complaintKindName}</Item>}
              {order.serviceTypeName && <Item label="Mục đích sử dụng">{order.serviceTypeName}</Item>}
              {order.households !== null && (
                <Item label="Số hộ / nhân khẩu">
                  {order.households} / {order.persons ?? '—'}
                </Item>
              )}
              <DetailItems kind={order.kind} details={order.details} />
              {order.description && <Item label="Mô tả">{order.description}</Item>}
              {order.resolution && <Item label="Kết quả">{order.resolution}</Item>}
            </dl>
          </Section>
        </div>

        {isInstallation && (
          <InstallationStepper status={order.status} reachedBeforeStop={reachedBeforeStop(order.events)}>
            {mayEdit && step && catalogs !== null && (
              <StepForm
                step={requote ? 'quote' : step}
                order={order}
                catalogs={catalogs}
                actions={{
                  ...actions,
                  quote: async (lines) => {
                    const failed = await actions.quote(lines);
                    if (!failed) setRequote(false);
                    return failed;
                  },
                }}
              />
            )}
            {isInstallation && order.quote && step !== 'quote' && !requote && (
              <p className="text-sm text-slate-600">
                Báo giá: <strong data-testid="quote-summary">{fmtMoney(order.quote.total)} đồng</strong> ·{' '}
                <a
                  href={quotePdfHref(order.id)}
                  target="_blank"
                  rel="noopener"
                  className="text-brand-700 underline"
                  data-testid="quote-pdf"
                >
                  In báo giá
                </a>
                {/* A quote may be redone until the contract is signed (the API refuses it afterwards). */}
                {mayEdit && step === 'contract' && (
                  <>
                    {' · '}
                    <button
                      type="button"
                      className="text-brand-700 underline"
                      onClick={() => setRequote(true)}
                      data-testid="requote"
                    >
                      Lập lại báo giá
                    </button>
                  </>
                )}
              </p>
            )}
          </InstallationStepper>
        )}

        {!isInstallation && mayEdit && order.status === 'IN_PROGRESS' && catalogs !== null && (
          <Section title="Hoàn thành yêu cầu">
            <CompletionForm
              kind={order.kind}
              details={order.details}
              wards={catalogs.wards}
              meterTypes={catalogs.meterTypes}
              onSave={actions.complete}
            />
          </Section>
        )}

        <div className="grid gap-4 lg:grid-cols-2">
          <Section title="Diễn biến">
            <WorkOrderTimeline events={order.events} />
            {!noEdit && (
              <div className="mt-3">
                <NoteForm onSave={actions.note} />
              </div>
            )}
          </Section>
          <Section title="Tài liệu">
            <WorkOrderDocumentsPanel documents={order.documents} canUpload={!noEdit} onUpload={actions.upload} />
          </Section>
        </div>
      </div>

      {open === 'assign' && catalogs && (
        <AssignDialog
          teams={catalogs.teams}
          currentTeamId={order.teamId}
          onClose={() => setOpen(null)}
          onSave={(v) => done(() => actions.assign(v))()}
        />
      )}
      {open === 'status' && (
        <StatusDialog
          statuses={plain}
          onClose={() => setOpen(null)}
          onSave={(v) => done(() => actions.changeStatus(v))()}
        />
      )}
      {(open === 'reject' || open === 'cancel') && (
        <CloseDialog
          action={open}
          onClose={() => setOpen(null)}
          onSave={(v) => done(() => actions.close(open, v.reason))()}
        />
      )}
    </article>
  );
}

/** How many installation steps were done before a rejection or cancellation, read off the timeline. */
function reachedBeforeStop(events: readonly TimelineEvent[]): number {
  const order = ['SURVEYED', 'QUOTED', 'CONTRACTED', 'INSTALLED', 'DONE'];
  return events.reduce((n, e) => Math.max(n, order.indexOf(e.toStatus) + 1), 0);
}

function StepForm({
  step,
  order,
  catalogs,
  actions,
}: {
  step: NonNullable<ReturnType<typeof currentInstallationStep>>;
  order: WorkOrderView;
  catalogs: WorkOrderCatalogs;
  actions: WorkOrderActions;
}) {
  const [quoteError, setQuoteError] = useState<string | null>(null);
  const [quoteBusy, setQuoteBusy] = useState(false);
  switch (step) {
    case 'survey':
      return <SurveyForm initial={{ latitude: order.latitude, longitude: order.longitude }} onSave={actions.survey} />;
    case 'quote':
      return (
        <QuoteEditor
          initial={order.quote?.lines ?? null}
          busy={quoteBusy}
          error={quoteError}
          pdfHref={order.quote ? quotePdfHref(order.id) : null}
          onSave={(lines) => {
            setQuoteBusy(true);
            setQuoteError(null);
            void actions.quote(lines).then((failed) => {
              setQuoteBusy(false);
              setQuoteError(failed?.message ?? null);
            });
          }}
        />
      );
    case 'contract':
      return <ContractForm onSave={actions.contract} />;
    case 'install':
      return (
        <InstallForm
          meterTypes={catalogs.meterTypes}
          teams={catalogs.teams}
          currentTeamId={order.teamId}
          onSave={actions.install}
        />
      );
    case 'handover':
      return <HandoverForm books={catalogs.books} onSave={actions.handover} />;
  }
}

/** What the applicant asked for beyond the common fields (a new address, a new name, dates, a meter size). */
function DetailItems({ kind, details }: { kind: string; details: Record<string, unknown> }) {
  const s = (k: string) =>
    typeof details[k] === 'string' || typeof details[k] === 'number' ? String(details[k]) : null;
  const items: [string, string | null][] =
    kind === 'RELOCATION'
      ? [['Địa chỉ mới', s('newAddress')]]
      : kind === 'NAME_CHANGE'
        ? [['Tên mới', s('newName')]]
        : kind === 'UPGRADE'
          ? [['Cỡ đồng hồ đề nghị', s('meterSize')]]
          : kind === 'SUSPENSION' || kind === 'RESUMPTION'
            ? [
                ['Từ ngày', s('fromDate')],
                ['Đến ngày', s('toDate')],
              ]
            : [];
  return (
    <>
      {items
        .filter(([, v]) => v)
        .map(([label, v]) => (
          <Item key={label} label={label}>
            {v}
          </Item>
        ))}
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <h2 className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h2>
      {children}
    </section>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-slate-900">{children}</dd>
    </>
  );
}
