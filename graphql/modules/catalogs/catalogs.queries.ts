import { builder } from '@/graphql/builder';
import { hasRight } from '@/services/auth/actor';
import { unauthenticated } from '@/services/errors';
import { catalogColumns, listCatalog } from '@/services/catalogs/catalog.service';
import { CATALOG_NAMES, CATALOGS } from '@/services/catalogs/registry';
import { CatalogColumnRef, CatalogInfoRef, CatalogNameEnum, CatalogQueryInput, catalogTypes, type CatalogInfo } from './catalogs.type';

// Lists are open to every staff member: the lookup catalogs fill the forms of every screen, and the service
// limits reading books, routes and branches to the actor's own books.
for (const name of CATALOG_NAMES) {
  const { def, page } = catalogTypes[name];
  builder.queryField(name, (t) =>
    t.field({
      type: page,
      description: `${def.label}: one page of rows with the total count.`,
      authScopes: { staff: true },
      args: { filter: t.arg({ type: CatalogQueryInput }) },
      resolve: (_root, args, ctx) => {
        if (!ctx.actor) throw unauthenticated();
        return listCatalog(ctx.db, ctx.actor, name, args.filter ?? {});
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
  t.field({
    type: [CatalogInfoRef],
    description: 'Every catalog with what the viewer may do on it (for menus and toolbars).',
    authScopes: { staff: true },
    resolve: (_root, _args, ctx): CatalogInfo[] => {
      const actor = ctx.actor;
      if (!actor) throw unauthenticated();
      return CATALOG_NAMES.map((name) => {
        const def = CATALOGS[name];
        const can = (right: 'add' | 'edit' | 'delete' | 'export') => hasRight(actor, 'catalog', def.permissionObject, right);
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
