'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { useMutation, useQuery, type AnyVariables, type SSRData } from 'urql';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { apiError, errorMessage, type ApiError } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { useHydrate } from '@/lib/graphql/provider';
import { uploadWorkOrderDocument } from './work-order-documents-panel';
import { completionVariables, handoverVariables } from './work-order-input';
import {
  WorkOrderDetail,
  type WorkOrderActions,
  type WorkOrderCatalogs,
  type WorkOrderView,
} from './work-order-detail';
import type { WorkOrderRights } from './work-order-rights';
import {
  AddWorkOrderNoteMutation,
  AssignWorkOrderMutation,
  CancelWorkOrderMutation,
  ChangeWorkOrderStatusMutation,
  CompleteWorkOrderMutation,
  HandOverInstallationMutation,
  MarkWorkOrderInstalledMutation,
  QuoteWorkOrderMutation,
  RejectWorkOrderMutation,
  SignWorkOrderContractMutation,
  SurveyWorkOrderMutation,
  WORK_ORDER_TYPENAMES,
  WorkOrderCatalogsQuery,
  WorkOrderDetailFragment,
  WorkOrderQuery,
  type WorkOrderDetailData,
  type WorkOrderStatusValue,
} from './work-orders.documents';

/** /work-orders/[id]: one request with everything that can be done to it. */
export function WorkOrderPage(props: { workOrderId: number; rights: WorkOrderRights; initialData?: SSRData }) {
  return (
    <ToastProvider>
      <Page {...props} />
    </ToastProvider>
  );
}

/** The API's order → what the detail view shows. */
export function toWorkOrderView(w: WorkOrderDetailData): WorkOrderView {
  return {
    ...w,
    details: (w.details ?? {}) as Record<string, unknown>,
    customer:
      w.customerId !== null
        ? { id: w.customerId, code: w.customerCode ?? '', name: w.customerName ?? '', address: null, bookId: w.bookId }
        : null,
    events: w.events.map((e) => ({ ...e, fromStatus: e.fromStatus ?? null })),
    documents: w.documents.map((d) => ({ ...d, uploadedByName: null })),
  };
}

