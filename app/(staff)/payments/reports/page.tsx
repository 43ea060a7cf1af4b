import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import type { ReportObjectRights, ReportRights } from '@/components/reports/report-rights';
import { DebtReportQuery } from '@/components/reports/reports.documents';
import { ReportsScreen, type ReportTab } from '@/components/reports/reports-screen';
import { todayInVietnam } from '@/domain/billing/periods';
import { prefetch } from '@/lib/graphql/prefetch';
import { hasRight, type Actor } from '@/services/auth/actor';

export const metadata: Metadata = { title: 'Báo cáo công nợ, thu tiền' };

function rightsOn(actor: Actor, object: 'debtReport' | 'collectionReport'): ReportObjectRights {
  return {
    access: hasRight(actor, 'report', object, 'access'),
    print: hasRight(actor, 'report', object, 'print'),
    export: hasRight(actor, 'report', object, 'export'),
  };
}

const TABS: readonly ReportTab[] = ['debt', 'collections', 'settlement'];

/**
 * The payment reports: debt by book or route and age, collections by channel, collector or day, a collector's
 * settlement sheet. The debt report of today is read here with the request's actor, so the screen opens with it;
 * `?tab=collections|settlement` opens another tab.
 */
export default async function PaymentReportsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await getRequestContext();
  const actor = ctx.actor;
  if (!actor) redirect('/login?callbackUrl=/payments/reports');
  const rights: ReportRights = { debt: rightsOn(actor, 'debtReport'), collection: rightsOn(actor, 'collectionReport') };
  const asked = (await searchParams).tab;
  const initialTab = TABS.find((t) => t === asked) ?? 'debt';
  const today = todayInVietnam(new Date());
  const debt =
    rights.debt.access && initialTab === 'debt'
      ? await prefetch(ctx, DebtReportQuery, { asOf: today, groupBy: 'BOOK' })
      : null;
  return <ReportsScreen rights={rights} today={today} initialTab={initialTab} initialData={debt?.ssr} />;
}
