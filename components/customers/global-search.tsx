'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { CustomerSearchHitFragment, SearchCustomersQuery, type SearchHit } from './customer-documents';

/**
 * Search across every book the user may read (code, name, phone, address, meter serial). Hits in the current
 * book select the row; hits elsewhere say which book holds them and offer to open it.
 */
export function GlobalSearch({
  currentBookId,
  onPick,
  onOpenBook,
}: {
  currentBookId: number | null;
  onPick: (hit: SearchHit) => void;
  onOpenBook: (hit: SearchHit) => void;
}) {
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const boxRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  // The query is sent once the clerk stops typing; the cache answers a repeated search and drops late answers.
  useEffect(() => {
    const t = window.setTimeout(() => setQuery(q.trim()), q.trim() ? 300 : 0);
    return () => window.clearTimeout(t);
  }, [q]);
  const tooShort = query.length > 0 && query.length < 2;
  const [result, reexecute] = useQuery({
    query: SearchCustomersQuery,
    variables: { query, currentBookId },
    pause: query.length < 2,
  });
  const searched = !tooShort && query.length >= 2 && result.operation?.variables.query === query;
  const raw = searched ? result.data?.searchCustomers : undefined;
  const hits = useMemo(() => (raw ? readFragment(CustomerSearchHitFragment, raw) : null), [raw]);
  const state = {
    loading: query.length >= 2 && (result.fetching || q.trim() !== query),
    hits: q.trim() ? hits : null,
    error: !q.trim()
      ? null
      : tooShort
        ? 'Nhập ít nhất 2 ký tự để tìm.'
        : result.error && searched
          ? errorMessage(result.error, 'Không tìm được.')
          : null,
  };
  const run = (text: string) => {
    const t = text.trim();
    if (t === query) reexecute({ requestPolicy: 'network-only' });
    else setQuery(t);
  };

  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      if (boxRef.current && !boxRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, []);

  const pick = (h: SearchHit) => {
    setOpen(false);
    if (h.inCurrentBook) onPick(h);
    else onOpenBook(h);
  };

  const focusResult = (i: number) => boxRef.current?.querySelectorAll<HTMLElement>('[data-result-main]')[i]?.focus();

  const showPanel = open && (state.loading || state.hits !== null || state.error !== null);
  return (
    <div ref={boxRef} className="relative w-full max-w-sm">
      <label className="sr-only" htmlFor="customer-global-search">
        Tìm khách hàng trong mọi sổ
      </label>
      <input
        id="customer-global-search"
        ref={inputRef}
        type="search"
        value={q}
        placeholder="Tìm mã KH, tên, điện thoại, địa chỉ, seri đồng hồ…"
        data-testid="global-search"
        autoComplete="off"
        role="combobox"
        aria-expanded={showPanel}
        aria-controls="customer-global-search-results"
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            setOpen(true);
            const first = state.hits?.[0];
            if (first && !state.loading && state.hits?.length === 1) pick(first);
            else run(q);
          } else if (e.key === 'ArrowDown') {
            e.preventDefault();
            focusResult(0);
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
        className="w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
      />
      {showPanel && (
        <div
          id="customer-global-search-results"
          data-testid="global-search-results"
          className="absolute right-0 z-40 mt-1 max-h-[60vh] w-[36rem] max-w-[90vw] overflow-auto rounded-md border border-slate-200 bg-white shadow-lg"
          onKeyDown={(e) => {
            const items = Array.from(boxRef.current?.querySelectorAll<HTMLElement>('[data-result-main]') ?? []);
            const i = items.indexOf(document.activeElement as HTMLElement);
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              items[Math.min(items.length - 1, i + 1)]?.focus();
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              if (i <= 0) inputRef.current?.focus();
              else items[i - 1]?.focus();
            } else if (e.key === 'Escape') {
              setOpen(false);
              inputRef.current?.focus();
            }
          }}
        >
          {state.loading && (
            <div className="px-3 py-2">
              <Spinner size="sm" label="Đang tìm…" />
            </div>
          )}
          {state.error && (
            <p role="alert" className="px-3 py-2 text-sm text-red-700">
              {state.error}
            </p>
          )}
          {state.hits && state.hits.length === 0 && !state.loading && (
            <p className="px-3 py-3 text-sm text-slate-500" data-testid="global-search-empty">
              Không tìm thấy khách hàng nào trong các sổ bạn được giao.
            </p>
          )}
          {state.hits && state.hits.length > 0 && (
            <ul role="listbox" aria-label="Kết quả tìm kiếm">
              {state.hits.map((h) => (
                <li
                  key={h.id}
                  role="option"
                  aria-selected={false}
                  data-testid="search-result"
                  data-customer-id={h.id}
                  data-code={h.code}
                  data-book-code={h.bookCode}
                  data-in-current-book={h.inCurrentBook ? 'true' : 'false'}
                  className="flex items-center gap-3 border-b border-slate-100 px-3 py-2 text-sm last:border-b-0"
                >
                  <button
                    type="button"
                    data-result-main=""
                    onClick={() => pick(h)}
                    className="min-w-0 flex-1 rounded text-left hover:bg-brand-50 focus:bg-brand-50"
                  >
                    <div className="flex items-baseline gap-2">
                      <span className="font-mono text-xs text-slate-500">{h.code}</span>
                      <span className="truncate font-medium text-slate-900">{h.name}</span>
                    </div>
                    <div className="truncate text-xs text-slate-500">
                      {h.address}
                      {h.phone ? ` · ${h.phone}` : ''}
                      {h.meterSerial ? ` · seri ${h.meterSerial}` : ''}
                    </div>
                    {h.inCurrentBook ? (
                      <div className="text-xs text-emerald-700">Trong sổ đang xem · Stt {h.sequenceNo}</div>
                    ) : (
                      <div className="text-xs font-medium text-amber-700" data-testid="search-result-book">
                        Khách hàng thuộc sổ {h.bookCode}
                      </div>
                    )}
                  </button>
                  {!h.inCurrentBook && (
                    <Button size="sm" onClick={() => pick(h)} data-testid="search-open-book">
                      Mở sổ {h.bookCode}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
