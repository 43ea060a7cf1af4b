import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import { InvoiceSeriesQuery } from '@/components/invoices/invoices.documents';
import { SeriesScreen } from '@/components/invoices/series-screen';
import { prefetch } from '@/lib/graphql/prefetch';
import { hasRight } from '@/services/auth/actor';

export const metadata: Metadata = { title: 'Ký hiệu hóa đơn' };

/**
 * The invoice series catalog (template and invoice symbol per year). A static segment, so it takes precedence over
 * the generic /catalogs/[name] screen; the rights only enable the buttons, the mutations check them again.
 */
export default async function InvoiceSeriesPage() {
  const ctx = await getRequestContext();
  const actor = ctx.actor;
  if (!actor) redirect('/login?callbackUrl=/catalogs/invoice-series');
  const series = await prefetch(ctx, InvoiceSeriesQuery, {});
  return (
    <SeriesScreen
      rights={{
        add: hasRight(actor, 'catalog', 'invoiceSeries', 'add'),
        edit: hasRight(actor, 'catalog', 'invoiceSeries', 'edit'),
      }}
      initialData={series.ssr}
    />
  );
}
