import { builder } from '@/graphql/builder';
import { listBookCustomers, searchCustomers } from '@/services/customers/book.service';
import { CustomerPageType, CustomerSearchHitType } from './customer.type';

builder.queryFields((t) => ({
  customer: t.drizzleField({
    type: 'customers',
    nullable: true,
    args: { id: t.arg.int({ required: true }) },
    authScopes: { permission: { group: 'document', object: 'customers', right: 'access' } },
    resolve: (query, _root, args, ctx) => ctx.db.query.customers.findFirst(query({ where: { id: args.id } })),
  }),
  bookCustomers: t.field({
    type: CustomerPageType,
    description: 'Customers of one book in sequence order (up to 5,000 a page).',
    args: {
      bookId: t.arg.int({ required: true }),
      search: t.arg.string(),
      offset: t.arg.int(),
      limit: t.arg.int(),
    },
    authScopes: (_root, args) => ({ book: { bookId: args.bookId, object: 'customers', right: 'access' } }),
    resolve: (_root, args, ctx) =>
      listBookCustomers(ctx.db, ctx.actor!, {
        bookId: args.bookId,
        search: args.search,
        offset: args.offset ?? 0,
        limit: args.limit ?? 5000,
      }),
  }),
  searchCustomers: t.field({
    type: [CustomerSearchHitType],
    description: 'Search by code, name, phone, address or meter serial across the books the viewer may read.',
    args: { query: t.arg.string({ required: true }), currentBookId: t.arg.int(), limit: t.arg.int() },
    authScopes: { permission: { group: 'document', object: 'customers', right: 'access' } },
    resolve: (_root, args, ctx) =>
      searchCustomers(ctx.db, ctx.actor!, { query: args.query, currentBookId: args.currentBookId, limit: args.limit ?? 50 }),
  }),
}));
