'use client';

import { useCallback, useMemo, useState } from 'react';
import { useMutation, useQuery, type SSRData } from 'urql';
import { Button } from '@/components/ui/button';
import { useConfirm } from '@/components/ui/confirm';
import { DataGrid, type DataGridColumn } from '@/components/ui/data-grid';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { Toolbar, ToolbarButton } from '@/components/ui/toolbar';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { errorMessage } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { useHydrate } from '@/lib/graphql/provider';
import { PartnersDialog } from './partners-dialog';
import {
  PartnerFieldsFragment,
  PartnersQuery,
  RotatePartnerSecretMutation,
  type PartnerSummary,
} from './partners.documents';
import { PartnersSecret } from './partners-secret';

/** Partners of the partner API (admins only): list, add (F4), edit (F2), a new secret (F6). */
export interface PartnersScreenProps {
  /** The list, executed by the Server Component through the same document. */
  initialData?: SSRData;
}

export function PartnersScreen(props: PartnersScreenProps) {
  return (
    <ToastProvider>
      <PartnersScreenInner {...props} />
    </ToastProvider>
  );
}

function PartnersScreenInner({ initialData }: PartnersScreenProps) {
  const requestPolicy = useHydrate(initialData);
  const toast = useToast();
  const { confirm, confirmElement } = useConfirm();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [dialog, setDialog] = useState<{ partner: PartnerSummary | null } | null>(null);
  const [shown, setShown] = useState<{ code: string; secret: string; reason: 'created' | 'rotated' } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const [result, reexecute] = useQuery({ query: PartnersQuery, requestPolicy });
  const [rotation, executeRotate] = useMutation(RotatePartnerSecretMutation);
  const partners = result.data ? readFragment(PartnerFieldsFragment, result.data.partners) : null;
  const loadError = result.error ? errorMessage(result.error, 'Không tải được danh sách đối tác.') : null;
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const selected = partners?.find((p) => p.id === selectedId) ?? partners?.[0] ?? null;

  const openAdd = () => {
    setActionError(null);
    setDialog({ partner: null });
  };
  const openEdit = () => {
    if (!selected) return;
    setActionError(null);
    setDialog({ partner: selected });
  };

  async function rotate() {
    if (!selected || rotation.fetching) return;
    const ok = await confirm({
      title: 'Đổi khóa bí mật',
      message: (
        <>
          Tạo khóa bí mật mới cho <strong>{selected.code}</strong>? Khóa cũ ngừng hoạt động ngay: mọi yêu cầu của đối
          tác bị từ chối cho đến khi họ dùng khóa mới.
        </>
      ),
      confirmLabel: 'Đổi khóa',
      danger: true,
    });
    if (!ok) return;
    setActionError(null);
    const r = await executeRotate({ id: selected.id });
    if (r.error || !r.data) {
      setActionError(errorMessage(r.error, 'Không đổi được khóa bí mật.'));
      return;
    }
    setShown({ code: selected.code, secret: r.data.rotatePartnerSecret.secret, reason: 'rotated' });
  }

  useHotkeys({ F4: openAdd, F2: openEdit, F6: () => void rotate() }, dialog === null && shown === null);

  const columns = useMemo<DataGridColumn<PartnerSummary>[]>(
    () => [
      { key: 'code', header: 'Mã', width: 130, value: (p) => p.code },
      { key: 'name', header: 'Tên đối tác', width: 'minmax(160px,1fr)', value: (p) => p.name },
      {
        key: 'allowList',
        header: 'Địa chỉ được phép',
        width: 'minmax(160px,1fr)',
        value: (p) => p.allowList.join(', '),
        render: (p) =>
          p.allowList.length === 0 ? (
            <span className="text-amber-700">Chưa có (không gọi được)</span>
          ) : (
            <span className="font-mono text-xs">{p.allowList.join(', ')}</span>
          ),
      },
      {
        key: 'allowOverpayment',
        header: 'Thu vượt',
        width: 80,
        value: (p) => (p.allowOverpayment ? 'Có' : 'Không'),
      },
      {
        key: 'notifiesBank',
        header: 'Báo có NH',
        width: 90,
        value: (p) => (p.notifiesBank ? 'Có' : 'Không'),
      },
      {
        key: 'active',
        header: 'Trạng thái',
        width: 100,
        value: (p) => (p.active ? 'Hoạt động' : 'Ngừng'),
        render: (p) => (p.active ? 'Hoạt động' : <span className="text-red-700">Ngừng</span>),
      },
    ],
    [],
  );

  return (
    <div className="flex h-full min-h-0 flex-col gap-3 p-4" data-testid="partners-screen">
      <header className="flex items-baseline gap-3">
        <h1 className="text-lg font-bold text-slate-900">Đối tác thu hộ</h1>
        <span className="text-sm text-slate-500">Ngân hàng, ví điện tử, cửa hàng gọi API /api/partners/v1</span>
      </header>

      {actionError && (
        <div
          role="alert"
          data-testid="action-error"
          className="flex items-start justify-between gap-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          <p>{actionError}</p>
          <button
            type="button"
            aria-label="Đóng thông báo lỗi"
            onClick={() => setActionError(null)}
            className="px-1 text-red-500 hover:text-red-800"
          >
            ×
          </button>
        </div>
      )}

      <Toolbar label="Lệnh đối tác">
        <ToolbarButton label="Thêm" shortcut="F4" variant="primary" onClick={openAdd} data-testid="btn-add-partner" />
        <ToolbarButton
          label="Sửa"
          shortcut="F2"
          onClick={openEdit}
          disabledReason={!selected ? 'Chọn một đối tác để sửa.' : null}
          data-testid="btn-edit-partner"
        />
        <ToolbarButton
          label={rotation.fetching ? 'Đang đổi khóa…' : 'Đổi khóa bí mật'}
          shortcut="F6"
          onClick={() => void rotate()}
          disabled={rotation.fetching}
          disabledReason={!selected ? 'Chọn một đối tác để đổi khóa.' : null}
          data-testid="btn-rotate-secret"
        />
        <ToolbarButton label="Làm mới" onClick={refresh} data-testid="btn-refresh-partners" />
      </Toolbar>

      <div className="min-h-0 flex-1">
        {loadError && !partners ? (
          <div className="h-full rounded-md border border-red-200 bg-white">
            <EmptyState
              tone="error"
              title="Không tải được danh sách đối tác"
              description={loadError}
              action={<Button onClick={refresh}>Thử lại</Button>}
              data-testid="partners-error"
            />
          </div>
        ) : !partners ? (
          <div className="flex h-full items-center justify-center rounded-md border border-slate-200 bg-white">
            <Spinner label="Đang tải đối tác…" />
          </div>
        ) : (
          <DataGrid<PartnerSummary>
            rows={partners}
            columns={columns}
            getRowKey={(p) => String(p.id)}
            label="Danh sách đối tác thu hộ"
            multiSelect={false}
            selectedKeys={new Set(selected ? [String(selected.id)] : [])}
            activeKey={selected ? String(selected.id) : null}
            onSelectionChange={(_s, active) => setSelectedId(active !== null ? Number(active) : null)}
            onRowActivate={() => openEdit()}
            rowTestId="partner-row"
            rowClassName={(p) => (p.active ? undefined : 'text-slate-400')}
            data-testid="partners-grid"
            emptyContent={
              <EmptyState
                title="Chưa có đối tác nào"
                description="Nhấn Thêm (F4) để khai báo ngân hàng, ví điện tử hoặc cửa hàng thu hộ."
              />
            }
          />
        )}
      </div>

      {dialog && (
        <PartnersDialog
          partner={dialog.partner}
          onCancel={() => setDialog(null)}
          onSaved={(p, secret) => {
            setDialog(null);
            setSelectedId(p.id);
            // A new partner is a new row of the list: the list is read again (an edit updates it in the cache).
            if (secret) {
              refresh();
              setShown({ code: p.code, secret, reason: 'created' });
            } else toast.success(`Đã lưu đối tác ${p.code}.`);
          }}
        />
      )}
      {shown && (
        <PartnersSecret
          code={shown.code}
          secret={shown.secret}
          reason={shown.reason}
          onClose={() => {
            // The secret leaves the page's memory with the dialog.
            setShown(null);
            toast.success(
              shown.reason === 'created' ? `Đã thêm đối tác ${shown.code}.` : `Đã đổi khóa của ${shown.code}.`,
            );
          }}
        />
      )}
      {confirmElement}
    </div>
  );
}
