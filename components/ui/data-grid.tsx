'use client';

import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';

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
  /** Custom cell content; defaults to the `value` as text. */
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
 * Virtualised, keyboard-driven data grid (hand-written windowing: fixed row height, only visible rows are in the
 * DOM, sticky header). Click selects, Ctrl/⌘+click toggles, Shift+click selects a range, ↑/↓/PgUp/PgDn/Home/End
 * move (with Shift to extend), Ctrl+A selects all, Enter/double-click activates, header click sorts.
 */
export function DataGrid<T>({
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
  const [innerSel, setInnerSel] = useState<{ keys: Set<string>; active: string | null }>({ keys: new Set(), active: null });
  const selected = selectedKeys ?? innerSel.keys;
  const active = activeKey !== undefined ? activeKey : innerSel.active;
  const anchorRef = useRef<string | null>(null);
  const [first, setFirst] = useState(0);
  const [viewport, setViewport] = useState({ height: 600, header: 32 });

  const sortedRows = useMemo(() => {
    if (!sort) return rows;
    const col = columns.find((c) => c.key === sort.key);
    if (!col?.value) return rows;
    const get = col.value;
    const withIndex = rows.map((r, i) => ({ r, i, v: get(r) }));
    withIndex.sort((x, y) => {
      const c = compareValues(x.v, y.v);
      return (sort.dir === 'asc' ? c : -c) || x.i - y.i;
    });
    return withIndex.map((x) => x.r);
  }, [rows, columns, sort]);

  const keys = useMemo(() => sortedRows.map(getRowKey), [sortedRows, getRowKey]);
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

  // Measure the viewport and the sticky header.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () =>
      setViewport((v) => {
        const height = el.clientHeight;
        const header = headerRef.current?.offsetHeight ?? v.header;
        return v.height === height && v.header === header ? v : { height, header };
      });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const bodyHeight = Math.max(0, viewport.height - viewport.header);
  const visibleCount = Math.ceil(bodyHeight / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(sortedRows.length, first + visibleCount + overscan);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const f = Math.floor(el.scrollTop / rowHeight);
    setFirst((prev) => (prev === f ? prev : f));
  }, [rowHeight]);

  // Keep the active row in view whenever it changes (keyboard moves, selection set by the screen).
  const scrollToIndex = useCallback(
    (i: number) => {
      const el = scrollRef.current;
      if (!el || i < 0) return;
      const top = i * rowHeight;
      const bh = el.clientHeight - (headerRef.current?.offsetHeight ?? 0);
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowHeight > el.scrollTop + bh) el.scrollTop = top + rowHeight - bh;
    },
    [rowHeight],
  );
  const activeIndex = active != null ? (indexOfKey.get(active) ?? -1) : -1;
  useEffect(() => {
    if (activeIndex >= 0) scrollToIndex(activeIndex);
  }, [activeIndex, scrollToIndex]);

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
  const latest = useRef({ click: handleRowClick, activate: onRowActivate });
  latest.current = { click: handleRowClick, activate: onRowActivate };
  const onRowClick = useCallback((e: React.MouseEvent, index: number) => latest.current.click(e, index), []);
  const onRowDoubleClick = useCallback((row: unknown) => latest.current.activate?.(row as T), []);

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (sortedRows.length === 0) return;
    const page = Math.max(1, Math.floor(bodyHeight / rowHeight) - 1);
    let target: number | null = null;
    switch (e.key) {
      case 'ArrowDown':
        target = activeIndex < 0 ? 0 : Math.min(sortedRows.length - 1, activeIndex + 1);
        break;
      case 'ArrowUp':
        target = activeIndex < 0 ? 0 : Math.max(0, activeIndex - 1);
        break;
      case 'PageDown':
        target = Math.min(sortedRows.length - 1, Math.max(0, activeIndex) + page);
        break;
      case 'PageUp':
        target = Math.max(0, activeIndex - page);
        break;
      case 'Home':
        target = 0;
        break;
      case 'End':
        target = sortedRows.length - 1;
        break;
      case 'Enter': {
        const row = activeIndex >= 0 ? sortedRows[activeIndex] : undefined;
        if (row !== undefined && onRowActivate) {
          e.preventDefault();
          onRowActivate(row);
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
    scrollToIndex(target);
  };

  const toggleSort = (col: DataGridColumn<T>) => {
    const next: DataGridSort | null =
      !sort || sort.key !== col.key ? { key: col.key, dir: 'asc' } : sort.dir === 'asc' ? { key: col.key, dir: 'desc' } : null;
    if (sortProp === undefined) setInnerSort(next);
    onSortChange?.(next);
  };

  const rowsOut: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    const row = sortedRows[i];
    const key = keys[i];
    if (row === undefined || key === undefined) continue;
    rowsOut.push(
      <GridRow
        key={key}
        id={`${gridId}-r${i}`}
        row={row}
        rowKey={key}
        index={i}
        top={i * rowHeight}
        height={rowHeight}
        template={template}
        columns={columns as DataGridColumn<unknown>[]}
        selected={selected.has(key)}
        active={key === active}
        extraClass={rowClassName?.(row)}
        testId={rowTestId}
        rowData={rowData as ((row: unknown) => Record<string, string>) | undefined}
        onClick={onRowClick}
        onActivate={onRowDoubleClick}
      />,
    );
  }

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label={label}
      aria-rowcount={sortedRows.length + 1}
      aria-colcount={columns.length}
      aria-multiselectable={multiSelect || undefined}
      aria-activedescendant={activeIndex >= start && activeIndex < end ? `${gridId}-r${activeIndex}` : undefined}
      tabIndex={0}
      onScroll={onScroll}
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
          {columns.map((c) => {
            const sortable = c.sortable ?? !!c.value;
            const dir = sort?.key === c.key ? sort.dir : null;
            return (
              <div
                key={c.key}
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
        {sortedRows.length === 0 ? (
          <div role="row">
            <div role="gridcell">{emptyContent ?? <p className="px-3 py-6 text-center text-slate-500">Không có dữ liệu</p>}</div>
          </div>
        ) : (
          <div role="rowgroup" className="relative" style={{ height: sortedRows.length * rowHeight }}>
            {rowsOut}
          </div>
        )}
      </div>
    </div>
  );
}

interface GridRowProps {
  id: string;
  row: unknown;
  rowKey: string;
  index: number;
  top: number;
  height: number;
  template: string;
  columns: DataGridColumn<unknown>[];
  selected: boolean;
  active: boolean;
  extraClass: string | undefined;
  testId: string;
  rowData: ((row: unknown) => Record<string, string>) | undefined;
  onClick: (e: React.MouseEvent, index: number) => void;
  onActivate: (row: unknown) => void;
}

const GridRow = memo(function GridRow({
  id,
  row,
  rowKey,
  index,
  top,
  height,
  template,
  columns,
  selected,
  active,
  extraClass,
  testId,
  rowData,
  onClick,
  onActivate,
}: GridRowProps) {
  return (
    <div
      {...rowData?.(row)}
      id={id}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-testid={testId}
      data-row-key={rowKey}
      data-selected={selected ? 'true' : 'false'}
      onMouseDown={(e) => {
        if (e.shiftKey) e.preventDefault();
      }}
      onClick={(e) => onClick(e, index)}
      onDoubleClick={() => onActivate(row)}
      className={`absolute left-0 right-0 grid cursor-default select-none border-b border-slate-100 ${
        selected ? 'bg-brand-100 text-slate-900' : index % 2 ? 'bg-slate-50/60 hover:bg-brand-50' : 'bg-white hover:bg-brand-50'
      } ${active ? 'shadow-[inset_3px_0_0_var(--color-brand-600)]' : ''} ${extraClass ?? ''}`}
      style={{ top, height, gridTemplateColumns: template }}
    >
      {columns.map((c) => {
        const content = c.render ? c.render(row, index) : (c.value?.(row) ?? '');
        return (
          <div
            key={c.key}
            role="gridcell"
            className={`truncate px-2 ${c.align === 'right' ? 'text-right tabular-nums' : c.align === 'center' ? 'text-center' : ''}`}
            style={{ lineHeight: `${height - 1}px` }}
            title={typeof content === 'string' || typeof content === 'number' ? String(content) : undefined}
          >
            {typeof content === 'boolean' ? (content ? '✓' : '') : content}
          </div>
        );
      })}
    </div>
  );
});
