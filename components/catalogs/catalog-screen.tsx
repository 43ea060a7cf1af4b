'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, type SSRData } from 'urql';
import { Button } from '@/components/ui/button';
import { useConfirm } from '@/components/ui/confirm';
import { DataGrid, type DataGridColumn, type DataGridSort } from '@/components/ui/data-grid';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { Toolbar, ToolbarButton, ToolbarSeparator, ToolbarSpacer } from '@/components/ui/toolbar';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { errorMessage } from '@/lib/graphql/errors';
import { useHydrate } from '@/lib/graphql/provider';
import {
  displayValue,
  exportUrl,
  gridColumns,
  type CatalogColumn,
  type CatalogRow,
  type FilterCondition,
  type RefOption,
} from './catalog-columns';
import {
  catalogDocuments,
  catalogTypenames,
  listVariables,
  type CatalogInfo,
  type CatalogName,
} from './catalog-documents';
import { CatalogForm } from './catalog-form';
import { FilterBar } from './filter-bar';
import { useCatalogRefs } from './use-catalog-refs';

const PAGE_SIZES = [50, 100, 200, 500] as const;

export interface CatalogScreenProps {
  name: CatalogName;
  info: CatalogInfo;
  columns: readonly CatalogColumn[];
  /** Admins see every row; others see branches, routes and books only through the books they hold. */
  isAdmin: boolean;
  /** The first page, executed by the Server Component through the same document (see useHydrate). */
  initialData?: SSRData;
}

/** Catalogs whose rows a non-admin sees only through the reading books assigned to them (SPEC §11). */
const BOOK_SCOPED = new Set(['branches', 'routes', 'readingBooks']);

/** The one screen of every catalog (SPEC §4), generated from `catalogColumns` and the viewer's rights. */
export function CatalogScreen(props: CatalogScreenProps) {
  return (
    <ToastProvider>
      <CatalogScreenInner {...props} />
    </ToastProvider>
  );
}

function columnWidth(c: CatalogColumn): number | string {
  if (c.name === 'code') return 120;
  if (c.name === 'name') return 'minmax(220px,2fr)';
  if (c.kind === 'int') return 130;
  if (c.kind === 'date') return 130;
  return 'minmax(160px,1fr)';
}

const NO_ROWS: readonly CatalogRow[] = [];

