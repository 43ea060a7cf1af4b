'use client';

import { EmptyState } from '@/components/ui/empty-state';
import type { BookOption, HistoryEntry } from './customer-documents';
import type { Catalogs } from './use-customer-data';
import {
  CUSTOMER_TYPE_LABELS,
  FIELD_LABELS,
  HISTORY_KIND_LABELS,
  STATUS_LABELS,
  WASTEWATER_LABELS,
  fmtDate,
  fmtDateTime,
} from './format';

const DATE_KEYS = new Set([
  'signedOn',
  'handoverOn',
  'installedOn',
  'verifiedOn',
  'removedOn',
  'endedOn',
  'preferentialUntil',
]);

function nameOf(items: readonly { id: number; code: string; name: string }[] | undefined, id: unknown): string {
  const hit = items?.find((x) => x.id === Number(id));
  return hit ? `${hit.code} – ${hit.name}` : `#${String(id)}`;
}

/** Renders one stored value in Vietnamese (catalog ids → names, codes → labels, dates → dd/mm/yyyy). */
function formatHistoryValue(key: string, v: unknown, catalogs: Catalogs | null, books: readonly BookOption[]): string {
  if (v === null || v === undefined || v === '') return '(trống)';
  switch (key) {
    case 'serviceTypeId':
      return nameOf(catalogs?.serviceTypes, v);
    case 'wardId':
      return nameOf(catalogs?.wards, v);
    case 'masterMeterId':
      return nameOf(catalogs?.masterMeters, v);
    case 'meterTypeId':
      return nameOf(catalogs?.meterTypes, v);
    case 'installationTeamId':
      return nameOf(catalogs?.installationTeams, v);
    case 'bookId': {
      const b = books.find((x) => x.id === Number(v));
      return b ? b.code : `sổ #${String(v)}`;
    }
    case 'customerType':
      return CUSTOMER_TYPE_LABELS[Number(v)] ?? String(v);
    case 'status':
      return STATUS_LABELS[Number(v)] ?? String(v);
    case 'wastewaterFeeMode':
      return WASTEWATER_LABELS[String(v)] ?? String(v);
    case 'wastewaterFeeBp':
      return `${(Number(v) / 100).toLocaleString('vi-VN')}%`;
    case 'isPreferential':
      return v ? 'Có' : 'Không';
    default:
      break;
  }
  if (DATE_KEYS.has(key) && typeof v === 'string') return fmtDate(v);
  if (typeof v === 'boolean') return v ? 'Có' : 'Không';
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    return entries.length ? entries.map(([k, x]) => `${k}: ${x ?? ''}`).join('; ') : '(trống)';
  }
  return String(v);
}

export function HistoryTab({
  history,
  catalogs,
  books,
}: {
  history: readonly HistoryEntry[];
  catalogs: Catalogs | null;
  books: readonly BookOption[];
}) {
  if (history.length === 0) return <EmptyState title="Chưa có lịch sử thay đổi" />;
  return (
    <ol className="relative space-y-3 border-l-2 border-slate-200 pl-5" data-testid="history-list">
      {history.map((h) => {
        // JSON columns: the field → value maps the service wrote for this change.
        const before = (h.before ?? {}) as Record<string, unknown>;
        const after = (h.after ?? {}) as Record<string, unknown>;
        const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
        const onlyBefore = !h.after;
        return (
          <li key={h.id} className="relative" data-testid="history-entry" data-kind={h.kind}>
            <span
              aria-hidden="true"
              className="absolute -left-[27px] top-1.5 h-3 w-3 rounded-full border-2 border-white bg-brand-500"
            />
            <div className="flex flex-wrap items-baseline gap-x-2 text-sm">
              <span className="font-semibold text-slate-800">{HISTORY_KIND_LABELS[h.kind] ?? h.kind}</span>
              {h.note && <span className="text-slate-600">· {h.note}</span>}
              <span className="text-xs text-slate-500">
                {fmtDateTime(h.at)} — {h.userLogin ?? 'hệ thống'}
              </span>
            </div>
            {keys.length > 0 && (
              <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-sm">
                {keys.map((k) => (
                  <div key={k} className="contents">
                    <dt className="text-slate-500">{FIELD_LABELS[k] ?? k}</dt>
                    <dd className="text-slate-800">
                      {k in before &&
                      k in after &&
                      JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null) ? (
                        <>
                          <span className="text-slate-500 line-through decoration-slate-300">
                            {formatHistoryValue(k, before[k], catalogs, books)}
                          </span>
                          <span aria-label="thành" className="mx-1.5 text-slate-400">
                            →
                          </span>
                          <span className="font-medium">{formatHistoryValue(k, after[k], catalogs, books)}</span>
                        </>
                      ) : onlyBefore ? (
                        <span className="line-through decoration-slate-400">
                          {formatHistoryValue(k, before[k], catalogs, books)}
                        </span>
                      ) : (
                        formatHistoryValue(k, k in after ? after[k] : before[k], catalogs, books)
                      )}
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        );
      })}
    </ol>
  );
}
