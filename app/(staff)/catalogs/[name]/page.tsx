import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { getRequestContext } from '@/app/server/request-context';
import { META_QUERY, type CatalogColumn, type CatalogInfo } from '@/components/catalogs/catalog-types';
import { CatalogScreen } from '@/components/catalogs/catalog-screen';
import { runQuery } from '@/graphql/server';
import { CATALOGS, isCatalogName } from '@/services/catalogs/registry';

type Params = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { name } = await params;
  return { title: isCatalogName(name) ? CATALOGS[name].label : 'Danh mục' };
}

/**
 * One page for every catalog (/catalogs/wards, /catalogs/routes …). The columns and the viewer's rights are read
 * on the server through the same schema, so the screen renders its toolbar and form at once.
 */
export default async function CatalogPage({ params }: Params) {
  const { name } = await params;
  if (!isCatalogName(name)) notFound();
  const ctx = await getRequestContext();
  if (!ctx.actor) redirect(`/login?callbackUrl=${encodeURIComponent(`/catalogs/${name}`)}`);

  let info: CatalogInfo | undefined;
  let columns: CatalogColumn[] = [];
  let failure: string | null = null;
  try {
    const data = await runQuery<{ catalogs: CatalogInfo[]; catalogColumns: CatalogColumn[] }>(ctx, META_QUERY, { catalog: name });
    // graphql-js builds null-prototype objects; React only passes plain ones to client components.
    const plain = JSON.parse(JSON.stringify(data)) as typeof data;
    info = plain.catalogs.find((c) => c.name === name);
    columns = plain.catalogColumns;
  } catch (e) {
    failure = e instanceof Error ? e.message : 'Đã có lỗi hệ thống, vui lòng thử lại.';
  }

  if (!info) {
    return (
      <div className="p-6">
        <h1 className="text-lg font-bold">{CATALOGS[name].label}</h1>
        <p role="alert" data-testid="catalog-load-error" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          Không tải được danh mục: {failure ?? 'không có quyền truy cập.'}
        </p>
      </div>
    );
  }
  // `key` resets the screen's state (filters, paging, selection) when moving from one catalog to another.
  return <CatalogScreen key={name} name={name} info={info} columns={columns} isAdmin={ctx.actor.isAdmin} />;
}
