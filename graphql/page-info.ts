import { builder } from '@/graphql/builder';
import type { PageInfo } from '@/services/page-cursor';

/** The one `PageInfo` of the schema: every cursor-paged list (invoices, anomaly queue) answers with it. */
export const PageInfoType = builder.objectRef<PageInfo>('PageInfo').implement({
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage'),
    endCursor: t.exposeString('endCursor', { nullable: true, description: 'Pass as `after` for the next page.' }),
  }),
});
