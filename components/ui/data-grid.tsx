'use client';

import {
  createSortedRowModel,
  metaHelper,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type Row,
  type RowData,
  type SortFn,
  type SortingState,
} from '@tanstack/react-table';
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLatestRef } from './use-latest-ref';

/** One column of `<DataGrid>`. */
export interface DataGridColumn<T> {
  /** Stable id (also the sort key). */
  key: string;
  /** Header text (Vietnamese). */
  header: string;
  /** Track width: a number is px; a string is any CSS grid track ("1fr", "minmax(160px,1fr)"). Default 120. */
  width?: number | string;
  /** Raw value used for sorting and for the default cell text. */
  value?: (row: T) => string | number | boolean | null | undefined;
  /** Custom cell content; defaults to the `value` as text. `rowIndex` is the row's position in the displayed (sorted) order. */
  render?: (row: T, rowIndex: number) => ReactNode;
  align?: 'left' | 'right' | 'center';
  /** Header click sorts by `value` (default true when `value` is given). */
  sortable?: boolean;
}

/** Sort state of `<DataGrid>`; `null` keeps the rows in the order given. */
export interface DataGridSort {
  key: string;
  dir: 'asc' | 'desc';
}

/** Props of `<DataGrid>`. The grid fills its parent's height (give the parent a height, e.g. `flex-1 min-h-0`). */
export interface DataGridProps<T> {
  rows: readonly T[];
  columns: readonly DataGridColumn<T>[];
  /** Unique, stable key per row. */
  getRowKey: (row: T) => string;
  /** Accessible name of the grid, e.g. "Danh sách khách hàng". */
  label: string;
  /** Selected row keys (controlled). Leave undefined for internal selection state. */
  selectedKeys?: ReadonlySet<string>;
  /** The focused (cursor) row key (controlled together with `selectedKeys`). */
  activeKey?: string | null;
  /** Called on click / Ctrl+click / Shift+click / arrow keys with the new selection and cursor row. */
  onSelectionChange?: (selected: Set<string>, activeKey: string | null) => void;
  /** Double-click or Enter on a row. */
  onRowActivate?: (row: T) => void;
  /** Allow Ctrl/⌘+click and Shift+click multi-selection (default true). */
  multiSelect?: boolean;
  /** Fixed row height in px (default 30). */
  rowHeight?: number;
  /** Extra rows rendered above/below the viewport (default 8). */
  overscan?: number;
  /** Extra classes per row (e.g. grey out inactive customers); keep it stable so rows can skip re-rendering. */
  rowClassName?: (row: T) => string | undefined;
  /** Controlled sort; pair with `onSortChange`. */
  sort?: DataGridSort | null;
  /** Initial sort when uncontrolled. */
  defaultSort?: DataGridSort | null;
  onSortChange?: (sort: DataGridSort | null) => void;
  /** Shown in the body when there are no rows. */
  emptyContent?: ReactNode;
  className?: string;
  'data-testid'?: string;
  /** `data-testid` of each row (default "grid-row"); rows also carry `data-row-key` and `data-selected`. */
  rowTestId?: string;
  /** Extra `data-*` attributes per row (e.g. `{ 'data-code': row.code }`) for tests and styling; keep it stable (module-level or useCallback). */
  rowData?: (row: T) => Record<`data-${string}`, string>;
}

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

function compareValues(a: unknown, b: unknown): number {
  const an = a === null || a === undefined || a === '';
  const bn = b === null || b === undefined || b === '';
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return collator.compare(String(a), String(b));
}

function track(w: number | string | undefined): string {
  if (w === undefined) return '120px';
  return typeof w === 'number' ? `${w}px` : w;
}

/**
 * TanStack Table owns the column model and the client-side sort; selection stays ours because the grid behaves like
 * a Windows list (Shift replaces the selection with the range, Ctrl+Shift adds it), which the checkbox-oriented
 * row-selection feature does not model.
 */
const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  columnMeta: metaHelper<{ align: DataGridColumn<unknown>['align'] }>(),
});
type Features = typeof features;
type GridRowModel = Row<Features, RowData>;

// Empty, null and '' sort after values ascending (before them descending), Vietnamese collation with numeric runs.
const sortByValue: SortFn<Features, RowData> = (a, b, columnId) =>
  compareValues(a.getValue(columnId), b.getValue(columnId));

/** Before the first measurement (server render, first client render) the grid assumes a 600 px viewport. */
const INITIAL_RECT = { width: 0, height: 600 };

/**
 * A scroll box without a layout box (inside a hidden tab, or in jsdom) measures 0 px high; it keeps the assumed
 * viewport so its first rows are still in the DOM, and the real size is taken as soon as it is laid out.
 */
