'use client';

import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  displayValue,
  FILTER_OP_LABELS,
  FILTER_OPS,
  formatDate,
  type CatalogColumn,
  type FilterCondition,
  type FilterOp,
  type RefOption,
} from './catalog-columns';

const CONTROL = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-brand-500';

/** The operators that make sense for a column: coded columns compare by equality, text also by "chứa". */
function opsFor(column: CatalogColumn | undefined): FilterOp[] {
  if (!column) return [...FILTER_OPS];
  if (column.options.length > 0 || column.kind === 'ref') return ['eq', 'ne'];
  if (column.kind === 'string') return [...FILTER_OPS];
  return FILTER_OPS.filter((op) => op !== 'contains' && op !== 'startsWith');
}

export interface FilterBarProps {
  columns: readonly CatalogColumn[];
  refOptions: ReadonlyMap<string, readonly RefOption[]>;
  filters: readonly FilterCondition[];
  onChange: (filters: FilterCondition[]) => void;
}

/** One condition at a time: column, operator, value(s); applied conditions show as removable chips (AND). */
export function FilterBar({ columns, refOptions, filters, onChange }: FilterBarProps) {
  const [columnName, setColumnName] = useState(columns[0]?.name ?? '');
  const column = columns.find((c) => c.name === columnName);
  const ops = opsFor(column);
  const [opState, setOp] = useState<FilterOp>(column?.kind === 'string' && !column.options.length ? 'contains' : 'eq');
  const op = ops.includes(opState) ? opState : ops[0]!;
  const [value, setValue] = useState('');
  const [value2, setValue2] = useState('');
  const [error, setError] = useState<string | null>(null);

  const refMaps = useMemo(() => {
    const m = new Map<string, Map<number, RefOption>>();
    for (const [k, list] of refOptions) m.set(k, new Map(list.map((r) => [r.id, r])));
    return m;
  }, [refOptions]);

  function changeColumn(name: string) {
    setColumnName(name);
    const c = columns.find((x) => x.name === name);
    setOp(c?.kind === 'string' && !c.options.length ? 'contains' : 'eq');
    setValue('');
    setValue2('');
    setError(null);
  }

  function check(v: string, which: string): string | null {
    if (!column) return 'Chưa chọn cột để lọc.';
    const t = v.trim();
    if (!t) return `Chưa nhập giá trị${which}.`;
    if ((column.kind === 'int' || column.kind === 'ref') && !/^-?\d{1,15}$/.test(t))
      return `Giá trị${which} phải là số nguyên.`;
    if (column.kind === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(t) && !/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(t))
      return `Giá trị${which} phải là ngày (dd/mm/yyyy).`;
    return null;
  }

  function apply() {
    if (!column) return;
    const e1 = check(value, op === 'between' ? ' «từ»' : '');
    const e2 = op === 'between' ? check(value2, ' «đến»') : null;
    const e = e1 ?? e2;
    if (e) {
      setError(e);
      return;
    }
    setError(null);
    onChange([
      ...filters,
      { column: column.name, op, value: value.trim(), ...(op === 'between' ? { value2: value2.trim() } : {}) },
    ]);
    setValue('');
    setValue2('');
  }

  function describe(f: FilterCondition): string {
    const c = columns.find((x) => x.name === f.column);
    const show = (v: string | null | undefined) => {
      if (v === null || v === undefined) return '';
      if (!c) return v;
      if (c.kind === 'date') return formatDate(v);
      if (c.options.length > 0 || c.kind === 'ref') return displayValue(c, v, c.ref ? refMaps.get(c.ref) : undefined);
      return v;
    };
    const label = c?.label ?? f.column;
    if (f.op === 'between') return `${label} từ ${show(f.value)} đến ${show(f.value2)}`;
    return `${label} ${FILTER_OP_LABELS[f.op]} «${show(f.value)}»`;
  }

  const valueInput = (v: string, set: (s: string) => void, testid: string, aria: string) => {
    if (column && (column.options.length > 0 || column.kind === 'ref')) {
      const options =
        column.options.length > 0
          ? column.options
          : (refOptions.get(column.ref ?? '') ?? []).map((r) => ({
              value: String(r.id),
              label: `${r.code} – ${r.name}`,
            }));
      return (
        <select
          aria-label={aria}
          data-testid={testid}
          value={v}
          onChange={(e) => set(e.target.value)}
          className={`${CONTROL} min-w-40`}
        >
          <option value="">— Chọn —</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    }
    return (
      <input
        aria-label={aria}
        data-testid={testid}
        type={column?.kind === 'date' ? 'date' : 'text'}
        inputMode={column?.kind === 'int' ? 'numeric' : undefined}
        value={v}
        onChange={(e) => set(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply();
          }
        }}
        placeholder={column?.kind === 'int' ? 'Số' : 'Giá trị'}
        className={`${CONTROL} w-44`}
      />
    );
  };

  return (
    <div data-testid="filter-bar" className="flex flex-col gap-1.5">
      <div className="flex flex-wrap items-center gap-1.5">
        <span className="text-sm font-medium text-slate-600">Lọc:</span>
        <select
          aria-label="Cột lọc"
          data-testid="filter-column"
          value={columnName}
          onChange={(e) => changeColumn(e.target.value)}
          className={CONTROL}
        >
          {columns.map((c) => (
            <option key={c.name} value={c.name}>
              {c.label}
            </option>
          ))}
        </select>
        <select
          aria-label="Phép so sánh"
          data-testid="filter-op"
          value={op}
          onChange={(e) => setOp(e.target.value as FilterOp)}
          className={CONTROL}
        >
          {ops.map((o) => (
            <option key={o} value={o}>
              {FILTER_OP_LABELS[o]}
            </option>
          ))}
        </select>
        {valueInput(value, setValue, 'filter-value', op === 'between' ? 'Giá trị từ' : 'Giá trị lọc')}
        {op === 'between' && (
          <>
            <span className="text-sm text-slate-500">đến</span>
            {valueInput(value2, setValue2, 'filter-value2', 'Giá trị đến')}
          </>
        )}
        <Button size="md" onClick={apply} data-testid="filter-apply">
          Áp dụng
        </Button>
        <Button
          size="md"
          variant="ghost"
          onClick={() => {
            setError(null);
            setValue('');
            setValue2('');
            onChange([]);
          }}
          disabled={filters.length === 0}
          data-testid="filter-clear"
        >
          Bỏ lọc
        </Button>
      </div>
      {error && (
        <p role="alert" data-testid="filter-error" className="text-xs text-red-600">
          {error}
        </p>
      )}
      {filters.length > 0 && (
        <ul aria-label="Điều kiện đang lọc" className="flex flex-wrap gap-1.5">
          {filters.map((f, i) => (
            <li
              key={`${f.column}-${f.op}-${i}`}
              data-testid="filter-chip"
              className="inline-flex items-center gap-1 rounded-full border border-brand-100 bg-brand-50 py-0.5 pl-2.5 pr-1 text-xs text-brand-700"
            >
              {describe(f)}
              <button
                type="button"
                aria-label={`Bỏ điều kiện ${describe(f)}`}
                onClick={() => onChange(filters.filter((_, j) => j !== i))}
                className="rounded-full px-1 text-brand-700 hover:bg-brand-100"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
