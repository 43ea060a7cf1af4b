'use client';

import { useMemo } from 'react';
import { Button } from '@/components/ui/button';
import { DataGrid } from '@/components/ui/data-grid';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { customerColumns, customerRowClass, customerRowData, customerRowKey } from './customer-columns';
import type { BookCustomer, CatalogItem } from './customer-documents';

export interface CustomerGridPaneProps {
  /** The book's rows; null while the book loads. */
  rows: readonly BookCustomer[] | null;
  visibleRows: readonly BookCustomer[];
  error: string | null;
  onRetry: () => void;
  editing: boolean;
  filtered: boolean;
  bookCode: string;
  serviceTypes: readonly CatalogItem[];
  selected: ReadonlySet<string>;
  activeKey: string | null;
  onSelectionChange: (keys: Set<string>, active: string | null) => void;
  onEdit: () => void;
  canAdd: boolean;
  onAdd: () => void;
}

/** The book grid with its loading, error and empty states (↑↓ move, Enter edits, Ctrl/Shift+click select). */
export function CustomerGridPane(p: CustomerGridPaneProps) {
  const columns = useMemo(() => customerColumns(new Map(p.serviceTypes.map((t) => [t.code, t]))), [p.serviceTypes]);
  return (
    // At 1366×768 the grid keeps at least 15 rows (30 px each); the detail panel takes what is left and scrolls.
    <div className={p.editing ? 'h-[22%] min-h-[140px] shrink-0' : 'min-h-[492px] flex-[3] basis-0'}>
      {p.error && !p.rows ? (
        <EmptyState
          tone="error"
          title="Không tải được danh sách khách hàng"
          description={p.error}
          action={<Button onClick={p.onRetry}>Thử lại</Button>}
          className="h-full rounded-md border border-red-200 bg-white"
        />
      ) : p.rows === null ? (
        <div className="flex h-full items-center justify-center rounded-md border border-slate-200 bg-white">
          <Spinner label="Đang tải khách hàng…" />
        </div>
      ) : (
        <DataGrid
          rows={p.visibleRows}
          columns={columns}
          getRowKey={customerRowKey}
          label={`Khách hàng sổ ${p.bookCode}`}
          selectedKeys={p.selected}
          activeKey={p.activeKey}
          onSelectionChange={p.onSelectionChange}
          onRowActivate={p.onEdit}
          rowClassName={customerRowClass}
          data-testid="customer-grid"
          rowTestId="customer-row"
          rowData={customerRowData}
          emptyContent={
            p.filtered ? (
              <EmptyState
                title="Không có khách hàng khớp bộ lọc"
                description="Thử từ khóa khác, hoặc dùng ô tìm kiếm phía trên để tìm trong mọi sổ."
              />
            ) : (
              <EmptyState
                title="Sổ chưa có khách hàng"
                description={p.canAdd ? 'Bấm F4 để thêm khách hàng đầu tiên.' : undefined}
                action={
                  p.canAdd ? (
                    <Button variant="primary" onClick={p.onAdd} shortcut="F4">
                      Thêm
                    </Button>
                  ) : undefined
                }
              />
            )
          }
        />
      )}
    </div>
  );
}
