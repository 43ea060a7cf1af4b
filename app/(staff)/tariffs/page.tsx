import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import { TariffCatalogQuery } from '@/components/tariffs/tariffs.documents';
import { TariffsScreen } from '@/components/tariffs/tariffs-screen';
import { prefetch } from '@/lib/graphql/prefetch';
import { hasRight } from '@/services/auth/actor';

export const metadata: Metadata = { title: 'Loại dịch vụ, biểu giá' };

/**
 * Danh mục dịch vụ – giá lũy tiến (SPEC §3–4): service types (F4/F2/F3), their tariff versions and price tiers
 * (Ctrl+F4/F2/F3), and a bill calculator on the public estimateBill query. Rights only enable buttons here.
 * The catalog is read on the server with the request's actor, so the screen opens with its rows.
 */
export default async function TariffsPage() {
  const ctx = await getRequestContext();
  const actor = ctx.actor;
  if (!actor) redirect('/login?callbackUrl=/tariffs');
  const rights = {
    add: hasRight(actor, 'catalog', 'serviceTypes', 'add'),
    edit: hasRight(actor, 'catalog', 'serviceTypes', 'edit'),
    delete: hasRight(actor, 'catalog', 'serviceTypes', 'delete'),
  };
  const catalog = await prefetch(ctx, TariffCatalogQuery, {});
  return <TariffsScreen rights={rights} initialData={catalog.ssr} />;
}
