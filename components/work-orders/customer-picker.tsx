'use client';

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { CustomerSearchHitFragment, SearchCustomersQuery } from '@/components/customers/customer-documents';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';

/** The customer a request is about, as the intake form keeps it. */
export interface PickedCustomer {
  id: number;
  code: string;
  name: string;
  address: string | null;
  phone: string | null;
  bookCode: string | null;
}

/**
 * Finds an existing customer with the customers screen's search (code, name, phone, address, meter serial across
 * the books the user holds); arrows and Enter pick one. Once picked, shows the customer with "Đổi".
 */
export function CustomerPicker({
  value,
  onChange,
  error,
  invalid,
}: {
  value: PickedCustomer | null;
  onChange: (c: PickedCustomer | null) => void;
  error?: string | null;
  invalid?: boolean;
}) {
  const id = useId();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const t = window.setTimeout(() => setQuery(q.trim()), q.trim() ? 300 : 0);
    return () => window.clearTimeout(t);
  }, [q]);
  const [result] = useQuery({
    query: SearchCustomersQuery,
    variables: { query, currentBookId: null },
    pause: query.length < 2,
  });
  const current = result.operation?.variables.query === query;
  const raw = query.length >= 2 && current ? result.data?.searchCustomers : undefined;
  const hits = useMemo(() => (raw ? readFragment(CustomerSearchHitFragment, raw).slice(0, 10) : null), [raw]);

  const pick = (i: number) => {
    const h = hits?.[i];
    if (!h) return;
    onChange({ id: h.id, code: h.code, name: h.name, address: h.address, phone: h.phone, bookCode: h.bookCode });
    setQ('');
    setQuery('');
  };

  if (value)
    return (
      <div
        className="flex items-center gap-2 rounded-md border border-emerald-300 bg-emerald-50 px-2.5 py-1.5 text-sm"
        data-testid="picked-customer"
        data-customer-id={value.id}
      >
        <div className="min-w-0 flex-1">
          <div className="truncate">
            <span className="font-mono text-xs text-slate-500">{value.code}</span>{' '}
            <span className="font-medium">{value.name}</span>
            {value.bookCode && <span className="text-xs text-slate-500"> · sổ {value.bookCode}</span>}
          </div>
          <div className="truncate text-xs text-slate-600">
            {value.address}
            {value.phone ? ` · ${value.phone}` : ''}
          </div>
        </div>
        <Button
          size="sm"
          onClick={() => {
            onChange(null);
            window.setTimeout(() => inputRef.current?.focus(), 0);
          }}
          data-testid="change-customer"
        >
          Đổi
        </Button>
      </div>
    );

  const listId = `${id}-hits`;
  const showList = q.trim().length >= 2;
  return (
    <div className="relative">
      <input
        ref={inputRef}
        id={id}
        type="search"
        role="combobox"
        aria-label="Tìm khách hàng"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={hits?.[active] ? `${listId}-${active}` : undefined}
        aria-invalid={invalid || undefined}
        autoComplete="off"
        value={q}
        placeholder="Mã KH, tên, điện thoại, địa chỉ, seri đồng hồ…"
        data-testid="customer-search"
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min((hits?.length ?? 1) - 1, a + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            e.stopPropagation();
            pick(active);
          }
        }}
        className={`w-full rounded-md border bg-white px-2.5 py-1.5 text-sm ${invalid ? 'border-red-500 bg-red-50/40' : 'border-slate-300'}`}
      />
      {showList && (
        <div className="absolute z-40 mt-1 max-h-72 w-full overflow-auto rounded-md border border-slate-200 bg-white shadow-lg">
          {(result.fetching || !current || q.trim() !== query) && (
            <div className="px-3 py-2">
              <Spinner size="sm" label="Đang tìm…" />
            </div>
          )}
          {result.error && current && (
            <p role="alert" className="px-3 py-2 text-sm text-red-700">
              {errorMessage(result.error, 'Không tìm được khách hàng.')}
            </p>
          )}
          {hits && hits.length === 0 && (
            <p className="px-3 py-2 text-sm text-slate-500" data-testid="customer-search-empty">
              Không tìm thấy khách hàng nào trong các sổ bạn được giao.
            </p>
          )}
          {hits && hits.length > 0 && (
            <ul role="listbox" id={listId} aria-label="Khách hàng tìm được">
              {hits.map((h, i) => (
                <li
                  key={h.id}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  data-testid="customer-hit"
                  data-customer-id={h.id}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => pick(i)}
                  className={`cursor-pointer border-b border-slate-100 px-3 py-1.5 text-sm last:border-b-0 ${i === active ? 'bg-brand-50' : 'hover:bg-slate-50'}`}
                >
                  <div className="flex items-baseline gap-2">
                    <span className="font-mono text-xs text-slate-500">{h.code}</span>
                    <span className="truncate font-medium">{h.name}</span>
                    <span className="ml-auto text-xs text-slate-500">sổ {h.bookCode}</span>
                  </div>
                  <div className="truncate text-xs text-slate-500">
                    {h.address}
                    {h.phone ? ` · ${h.phone}` : ''}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {error && (
        <p role="alert" data-testid="error-customerId" className="mt-1 text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
