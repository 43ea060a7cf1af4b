'use client';

import { useRef, useState, type KeyboardEvent } from 'react';
import type { SSRData } from 'urql';
import { EmptyState } from '@/components/ui/empty-state';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { useHydrate } from '@/lib/graphql/provider';
import { CollectionReportTab } from './collection-report-tab';
import { DebtReportTab } from './debt-report-tab';
import type { ReportRights } from './report-rights';
import { SettlementSheetTab } from './settlement-sheet-tab';

export type ReportTab = 'debt' | 'collections' | 'settlement';

const TABS: { id: ReportTab; label: string; key: string }[] = [
  { id: 'debt', label: 'Công nợ', key: 'Alt+1' },
  { id: 'collections', label: 'Thu tiền', key: 'Alt+2' },
  { id: 'settlement', label: 'Quyết toán thu ngân', key: 'Alt+3' },
];

export interface ReportsScreenProps {
  rights: ReportRights;
  /** Today in Vietnam, from the server, so the prefetched debt report and the client's first query match. */
  today: string;
  initialTab: ReportTab;
  /** The debt report of today, executed by the Server Component through the same document (see useHydrate). */
  initialData?: SSRData;
}

/**
 * Báo cáo công nợ, thu tiền: three tabs (Alt+1/2/3, or ←/→ on the tab strip), each with its inputs, a chart, the table
 * and the PDF (Alt+P) and Excel (Alt+X) files of what is on screen. Documents: reports.documents.ts.
 */
export function ReportsScreen({ rights, today, initialTab, initialData }: ReportsScreenProps) {
  const requestPolicy = useHydrate(initialData);
  const allowed = TABS.filter((t) => (t.id === 'debt' ? rights.debt.access : rights.collection.access));
  const [tab, setTab] = useState<ReportTab>(
    allowed.some((t) => t.id === initialTab) ? initialTab : (allowed[0]?.id ?? 'debt'),
  );
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  const choose = (id: ReportTab) => {
    setTab(id);
    tabRefs.current[id]?.focus();
  };
  useHotkeys(Object.fromEntries(allowed.map((t) => [t.key, () => choose(t.id)])));

  if (allowed.length === 0)
    return (
      <EmptyState
        title="Bạn chưa có quyền xem báo cáo công nợ, thu tiền"
        description="Liên hệ quản trị viên để được cấp quyền Báo cáo → “Công nợ theo sổ, tuyến, tuổi nợ” hoặc “Tổng hợp thu tiền, quyết toán thu ngân”."
        icon="📊"
      />
    );

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = allowed.findIndex((t) => t.id === tab);
    if (e.key === 'ArrowRight') choose(allowed[(i + 1) % allowed.length]!.id);
    else if (e.key === 'ArrowLeft') choose(allowed[(i - 1 + allowed.length) % allowed.length]!.id);
    else return;
    e.preventDefault();
  };

  return (
    <div className="flex h-full min-h-0 flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 pt-2.5">
        <h1 className="text-lg font-semibold text-slate-900">Báo cáo công nợ, thu tiền</h1>
        <div role="tablist" aria-label="Báo cáo" className="-mb-px flex w-full gap-1 overflow-x-auto">
          {allowed.map((t) => (
            <button
              key={t.id}
              ref={(el) => {
                tabRefs.current[t.id] = el;
              }}
              type="button"
              role="tab"
              id={`report-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`report-panel-${t.id}`}
              aria-keyshortcuts={t.key}
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => setTab(t.id)}
              onKeyDown={onTabKey}
              data-testid={`report-tab-${t.id}`}
              className={`whitespace-nowrap border-b-2 px-3 py-1.5 text-sm ${
                tab === t.id
                  ? 'border-brand-600 font-medium text-brand-700'
                  : 'border-transparent text-slate-600 hover:text-slate-900'
              }`}
            >
              {t.label} <span className="text-xs opacity-60">({t.key})</span>
            </button>
          ))}
        </div>
      </header>
      {/* Tabs stay mounted once opened, so their inputs survive a switch; only the visible one takes shortcuts. */}
      <div className="min-h-0 flex-1 overflow-auto p-4">
        {rights.debt.access && (
          <Panel id="debt" hidden={tab !== 'debt'}>
            <DebtReportTab rights={rights.debt} today={today} active={tab === 'debt'} requestPolicy={requestPolicy} />
          </Panel>
        )}
        {rights.collection.access && (
          <Panel id="collections" hidden={tab !== 'collections'} lazy>
            <CollectionReportTab rights={rights.collection} today={today} active={tab === 'collections'} />
          </Panel>
        )}
        {rights.collection.access && (
          <Panel id="settlement" hidden={tab !== 'settlement'} lazy>
            <SettlementSheetTab rights={rights.collection} today={today} active={tab === 'settlement'} />
          </Panel>
        )}
      </div>
    </div>
  );
}

/** A tab panel; a `lazy` one mounts (and queries) the first time it is shown. */
function Panel({
  id,
  hidden,
  lazy = false,
  children,
}: {
  id: ReportTab;
  hidden: boolean;
  lazy?: boolean;
  children: React.ReactNode;
}) {
  const [seen, setSeen] = useState(!hidden);
  if (!hidden && !seen) setSeen(true);
  if (lazy && !seen) return null;
  return (
    <div role="tabpanel" id={`report-panel-${id}`} aria-labelledby={`report-tab-${id}`} hidden={hidden}>
      {children}
    </div>
  );
}
