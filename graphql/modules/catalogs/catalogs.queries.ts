import { builder } from '@/graphql/builder';
import { listLimit } from '@/graphql/limits/list-limit';
import { selectedFieldNames } from '@/graphql/selection';
import { hasRight } from '@/services/auth/actor';
import { catalogColumns, DEFAULT_LIMIT, listCatalog, MAX_LIMIT } from '@/services/catalogs/catalog.service';
import { CATALOG_NAMES, CATALOGS } from '@/services/catalogs/registry';
import {
  CatalogColumnRef,
  CatalogInfoRef,
  CatalogNameEnum,
  CatalogQueryInput,
  catalogTypes,
  type CatalogInfo,
} from './catalogs.type';

// The page size lives in `filter.limit`, checked (1–500) by the CatalogQuery input; the cost rule reads it there.
const CATALOG_PAGE_LIMIT = listLimit({ default: DEFAULT_LIMIT, max: MAX_LIMIT, arg: 'filter.limit' });

// Lists are open to every staff member: the lookup catalogs fill the forms of every screen, and the service
// limits reading books, routes and branches to the actor's own books.
for (const name of CATALOG_NAMES) {
  const { def, page } = catalogTypes[name];
  builder.queryField(name, (t) =>
    t.withAuth({ staff: true }).field({
      type: page,
      description: `${def.label}: one page of rows with the total count.`,
      extensions: CATALOG_PAGE_LIMIT.extensions,
      args: { filter: t.arg({ type: CatalogQueryInput }) },
      resolve: (_root, args, ctx, info) => {
        // computed columns (a customer count per book …) only when the query selects them
        const page = selectedFieldNames(info);
        return listCatalog(ctx.db, ctx.actor, name, {
          ...(args.filter ?? {}),
          columns: [...selectedFieldNames(info, ['rows'])],
          countTotal: page.has('total'),
        });
      },
    }),
  );
}

builder.queryField('catalogColumns', (t) =>
  t.field({
    type: [CatalogColumnRef],
    description: 'The columns of a catalog, so one generic screen renders every catalog.',
    authScopes: { staff: true },
    args: { catalog: t.arg({ type: CatalogNameEnum, required: true }) },
    resolve: (_root, args) => catalogColumns(args.catalog),
  }),
);

builder.queryField('catalogs', (t) =>
  t.withAuth({ staff: true }).field({
    type: [CatalogInfoRef],
    description: 'Every catalog with what the viewer may do on it (for menus and toolbars).',
    resolve: (_root, _args, ctx): CatalogInfo[] => {
      const actor = ctx.actor;
      return CATALOG_NAMES.map((name) => {
        const def = CATALOGS[name];
        const can = (right: 'add' | 'edit' | 'delete' | 'export') =>
          hasRight(actor, 'catalog', def.permissionObject, right);
        return {
          name,
          label: def.label,
          typeName: def.typeName,
          canAdd: can('add'),
          canEdit: can('edit'),
          canDelete: can('delete'),
          canExport: can('export'),
        };
      });
    },
  }),
);