function Page({
  workOrderId,
  rights,
  initialData,
}: {
  workOrderId: number;
  rights: WorkOrderRights;
  initialData?: SSRData;
}) {
  const toast = useToast();
  const requestPolicy = useHydrate(initialData);
  const [result, refetch] = useQuery({
    query: WorkOrderQuery,
    variables: { id: workOrderId },
    requestPolicy,
    context: WORK_ORDER_TYPENAMES,
  });
  const [catalogsResult] = useQuery({ query: WorkOrderCatalogsQuery, requestPolicy });
  const masked = result.data?.workOrder;
  const order = useMemo(
    () => (masked ? toWorkOrderView(readFragment(WorkOrderDetailFragment, masked)) : null),
    [masked],
  );
  const version = masked ? readFragment(WorkOrderDetailFragment, masked).version : null;
  const catalogs = useMemo<WorkOrderCatalogs | null>(
    () =>
      catalogsResult.data
        ? {
            teams: catalogsResult.data.installationTeams.rows,
            meterTypes: catalogsResult.data.meterTypes.rows,
            wards: catalogsResult.data.wards.rows,
            books: catalogsResult.data.readingBooks.rows,
          }
        : null,
    [catalogsResult.data],
  );

  const [, assign] = useMutation(AssignWorkOrderMutation);
  const [, changeStatus] = useMutation(ChangeWorkOrderStatusMutation);
  const [, reject] = useMutation(RejectWorkOrderMutation);
  const [, cancel] = useMutation(CancelWorkOrderMutation);
  const [, note] = useMutation(AddWorkOrderNoteMutation);
  const [, survey] = useMutation(SurveyWorkOrderMutation);
  const [, quote] = useMutation(QuoteWorkOrderMutation);
  const [, contract] = useMutation(SignWorkOrderContractMutation);
  const [, install] = useMutation(MarkWorkOrderInstalledMutation);
  const [, handover] = useMutation(HandOverInstallationMutation);
  const [, complete] = useMutation(CompleteWorkOrderMutation);

  if (!order) {
    if (result.error)
      return (
        <Shell>
          <EmptyState
            tone="error"
            title="Không mở được phiếu yêu cầu"
            description={errorMessage(result.error, 'Không tải được phiếu yêu cầu.')}
            action={<Button onClick={() => refetch({ requestPolicy: 'network-only' })}>Thử lại</Button>}
          />
        </Shell>
      );
    return (
      <Shell>
        <div className="p-4">
          <Spinner label="Đang tải phiếu yêu cầu…" />
        </div>
      </Shell>
    );
  }

  /** Runs a mutation with the order's id and version; toasts `done` or answers the refusal for the form. */
  const run =
    <V extends AnyVariables>(
      send: (v: V, ctx: typeof WORK_ORDER_TYPENAMES) => Promise<{ error?: unknown; data?: unknown }>,
    ) =>
    async (variables: Omit<V, 'id' | 'expectedVersion'>, done: string): Promise<ApiError | null> => {
      const r = await send(
        { ...variables, id: order.id, expectedVersion: version } as unknown as V,
        WORK_ORDER_TYPENAMES,
      );
      if (r.error || !r.data) {
        const e = apiError(r.error, 'Không thực hiện được, vui lòng thử lại.');
        // A stale form or a closed order: show the order as it is now, and say why.
        if (e.code === 'VERSION_CONFLICT' || e.code === 'WORK_ORDER_TRANSITION_REFUSED')
          refetch({ requestPolicy: 'network-only' });
        return e;
      }
      toast.success(done);
      return null;
    };

  const code = order.trackingCode;
  const actions: WorkOrderActions = {
    assign: (v) => run(assign)({ teamId: v.teamId, note: v.note }, `Đã giao phiếu ${code} cho đội.`),
    changeStatus: (v) =>
      run(changeStatus)({ status: v.status as WorkOrderStatusValue, note: v.note }, `Đã chuyển phiếu ${code}.`),
    close: (action, reason) =>
      action === 'reject'
        ? run(reject)({ reason }, `Đã từ chối yêu cầu ${code}.`)
        : run(cancel)({ reason }, `Đã hủy phiếu ${code}.`),
    note: async (v) => {
      const r = await note({ id: order.id, note: v.note }, WORK_ORDER_TYPENAMES);
      if (r.error) return apiError(r.error, 'Không ghi được ghi chú.');
      toast.success('Đã thêm ghi chú.');
      return null;
    },
    survey: (v) =>
      run(survey)({ notes: v.notes, latitude: v.latitude, longitude: v.longitude }, `Đã ghi kết quả khảo sát ${code}.`),
    quote: (lines) => run(quote)({ lines }, `Đã lưu báo giá ${code}.`),
    contract: (v) =>
      run(contract)({ contractNumber: v.contractNumber, signedOn: v.signedOn }, `Đã ghi hợp đồng ${v.contractNumber}.`),
    install: (v) => run(install)({ meter: v.meter, teamId: v.teamId }, `Đã ghi lắp đặt đồng hồ ${v.meter.serial}.`),
    handover: (v) => run(handover)(handoverVariables(v), `Đã bàn giao ${code}: khách hàng mới đã được tạo.`),
    complete: (c) => run(complete)(completionVariables(c), `Đã hoàn thành yêu cầu ${code}.`),
    upload: async (file, kind) => {
      await uploadWorkOrderDocument(order.id, file, kind);
      toast.success(`Đã tải lên ${file.name}.`);
      refetch({ requestPolicy: 'network-only' });
    },
  };

  return (
    <Shell>
      <WorkOrderDetail order={order} rights={rights} catalogs={catalogs} actions={actions} />
    </Shell>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex h-full min-h-0 flex-col">
      <nav className="border-b border-slate-200 bg-white px-4 py-2 text-sm">
        <Link href="/work-orders" className="text-brand-700 underline">
          ← Danh sách phiếu yêu cầu
        </Link>
      </nav>
      <div className="mx-auto flex min-h-0 w-full max-w-5xl flex-1 flex-col overflow-hidden bg-white">{children}</div>
    </div>
  );
}