function observeRectOrAssume(
  instance: Virtualizer<HTMLDivElement, Element>,
  cb: (rect: { width: number; height: number }) => void,
) {
  return observeElementRect(instance, (rect) =>
    cb(rect.height > 0 ? rect : { width: rect.width, height: INITIAL_RECT.height }),
  );
}

/**
 * Virtualised, keyboard-driven data grid on TanStack Table (columns, sorting) and TanStack Virtual (only the rows in
 * view are in the DOM; fixed row height, sticky header). Click selects, Ctrl/⌘+click toggles, Shift+click selects a
 * range, ↑/↓/PgUp/PgDn/Home/End move (with Shift to extend), Ctrl+A selects all, Enter/double-click activates,
 * header click sorts.
 */
export function DataGrid<T extends RowData>({
  rows,
  columns,
  getRowKey,
  label,
  selectedKeys,
  activeKey,
  onSelectionChange,
  onRowActivate,
  multiSelect = true,
  rowHeight = 30,
  overscan = 8,
  rowClassName,
  sort: sortProp,
  defaultSort = null,
  onSortChange,
  emptyContent,
  className = '',
  rowTestId = 'grid-row',
  rowData,
  ...rest
}: DataGridProps<T>) {
  const gridId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const headerRef = useRef<HTMLDivElement>(null);
  const [innerSort, setInnerSort] = useState<DataGridSort | null>(defaultSort);
  const sort = sortProp !== undefined ? sortProp : innerSort;
  const [innerSel, setInnerSel] = useState<{ keys: Set<string>; active: string | null }>({
    keys: new Set(),
    active: null,
  });
  const selected = selectedKeys ?? innerSel.keys;
  const active = activeKey !== undefined ? activeKey : innerSel.active;
  const anchorRef = useRef<string | null>(null);
  const [headerHeight, setHeaderHeight] = useState(32);

  const columnDefs = useMemo<ColumnDef<Features, T>[]>(
    () =>
      columns.map((c) => {
        const get = c.value;
        return {
          id: c.key,
          header: c.header,
          // A column without `value` has no accessor, so TanStack leaves its rows in the given order: that is how a
          // server-sorted column (catalogs) shows the arrow without a client re-sort.
          ...(get ? { accessorFn: (row: T) => get(row) } : {}),
          enableSorting: c.sortable ?? !!get,
          sortFn: sortByValue as SortFn<Features, T>,
          sortUndefined: false,
          meta: { align: c.align },
        } satisfies ColumnDef<Features, T>;
      }),
    [columns],
  );
  // Cell content comes from our column's `render` with the display index the virtualizer already knows, rather
  // than a TanStack cell template: `row.getDisplayIndex()` walks the whole row model on each call, which made
  // scrolling a 2,000-row book stutter.
  const cellContent = useMemo(() => {
    const byKey = new Map(columns.map((c) => [c.key, c]));
    return (row: GridRowModel, columnId: string, index: number): ReactNode => {
      const c = byKey.get(columnId);
      if (!c) return null;
      const original = row.original as T;
      const content = c.render ? c.render(original, index) : (c.value?.(original) ?? '');
      return typeof content === 'boolean' ? (content ? '✓' : '') : content;
    };
  }, [columns]);
  const sorting = useMemo<SortingState>(() => (sort ? [{ id: sort.key, desc: sort.dir === 'desc' }] : []), [sort]);
  const table = useTable(
    { features, columns: columnDefs, data: rows, getRowId: getRowKey, state: { sorting } },
    (s) => s.sorting,
  );
  const tableRows = table.getRowModel().rows as GridRowModel[];

  const keys = useMemo(() => tableRows.map((r) => r.id), [tableRows]);
  const indexOfKey = useMemo(() => {
    const m = new Map<string, number>();
    keys.forEach((k, i) => m.set(k, i));
    return m;
  }, [keys]);

  const template = useMemo(() => columns.map((c) => track(c.width)).join(' '), [columns]);
  const minWidth = useMemo(
    () => columns.reduce((s, c) => s + (typeof c.width === 'number' ? c.width : c.width === undefined ? 120 : 160), 0),
    [columns],
  );

  // The sticky header covers the top of the scroll box: the virtualizer offsets rows by it and scrolls the cursor
  // row below it.
  useLayoutEffect(() => {
    const el = headerRef.current;
    if (!el) return;
    const measure = () => setHeaderHeight(el.offsetHeight);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const estimateSize = useCallback(() => rowHeight, [rowHeight]);
  const getItemKey = useCallback((i: number) => keys[i] ?? i, [keys]);
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    overscan,
    scrollMargin: headerHeight,
    scrollPaddingStart: headerHeight,
    initialRect: INITIAL_RECT,
    observeElementRect: observeRectOrAssume,
    // Re-rendering inside each scroll event (flushSync) halved the frame rate of a 2,000-row book in Chromium; a
    // batched render before the next frame is enough, as the rows are laid out at fixed positions.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();

  const activeIndex = active != null ? (indexOfKey.get(active) ?? -1) : -1;
  // Keep the cursor row in view whenever it changes (keyboard moves, selection set by the screen).
  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex);
  }, [activeIndex, virtualizer]);

  const emit = useCallback(
    (keysSel: Set<string>, act: string | null) => {
      if (selectedKeys === undefined || activeKey === undefined) setInnerSel({ keys: keysSel, active: act });
      onSelectionChange?.(keysSel, act);
    },
    [selectedKeys, activeKey, onSelectionChange],
  );

  const rangeKeys = useCallback(
    (fromKey: string | null, toIndex: number) => {
      const from = fromKey != null ? (indexOfKey.get(fromKey) ?? toIndex) : toIndex;
      const [a, b] = from <= toIndex ? [from, toIndex] : [toIndex, from];
      return new Set(keys.slice(a, b + 1));
    },
    [keys, indexOfKey],
  );

  const handleRowClick = (e: React.MouseEvent, index: number) => {
    const key = keys[index];
    if (key === undefined) return;
    scrollRef.current?.focus({ preventScroll: true });
    if (multiSelect && e.shiftKey) {
      const range = rangeKeys(anchorRef.current ?? active, index);
      // Ctrl+Shift adds the range to the selection; Shift alone replaces it (as in Windows lists).
      emit(e.ctrlKey || e.metaKey ? new Set([...selected, ...range]) : range, key);
      return;
    }
    if (multiSelect && (e.ctrlKey || e.metaKey)) {
      const next = new Set(selected);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      anchorRef.current = key;
      emit(next, key);
      return;
    }
    anchorRef.current = key;
    emit(new Set([key]), key);
  };
  // Rows get stable handlers (they read the latest state through a ref) so memoised rows skip re-rendering.
  const latest = useLatestRef({ click: handleRowClick, activate: onRowActivate });
  const onRowClick = useCallback((e: React.MouseEvent, index: number) => latest.current.click(e, index), [latest]);
  const onRowDoubleClick = useCallback((row: unknown) => latest.current.activate?.(row as T), [latest]);

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (tableRows.length === 0) return;
    const bodyHeight = (scrollRef.current?.clientHeight ?? 0) - headerHeight;
    const page = Math.max(1, Math.floor(bodyHeight / rowHeight) - 1);
    let target: number | null = null;
    switch (e.key) {
      case 'ArrowDown':
        target = activeIndex < 0 ? 0 : Math.min(tableRows.length - 1, activeIndex + 1);
        break;
      case 'ArrowUp':
        target = activeIndex < 0 ? 0 : Math.max(0, activeIndex - 1);
        break;
      case 'PageDown':
        target = Math.min(tableRows.length - 1, Math.max(0, activeIndex) + page);
        break;
      case 'PageUp':
        target = Math.max(0, activeIndex - page);
        break;
      case 'Home':
        target = 0;
        break;
      case 'End':
        target = tableRows.length - 1;
        break;
      case 'Enter': {
        const row = activeIndex >= 0 ? tableRows[activeIndex] : undefined;
        if (row !== undefined && onRowActivate) {
          e.preventDefault();
          onRowActivate(row.original as T);
        }
        return;
      }
      case ' ': {
        if (multiSelect && (e.ctrlKey || e.metaKey) && active != null) {
          e.preventDefault();
          const next = new Set(selected);
          if (next.has(active)) next.delete(active);
          else next.add(active);
          emit(next, active);
        }
        return;
      }
      case 'a':
      case 'A':
        if (multiSelect && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          emit(new Set(keys), active ?? keys[0] ?? null);
        }
        return;
      default:
        return;
    }
    e.preventDefault();
    const key = keys[target];
    if (key === undefined) return;
    if (multiSelect && e.shiftKey) {
      if (anchorRef.current == null) anchorRef.current = active ?? key;
      emit(rangeKeys(anchorRef.current, target), key);
    } else {
      anchorRef.current = key;
      emit(new Set([key]), key);
    }
    virtualizer.scrollToIndex(target);
  };

  const toggleSort = (col: DataGridColumn<T>) => {
    const next: DataGridSort | null =
      !sort || sort.key !== col.key
        ? { key: col.key, dir: 'asc' }
        : sort.dir === 'asc'
          ? { key: col.key, dir: 'desc' }
          : null;
    if (sortProp === undefined) setInnerSort(next);
    onSortChange?.(next);
  };

  const firstRendered = items[0]?.index ?? -1;
  const lastRendered = items[items.length - 1]?.index ?? -1;
  const headers = table.getHeaderGroups()[0]?.headers ?? [];

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label={label}
      aria-rowcount={tableRows.length + 1}
      aria-colcount={columns.length}
      aria-multiselectable={multiSelect || undefined}
      aria-activedescendant={
        activeIndex >= firstRendered && activeIndex <= lastRendered ? `${gridId}-r${activeIndex}` : undefined
      }
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid={rest['data-testid']}
      className={`relative h-full overflow-auto rounded-md border border-slate-200 bg-white text-sm outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ${className}`}
    >
      <div style={{ minWidth }}>
        <div
          ref={headerRef}
          role="row"
          aria-rowindex={1}
          className="sticky top-0 z-10 grid border-b border-slate-300 bg-slate-100 text-xs font-semibold text-slate-600"
          style={{ gridTemplateColumns: template }}
        >
          {headers.map((h, i) => {
            const c = columns[i];
            if (!c) return null;
            const sortable = c.sortable ?? !!c.value;
            const dir = sort?.key === c.key ? sort.dir : null;
            return (
              <div
                key={h.id}
                role="columnheader"
                aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : sortable ? 'none' : undefined}
                className={`truncate border-r border-slate-200 px-2 py-2 last:border-r-0 ${c.align === 'right' ? 'text-right' : c.align === 'center' ? 'text-center' : ''}`}
              >
                {sortable ? (
                  <button
                    type="button"
                    tabIndex={-1}
                    onClick={() => toggleSort(c)}
                    className={`inline-flex max-w-full items-center gap-1 hover:text-slate-900 ${c.align === 'right' ? 'flex-row-reverse' : ''}`}
                    title={`Sắp xếp theo ${c.header}`}
                  >
                    <span className="truncate">{c.header}</span>
                    <span aria-hidden="true" className="text-[10px] text-slate-400">
                      {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}
                    </span>
                  </button>
                ) : (
                  c.header
                )}
              </div>
            );
          })}
        </div>
        {tableRows.length === 0 ? (
          <div role="row">
            <div role="gridcell">
              {emptyContent ?? <p className="px-3 py-6 text-center text-slate-500">Không có dữ liệu</p>}
            </div>
          </div>
        ) : (
          <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = tableRows[item.index];
              if (!row) return null;
              const key = row.id;
              return (
                <GridRow
                  key={key}
                  id={`${gridId}-r${item.index}`}
                  row={row}
                  index={item.index}
                  top={item.start - headerHeight}
                  height={rowHeight}
                  template={template}
                  selected={selected.has(key)}
                  active={key === active}
                  extraClass={rowClassName?.(row.original as T)}
                  testId={rowTestId}
                  rowData={rowData as ((row: unknown) => Record<string, string>) | undefined}
                  cellContent={cellContent}
                  onClick={onRowClick}
                  onActivate={onRowDoubleClick}
                />
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}

interface GridRowProps {
  id: string;
  row: GridRowModel;
  index: number;
  top: number;
  height: number;
  template: string;
  selected: boolean;
  active: boolean;
  extraClass: string | undefined;
  testId: string;
  rowData: ((row: unknown) => Record<string, string>) | undefined;
  cellContent: (row: GridRowModel, columnId: string, index: number) => ReactNode;
  onClick: (e: React.MouseEvent, index: number) => void;
  onActivate: (row: unknown) => void;
}

const GridRow = memo(function GridRow({
  id,
  row,
  index,
  top,
  height,
  template,
  selected,
  active,
  extraClass,
  testId,
  rowData,
  cellContent,
  onClick,
  onActivate,
}: GridRowProps) {
  return (
    <div
      {...rowData?.(row.original)}
      id={id}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-testid={testId}
      data-row-key={row.id}
      data-selected={selected ? 'true' : 'false'}
      onMouseDown={(e) => {
        if (e.shiftKey) e.preventDefault();
      }}
      onClick={(e) => onClick(e, index)}
      onDoubleClick={() => onActivate(row.original)}
      className={`absolute left-0 right-0 grid cursor-default select-none border-b border-slate-100 ${
        selected
          ? 'bg-brand-100 text-slate-900'
          : index % 2
            ? 'bg-slate-50/60 hover:bg-brand-50'
            : 'bg-white hover:bg-brand-50'
      } ${active ? 'shadow-[inset_3px_0_0_var(--color-brand-600)]' : ''} ${extraClass ?? ''}`}
      style={{ top, height, gridTemplateColumns: template }}
    >
      {row.getAllCells().map((cell) => {
        const align = cell.column.columnDef.meta?.align;
        const content = cellContent(row, cell.column.id, index);
        return (
          <div
            key={cell.id}
            role="gridcell"
            className={`truncate px-2 ${align === 'right' ? 'text-right tabular-nums' : align === 'center' ? 'text-center' : ''}`}
            style={{ lineHeight: `${height - 1}px` }}
            title={typeof content === 'string' || typeof content === 'number' ? String(content) : undefined}
          >
            {content}
          </div>
        );
      })}
    </div>
  );
});
