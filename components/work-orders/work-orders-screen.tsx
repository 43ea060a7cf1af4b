'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import { useMutation, useQuery, type SSRData } from 'urql';
import { Button } from '@/components/ui/button';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { Toolbar, ToolbarButton } from '@/components/ui/toolbar';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { apiError, errorMessage, type ApiError } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { useHydrate } from '@/lib/graphql/provider';
import type { IntakeFormOutput } from '@/schemas/work-order-forms';
import { IntakeDialog } from './intake-dialog';
import { filterToParams, type WorkOrderFilterValue } from './work-order-filter-params';
import { WorkOrderFilters } from './work-order-filters';
import { WORK_ORDER_KINDS, kindLabel } from './work-order-format';
import { WorkOrderList } from './work-order-list';
import { intakeKinds, type WorkOrderRights } from './work-order-rights';
import {
  CreateWorkOrderMutation,
  WORK_ORDER_TYPENAMES,
  WorkOrderCatalogsQuery,
  WorkOrderCountsQuery,
  WorkOrderRowFragment,
  WorkOrdersQuery,
} from './work-orders.documents';
import { toCreateWorkOrderInput, workOrdersVariables } from './work-order-input';

export interface WorkOrdersScreenProps {
  rights: WorkOrderRights;
  initialFilter: WorkOrderFilterValue;
  /** The first page, the counts and the catalogs, executed by the Server Component through the same documents. */
  initialData?: SSRData;
}

/**
 * Phiếu yêu cầu: every request the user may handle, filtered by status, kind, branch, overdue and a search, a page at
 * a time; the counts of open and overdue requests per kind on top; F4 takes a request from the phone or the counter.
 */
export function WorkOrdersScreen(props: WorkOrdersScreenProps) {
  return (
    <ToastProvider>
      <Screen {...props} />
    </ToastProvider>
  );
}

