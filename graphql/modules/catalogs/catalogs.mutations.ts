import { builder } from '@/graphql/builder';
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
    t.withAuth(scope('add')).field({
      type: object,
      description: `Thêm ${def.entity}.`,
      args: { input: t.arg({ type: input, required: true, validate: def.input }) },
      resolve: (_root, args, ctx) => {
        return createCatalogRow(ctx.db, ctx.actor, name, args.input);
      },
    }),
  );

  builder.mutationField(`update${def.typeName}`, (t) =>
    t.withAuth(scope('edit')).field({
      type: object,
      description: `Sửa ${def.entity}.`,
      args: {
        id: t.arg.int({ required: true }),
        input: t.arg({ type: input, required: true, validate: def.input }),
      },
      resolve: (_root, args, ctx) => {
        return updateCatalogRow(ctx.db, ctx.actor, name, args.id, args.input);
      },
    }),
  );

  builder.mutationField(`delete${def.typeName}`, (t) =>
    t.withAuth(scope('delete')).boolean({
      description: `Xóa ${def.entity}; bị từ chối (IN_USE) khi đang được sử dụng.`,
      args: { id: t.arg.int({ required: true }) },
      resolve: (_root, args, ctx) => {
        return deleteCatalogRow(ctx.db, ctx.actor, name, args.id);
      },
    }),
  );
}
