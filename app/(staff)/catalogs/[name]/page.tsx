import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import { CatalogColumnFragment } from '@/components/catalogs/catalog-columns';
import {
  CatalogMetaQuery,
  CatalogRightsFragment,
  catalogDocuments,
  FIRST_PAGE,
  listVariables,
} from '@/components/catalogs/catalog-documents';
import { CatalogScreen } from '@/components/catalogs/catalog-screen';
import { readFragment } from '@/lib/graphql/graphql';
import { prefetch } from '@/lib/graphql/prefetch';
import { CATALOGS, isCatalogName } from '@/services/catalogs/registry';

type Params = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { name } = await params;
  return { title: isCatalogName(name) ? CATALOGS[name].label : 'Danh mục' };
}

/**
 * One page for every catalog (/catalogs/wards, /catalogs/routes …). The columns, the viewer's rights and the
 * first page of rows are read on the server through the same schema and the same actor, so the screen opens
 * with its toolbar and rows instead of a spinner; the client cache takes the first page over (useHydrate).
 */
export default async function CatalogPage({ params }: Params) {
  const { name } = await params;
  if (!isCatalogName(name)) notFound();
  const ctx = await getRequestContext();
  if (!ctx.actor) redirect(`/login?callbackUrl=${encodeURIComponent(`/catalogs/${name}`)}`);

  const meta = await prefetch(ctx, CatalogMetaQuery, { catalog: name });
  const info = meta.data
    ? readFragment(CatalogRightsFragment, meta.data.catalogs).find((c) => c.name === name)
    : undefined;

  if (!meta.data || !info) {
    return (
      <div className="p-6">
        <h1 className="text-lg font-bold">{CATALOGS[name].label}</h1>
        <p
          role="alert"
          data-testid="catalog-load-error"
          className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          Không tải được danh mục: {meta.error?.message ?? 'không có quyền truy cập.'}
        </p>
      </div>
    );
  }
  const columns = readFragment(CatalogColumnFragment, meta.data.catalogColumns);
  const firstPage = await prefetch(ctx, catalogDocuments(name).list, listVariables(FIRST_PAGE));
  // `key` resets the screen's state (filters, paging, selection) when moving from one catalog to another.
  return (
    <CatalogScreen
      key={name}
      name={name}
      info={info}
      columns={columns}
      isAdmin={ctx.actor.isAdmin}
      initialData={firstPage.ssr}
    />
  );
}