function Screen({ rights, initialFilter, initialData }: WorkOrdersScreenProps) {
  const router = useRouter();
  const toast = useToast();
  const requestPolicy = useHydrate(initialData);
  const [filter, setFilterState] = useState(initialFilter);
  // The cursors of the pages before the one shown: "Trang trước" pops one.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  // One key per opened intake form: a double click or a retried request creates one order.
  const [intakeKey, setIntakeKey] = useState<string | null>(null);
  const intakeOpen = intakeKey !== null;
  const openIntake = () => setIntakeKey(`staff-${crypto.randomUUID()}`);
  const takeKinds = intakeKinds(rights, WORK_ORDER_KINDS);

  const setFilter = useCallback((next: WorkOrderFilterValue) => {
    setFilterState(next);
    setCursors([null]);
    // The address follows the filter (shareable, survives a reload) without a server round trip per change.
    const query = filterToParams(next).toString();
    window.history.replaceState(window.history.state, '', query ? `/work-orders?${query}` : '/work-orders');
  }, []);

  const variables = useMemo(() => workOrdersVariables(filter, after), [filter, after]);
  const [list, refetchList] = useQuery({
    query: WorkOrdersQuery,
    variables,
    requestPolicy,
    context: WORK_ORDER_TYPENAMES,
  });
  const [counts] = useQuery({ query: WorkOrderCountsQuery, requestPolicy, context: WORK_ORDER_TYPENAMES });
  const [catalogs] = useQuery({ query: WorkOrderCatalogsQuery, requestPolicy });
  const [, create] = useMutation(CreateWorkOrderMutation);

  const page = list.data?.workOrders;
  const rows = useMemo(() => (page ? readFragment(WorkOrderRowFragment, page.rows) : null), [page]);
  const countRows = counts.data?.workOrderCounts ?? [];
  const totalOpen = countRows.reduce((s, c) => s + c.open, 0);
  const totalOverdue = countRows.reduce((s, c) => s + c.overdue, 0);
  const intakeCatalogs = useMemo(
    () =>
      catalogs.data
        ? {
            wards: catalogs.data.wards.rows,
            serviceTypes: catalogs.data.serviceTypes.rows,
            complaintKinds: catalogs.data.complaintKinds.rows,
          }
        : null,
    [catalogs.data],
  );

  useHotkeys({
    F4: (e) => {
      e.preventDefault();
      if (takeKinds.length > 0 && !intakeOpen) openIntake();
    },
  });

  const submitIntake = async (input: IntakeFormOutput): Promise<ApiError | null> => {
    const result = await create({ input: toCreateWorkOrderInput(input, intakeKey) }, WORK_ORDER_TYPENAMES);
    if (result.error || !result.data) return apiError(result.error, 'Không tiếp nhận được yêu cầu.');
    const made = result.data.createWorkOrder;
    toast.success(`Đã tiếp nhận yêu cầu ${made.trackingCode}.`);
    setIntakeKey(null);
    router.push(`/work-orders/${made.id}`);
    return null;
  };

  const overdueTab = filter.overdueOnly;
  return (
    <div className="flex h-full min-h-0 flex-col gap-2 p-3" data-testid="work-orders-screen">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-lg font-semibold text-slate-900">Phiếu yêu cầu</h1>
        <div role="tablist" aria-label="Danh sách" className="flex gap-1">
          <Tab selected={!overdueTab} onClick={() => setFilter({ ...filter, overdueOnly: false })} testId="tab-all">
            Tất cả{totalOpen ? ` · ${totalOpen} đang mở` : ''}
          </Tab>
          <Tab selected={overdueTab} onClick={() => setFilter({ ...filter, overdueOnly: true })} testId="tab-overdue">
            Quá hạn
            {totalOverdue > 0 && (
              <span className="ml-1 rounded-full bg-red-600 px-1.5 text-xs text-white" data-testid="overdue-count">
                {totalOverdue}
              </span>
            )}
          </Tab>
        </div>
        <span className="flex-1" />
        {takeKinds.length === 0 && <ReadOnlyBadge />}
        <Toolbar label="Thao tác">
          <ToolbarButton
            label="Tiếp nhận yêu cầu"
            shortcut="F4"
            variant="primary"
            onClick={openIntake}
            disabledReason={takeKinds.length === 0 ? 'Bạn không có quyền tiếp nhận yêu cầu.' : null}
            data-testid="intake-open"
          />
        </Toolbar>
      </div>
      {countRows.length > 0 && (
        <ul aria-label="Số phiếu đang mở theo loại" className="flex flex-wrap gap-1.5" data-testid="work-order-counts">
          {countRows.map((c) => (
            <li key={c.kind}>
              <button
                type="button"
                aria-pressed={filter.kind === c.kind}
                onClick={() => setFilter({ ...filter, kind: filter.kind === c.kind ? null : c.kind })}
                data-testid={`count-${c.kind}`}
                className={`rounded-full border px-2.5 py-0.5 text-xs ${filter.kind === c.kind ? 'border-brand-600 bg-brand-50 text-brand-800' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`}
              >
                {kindLabel(c.kind)}: <strong>{c.open}</strong>
                {c.overdue > 0 && <span className="text-red-700"> ({c.overdue} quá hạn)</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      <WorkOrderFilters value={filter} onChange={setFilter} branches={catalogs.data?.branches.rows ?? []} />
      {filter.search.length === 1 && <p className="text-xs text-slate-500">Nhập ít nhất 2 ký tự để tìm.</p>}
      <section
        id="work-order-list-panel"
        role="tabpanel"
        aria-label={overdueTab ? 'Phiếu yêu cầu quá hạn' : 'Danh sách phiếu yêu cầu'}
        className="flex min-h-0 flex-1 flex-col rounded-md border border-slate-200 bg-white"
      >
        <WorkOrderList
          rows={rows}
          total={null}
          fetching={list.fetching || list.stale}
          error={list.error ? errorMessage(list.error, 'Không tải được danh sách phiếu yêu cầu.') : null}
          onRetry={() => refetchList({ requestPolicy: 'network-only' })}
          page={cursors.length}
          hasPrevious={cursors.length > 1}
          hasNext={!!page?.pageInfo.hasNextPage}
          onPrevious={() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c))}
          onNext={() => {
            const next = page?.pageInfo.endCursor;
            if (next) setCursors((c) => [...c, next]);
          }}
          emptyAction={
            takeKinds.length > 0 ? (
              <Button onClick={openIntake} shortcut="F4">
                Tiếp nhận yêu cầu
              </Button>
            ) : undefined
          }
        />
      </section>
      {intakeOpen && (
        <IntakeDialog
          catalogs={intakeCatalogs}
          kinds={takeKinds}
          onClose={() => setIntakeKey(null)}
          onSubmit={submitIntake}
        />
      )}
    </div>
  );
}

function Tab({
  selected,
  onClick,
  testId,
  children,
}: {
  selected: boolean;
  onClick: () => void;
  testId: string;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={selected}
      aria-controls="work-order-list-panel"
      onClick={onClick}
      data-testid={testId}
      className={`rounded-md px-3 py-1 text-sm ${selected ? 'bg-brand-600 font-medium text-white' : 'text-slate-700 hover:bg-slate-100'}`}
    >
      {children}
    </button>
  );
}
