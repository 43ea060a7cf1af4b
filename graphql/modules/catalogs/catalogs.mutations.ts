import { builder } from '@/graphql/builder';
import { unauthenticated } from '@/services/errors';
import { createCatalogRow, deleteCatalogRow, updateCatalogRow } from '@/services/catalogs/catalog.service';
import { CATALOG_NAMES } from '@/services/catalogs/registry';
import { catalogTypes } from './catalogs.type';

// createWard / updateWard / deleteWard … for every catalog. The input is validated by the registry's zod schema
// here and again in the service, which other callers (imports, scripts) go through too.
for (const name of CATALOG_NAMES) {
  const { def, object, input } = catalogTypes[name];
  const scope = (right: 'add' | 'edit' | 'delete') => ({
    permission: { group: 'catalog' as const, object: def.permissionObject, right },
  });

  builder.mutationField(`create${def.typeName}`, (t) =>
    t.field({
      type: object,
      description: `Thêm ${def.entity}.`,
      authScopes: scope('add'),
      args: { input: t.arg({ type: input, required: true, validate: def.input }) },
      resolve: (_root, args, ctx) => {
        if (!ctx.actor) throw unauthenticated();
        return createCatalogRow(ctx.db, ctx.actor, name, args.input);
      },
    }),
  );

  builder.mutationField(`update${def.typeName}`, (t) =>
    t.field({
      type: object,
      description: `Sửa ${def.entity}.`,
      authScopes: scope('edit'),
      args: {
        id: t.arg.int({ required: true }),
        input: t.arg({ type: input, required: true, validate: def.input }),
      },
      resolve: (_root, args, ctx) => {
        if (!ctx.actor) throw unauthenticated();
        return updateCatalogRow(ctx.db, ctx.actor, name, args.id, args.input);
      },
    }),
  );

  builder.mutationField(`delete${def.typeName}`, (t) =>
    t.boolean({
      description: `Xóa ${def.entity}; bị từ chối (IN_USE) khi đang được sử dụng.`,
      authScopes: scope('delete'),
      args: { id: t.arg.int({ required: true }) },
      resolve: (_root, args, ctx) => {
        if (!ctx.actor) throw unauthenticated();
        return deleteCatalogRow(ctx.db, ctx.actor, name, args.id);
      },
    }),
  );
}