function CatalogScreenInner({ name, info, columns, isAdmin, initialData }: CatalogScreenProps) {
  const requestPolicy = useHydrate(initialData);
  const docs = catalogDocuments(name);
  const toast = useToast();
  const { confirm, confirmElement } = useConfirm();

  const [filters, setFilters] = useState<FilterCondition[]>([]);
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [limit, setLimit] = useState<number>(100);
  const [sort, setSort] = useState<DataGridSort | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [form, setForm] = useState<{ row: CatalogRow | null } | null>(null);
  const [exporting, setExporting] = useState(false);

  const shown = useMemo(() => gridColumns(columns), [columns]);
  const writable = useMemo(() => columns.filter((c) => !c.readOnly), [columns]);

  // ---- referenced catalogs, for the form's selects and the filter bar
  const refs = useCatalogRefs(docs.refs, columns);
  const refMaps = useMemo(() => {
    const m = new Map<string, Map<number, RefOption>>();
    for (const [k, list] of refs.options) m.set(k, new Map(list.map((r) => [r.id, r])));
    return m;
  }, [refs.options]);

  // ---- search is applied after the clerk stops typing
  useEffect(() => {
    const next = searchText.trim();
    if (next === search) return;
    const t = window.setTimeout(() => {
      setSearch(next);
      setOffset(0);
    }, 350);
    return () => window.clearTimeout(t);
  }, [searchText, search]);

  // ---- the page of rows: the cache owns loading, errors and out-of-order answers, and a mutation of this
  // catalog re-runs it. The first page comes from the server render (see useHydrate for the policy).
  const variables = useMemo(
    () => listVariables({ filters, search, offset, limit, sort }),
    [filters, search, offset, limit, sort],
  );
  const [list, reexecuteList] = useQuery({ query: docs.list, variables, requestPolicy });
  const [removal, executeRemove] = useMutation(docs.remove);
  const deleting = removal.fetching;
  const page = list.data?.page ?? null;
  const loading = list.fetching || list.stale;
  const loadError = list.error ? errorMessage(list.error, 'Không tải được dữ liệu.') : null;

  const rows = page?.rows ?? NO_ROWS;
  const total = page?.total ?? 0;
  const rowByKey = useMemo(() => new Map(rows.map((r) => [String(r.id), r])), [rows]);
  const current =
    (activeKey && selected.has(activeKey) ? rowByKey.get(activeKey) : undefined) ??
    (selected.size === 1 ? rowByKey.get([...selected][0]!) : undefined);
  const selectedRows = [...selected].map((k) => rowByKey.get(k)).filter((r): r is CatalogRow => r !== undefined);

  // A fresh page keeps the selection that is still on it; after a save, the saved row is selected once it shows.
  const pendingSelect = useRef<string | null>(null);
  useEffect(() => {
    const keys = new Set(rows.map((r) => String(r.id)));
    const want = pendingSelect.current;
    pendingSelect.current = null;
    if (want && keys.has(want)) {
      setSelected(new Set([want]));
      setActiveKey(want);
      return;
    }
    setSelected((s) =>
      s.size === 0 || [...s].every((k) => keys.has(k)) ? s : new Set([...s].filter((k) => keys.has(k))),
    );
    setActiveKey((k) => (k && keys.has(k) ? k : null));
  }, [rows]);

  const refresh = useCallback(() => reexecuteList({ requestPolicy: 'network-only' }), [reexecuteList]);

  // ---- commands
  const openAdd = () => {
    if (!info.canAdd) return;
    setActionError(null);
    setForm({ row: null });
  };
  const openEdit = (row: CatalogRow | undefined = current) => {
    if (!info.canEdit || !row) return;
    setActionError(null);
    setForm({ row });
  };

  const describeRow = (r: CatalogRow) =>
    [r.code, r.name].filter((x) => x !== null && x !== undefined && x !== '').join(' – ') || `#${r.id}`;

  async function removeSelected() {
    if (!info.canDelete || selectedRows.length === 0 || deleting) return;
    const list = selectedRows;
    const first = list[0]!;
    const ok = await confirm({
      title: `Xóa ${info.label.toLowerCase()}`,
      message:
        list.length === 1 ? (
          <>
            Xóa <strong>«{describeRow(first)}»</strong>? Thao tác này không thể hoàn tác.
          </>
        ) : (
          <>
            Xóa <strong>{list.length}</strong> dòng đã chọn? Thao tác này không thể hoàn tác.
          </>
        ),
      confirmLabel: 'Xóa',
      danger: true,
    });
    if (!ok) return;
    setActionError(null);
    const failures: string[] = [];
    let done = 0;
    for (const r of list) {
      // A Boolean result names no type, so the catalog's types are given for the cache to refresh its lists.
      const result = await executeRemove({ id: r.id }, { additionalTypenames: catalogTypenames(info) });
      if (result.data?.ok) {
        done++;
      } else {
        const message = errorMessage(result.error, 'Không xóa được.');
        failures.push(list.length === 1 ? message : `${describeRow(r)}: ${message}`);
      }
    }
    if (done > 0) toast.success(done === 1 ? 'Đã xóa 1 dòng.' : `Đã xóa ${done} dòng.`);
    if (failures.length > 0) setActionError(failures.join('\n'));
    if (done > 0) {
      setSelected(new Set());
      setActiveKey(null);
      // Deleting the last rows of the last page would leave an empty page.
      if (offset > 0 && done >= rows.length) setOffset(Math.max(0, offset - limit));
    }
  }

  async function exportExcel() {
    if (!info.canExport || exporting) return;
    setExporting(true);
    setActionError(null);
    try {
      const res = await fetch(exportUrl(name, filters, search));
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `Máy chủ trả lời lỗi ${res.status}.`);
      }
      const blob = await res.blob();
      const cd = res.headers.get('content-disposition') ?? '';
      const star = /filename\*=UTF-8''([^;]+)/i.exec(cd)?.[1];
      const plain = /filename="([^"]+)"/i.exec(cd)?.[1];
      const fileName = star ? decodeURIComponent(star) : (plain ?? `${name}.xlsx`);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      toast.success(`Đã xuất ${fileName}.`);
    } catch (e) {
      setActionError(`Không xuất được Excel: ${errorMessage(e, 'lỗi không xác định')}`);
    } finally {
      setExporting(false);
    }
  }

  useHotkeys(
    {
      F4: openAdd,
      F2: () => openEdit(),
      F3: () => void removeSelected(),
    },
    form === null,
  );

  // ---- grid
  const gridCols = useMemo<DataGridColumn<CatalogRow>[]>(
    () =>
      shown.map((c) => ({
        key: c.name,
        header: c.label,
        width: columnWidth(c),
        align: c.kind === 'int' && c.options.length === 0 ? 'right' : 'left',
        // Sorting is done by the server (paging); the grid only shows the arrow.
        sortable: true,
        render: (r: CatalogRow) => displayValue(c, r[c.name] ?? null, c.ref ? refMaps.get(c.ref) : undefined),
      })),
    [shown, refMaps],
  );

  const filtered = filters.length > 0 || search !== '';
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + rows.length, total);
  const pageNo = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  const readOnlyView = !info.canAdd && !info.canEdit && !info.canDelete;

  return (
    <div className="flex h-full min-h-0 flex-col gap-3 p-4" data-testid="catalog-screen" data-catalog={name}>
      <header className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h1 className="text-lg font-bold text-slate-900">{info.label}</h1>
        <span className="text-sm text-slate-500">Danh mục</span>
        {readOnlyView && (
          <span data-testid="readonly-badge" className="rounded-full bg-slate-200 px-2 py-0.5 text-xs text-slate-600">
            Chỉ xem
          </span>
        )}
      </header>

      <div className="flex flex-wrap items-center gap-2">
        <Toolbar label={`Lệnh ${info.label.toLowerCase()}`}>
          {info.canAdd && (
            <ToolbarButton label="Thêm" shortcut="F4" variant="primary" onClick={openAdd} data-testid="btn-add" />
          )}
          {info.canEdit && (
            <ToolbarButton
              label="Sửa"
              shortcut="F2"
              onClick={() => openEdit()}
              disabled={!current}
              data-testid="btn-edit"
            />
          )}
          {info.canDelete && (
            <ToolbarButton
              label={deleting ? 'Đang xóa…' : 'Xóa'}
              shortcut="F3"
              variant="secondary"
              onClick={() => void removeSelected()}
              disabled={selectedRows.length === 0 || deleting}
              data-testid="btn-delete"
            />
          )}
          {(info.canAdd || info.canEdit || info.canDelete) && <ToolbarSeparator />}
          {info.canExport && (
            <ToolbarButton
              label={exporting ? 'Đang xuất…' : 'Xuất Excel'}
              onClick={() => void exportExcel()}
              disabled={exporting}
              data-testid="btn-export"
            />
          )}
          <ToolbarButton label="Làm mới" onClick={refresh} data-testid="btn-refresh" />
        </Toolbar>
        <ToolbarSpacer />
        <label className="relative">
          <span className="sr-only">Tìm kiếm</span>
          <input
            type="search"
            data-testid="search-input"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                setSearch(searchText.trim());
                setOffset(0);
              }
            }}
            placeholder="Tìm theo mã, tên… (không cần dấu)"
            maxLength={100}
            className="w-72 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm focus:border-brand-500"
          />
        </label>
      </div>

      <FilterBar
        columns={shown}
        refOptions={refs.options}
        filters={filters}
        onChange={(f) => {
          setFilters(f);
          setOffset(0);
        }}
      />

      {actionError && (
        <div
          role="alert"
          data-testid="action-error"
          className="flex items-start justify-between gap-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          <p className="whitespace-pre-line">{actionError}</p>
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

      <div className="relative min-h-0 flex-1">
        {loadError && !page ? (
          <div className="h-full rounded-md border border-red-200 bg-white">
            <EmptyState
              tone="error"
              title="Không tải được dữ liệu"
              description={loadError}
              action={
                <Button onClick={refresh} data-testid="grid-retry">
                  Thử lại
                </Button>
              }
              data-testid="grid-error"
            />
          </div>
        ) : !page ? (
          <div
            className="flex h-full items-center justify-center rounded-md border border-slate-200 bg-white"
            data-testid="grid-loading"
          >
            <Spinner label="Đang tải dữ liệu…" />
          </div>
        ) : (
          <DataGrid<CatalogRow>
            rows={rows}
            columns={gridCols}
            getRowKey={(r) => String(r.id)}
            label={`Danh sách ${info.label.toLowerCase()}`}
            selectedKeys={selected}
            activeKey={activeKey}
            onSelectionChange={(s, a) => {
              setSelected(s);
              setActiveKey(a);
            }}
            onRowActivate={(r) => openEdit(r)}
            sort={sort}
            onSortChange={(s) => {
              setSort(s);
              setOffset(0);
            }}
            data-testid="catalog-grid"
            emptyContent={
              <EmptyState
                title={
                  filtered ? 'Không có dòng nào khớp điều kiện tìm kiếm' : `Chưa có ${info.label.toLowerCase()} nào`
                }
                description={
                  filtered
                    ? 'Thử bỏ bớt điều kiện lọc hoặc từ khóa tìm kiếm.'
                    : !isAdmin && BOOK_SCOPED.has(name)
                      ? 'Bạn chỉ thấy những dòng liên quan đến sổ đọc được giao cho mình; hãy liên hệ quản trị viên nếu cần thêm.'
                      : info.canAdd
                        ? 'Bấm «Thêm (F4)» để nhập dòng đầu tiên.'
                        : undefined
                }
                action={
                  filtered ? (
                    <Button
                      onClick={() => {
                        setFilters([]);
                        setSearchText('');
                        setSearch('');
                        setOffset(0);
                      }}
                    >
                      Bỏ lọc và tìm kiếm
                    </Button>
                  ) : undefined
                }
                data-testid="grid-empty"
              />
            }
          />
        )}
        {loading && page && (
          <div className="pointer-events-none absolute right-3 top-10 rounded-md bg-white/90 px-2 py-1 shadow-sm">
            <Spinner size="sm" label="Đang tải…" />
          </div>
        )}
      </div>

      {loadError && page && (
        <p role="alert" data-testid="reload-error" className="text-sm text-red-700">
          Không tải lại được: {loadError}{' '}
          <button type="button" onClick={refresh} className="underline">
            Thử lại
          </button>
        </p>
      )}

      <footer className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
        <div data-testid="page-info" aria-live="polite">
          {page ? (
            total === 0 ? (
              'Không có dòng nào'
            ) : (
              <>
                Dòng {from.toLocaleString('vi-VN')}–{to.toLocaleString('vi-VN')} / tổng{' '}
                <strong>{total.toLocaleString('vi-VN')}</strong>
                {selected.size > 1 && <> · đã chọn {selected.size}</>}
              </>
            )
          ) : (
            ' '
          )}
        </div>
        <nav aria-label="Phân trang" className="flex items-center gap-1">
          <Button
            size="sm"
            onClick={() => setOffset(0)}
            disabled={offset === 0}
            aria-label="Trang đầu"
            data-testid="page-first"
          >
            «
          </Button>
          <Button
            size="sm"
            onClick={() => setOffset(Math.max(0, offset - limit))}
            disabled={offset === 0}
            aria-label="Trang trước"
            data-testid="page-prev"
          >
            ‹
          </Button>
          <span className="px-2" data-testid="page-number">
            Trang {pageNo.toLocaleString('vi-VN')} / {pages.toLocaleString('vi-VN')}
          </span>
          <Button
            size="sm"
            onClick={() => setOffset(offset + limit)}
            disabled={offset + limit >= total}
            aria-label="Trang sau"
            data-testid="page-next"
          >
            ›
          </Button>
          <Button
            size="sm"
            onClick={() => setOffset((pages - 1) * limit)}
            disabled={offset + limit >= total}
            aria-label="Trang cuối"
            data-testid="page-last"
          >
            »
          </Button>
          <label className="ml-2 flex items-center gap-1">
            <span>Số dòng/trang</span>
            <select
              data-testid="page-size"
              value={limit}
              onChange={(e) => {
                setLimit(Number(e.target.value));
                setOffset(0);
              }}
              className="rounded-md border border-slate-300 bg-white px-1.5 py-1 text-sm"
            >
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        </nav>
      </footer>

      {form && (
        <CatalogForm
          info={info}
          columns={writable}
          row={form.row}
          documents={docs}
          refOptions={refs.options}
          refProblems={refs.problems}
          onCancel={() => setForm(null)}
          onSaved={(id) => {
            const wasEdit = form.row !== null;
            setForm(null);
            pendingSelect.current = String(id);
            toast.success(wasEdit ? 'Đã lưu thay đổi.' : `Đã thêm ${info.label.toLowerCase()}.`);
          }}
        />
      )}
      {confirmElement}
    </div>
  );
}
