'use client';

import { Button } from '@/components/ui/button';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { Toolbar, ToolbarSeparator, ToolbarSpacer } from '@/components/ui/toolbar';
import { CUSTOMER_KEYS } from './customer-keys';
import { MISSING_RIGHT, type CustomerRight } from './customer-rights';

export const CUSTOMER_FORM_ID = 'customer-form';

export interface CustomersToolbarProps {
  bookId: number | null;
  mode: 'view' | 'add' | 'edit';
  /** The rights on the open book. */
  rights: Record<CustomerRight, boolean>;
  hasActive: boolean;
  selectedCount: number;
  hasRows: boolean;
  refreshing: boolean;
  onAdd: () => void;
  onEdit: () => void;
  onDelete: () => void;
  onCancel: () => void;
  onMove: () => void;
  onPlace: () => void;
  onRenumber: () => void;
  onRefresh: () => void;
}

/**
 * The commands of the customers screen. A command the user has no right for stays visible but disabled with
 * the reason (Button's `disabledReason`); a user with no write right on the book sees "Chỉ xem".
 */
export function CustomersToolbar(p: CustomersToolbarProps) {
  const editing = p.mode !== 'view';
  const reason = (right: CustomerRight) => (p.rights[right] ? null : MISSING_RIGHT[right]);
  const readOnly = !p.rights.add && !p.rights.edit && !p.rights.delete;
  return (
    <Toolbar label="Thao tác khách hàng">
      <Button
        variant="secondary"
        shortcut={CUSTOMER_KEYS.add}
        onClick={p.onAdd}
        disabled={editing}
        disabledReason={reason('add')}
        data-testid="btn-add"
      >
        Thêm
      </Button>
      <Button
        shortcut={CUSTOMER_KEYS.edit}
        onClick={p.onEdit}
        disabled={editing || !p.hasActive}
        disabledReason={reason('edit')}
        data-testid="btn-edit"
      >
        Sửa
      </Button>
      {editing ? (
        <Button shortcut={CUSTOMER_KEYS.deleteOrCancel} onClick={p.onCancel} data-testid="btn-cancel">
          Hủy
        </Button>
      ) : (
        <Button
          shortcut={CUSTOMER_KEYS.deleteOrCancel}
          onClick={p.onDelete}
          disabled={!p.hasActive}
          disabledReason={reason('delete')}
          data-testid="btn-delete"
        >
          Xóa
        </Button>
      )}
      <button
        type="submit"
        form={CUSTOMER_FORM_ID}
        disabled={!editing}
        data-testid="save-button"
        aria-keyshortcuts={CUSTOMER_KEYS.save}
        title={`Lưu (${CUSTOMER_KEYS.save})`}
        className="inline-flex items-center gap-1 rounded-md border border-brand-600 bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-50"
      >
        Lưu <span className="opacity-70">({CUSTOMER_KEYS.save})</span>
      </button>
      <ToolbarSeparator />
      <Button
        onClick={p.onMove}
        disabled={editing || p.selectedCount === 0}
        disabledReason={reason('edit')}
        data-testid="btn-move"
      >
        {p.selectedCount > 1 ? `Chuyển sổ (${p.selectedCount})` : 'Chuyển sổ'}
      </Button>
      <Button
        onClick={p.onPlace}
        disabled={editing || !p.hasActive}
        disabledReason={reason('edit')}
        data-testid="btn-place-after"
      >
        Chèn vào sau
      </Button>
      <Button
        onClick={p.onRenumber}
        disabled={editing || !p.hasRows}
        disabledReason={reason('edit')}
        data-testid="btn-renumber"
      >
        Đánh lại Stt
      </Button>
      <ToolbarSeparator />
      {p.rights.export && p.bookId !== null ? (
        <a
          href={`/api/books/${p.bookId}/export`}
          download
          data-testid="btn-export"
          className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          Xuất Excel
        </a>
      ) : (
        <Button disabledReason={MISSING_RIGHT.export} data-testid="btn-export">
          Xuất Excel
        </Button>
      )}
      <Button onClick={p.onRefresh} disabled={p.refreshing} data-testid="btn-refresh">
        Làm mới
      </Button>
      <ToolbarSpacer />
      {editing && (
        <span className="rounded bg-amber-100 px-2 py-1 text-xs font-medium text-amber-800" data-testid="mode-badge">
          {p.mode === 'add' ? 'Đang thêm mới' : 'Đang sửa'}
        </span>
      )}
      {readOnly && <ReadOnlyBadge reason="Bạn chỉ có quyền xem khách hàng của sổ này." />}
    </Toolbar>
  );
}
