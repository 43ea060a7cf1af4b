import { builder } from '@/graphql/builder';
import { booksWithRight } from '@/services/auth/actor';
import { notFound } from '@/services/errors';
import { listLimit } from '@/graphql/limits/list-limit';
import { listBookCustomers, searchCustomers } from '@/services/customers/book.service';
import { CustomerPageType, CustomerSearchHitType } from './customer.type';

// The book grid loads a whole book at once; search answers a dropdown.
const BOOK_CUSTOMERS_LIMIT = listLimit({ default: 5000, max: 5000 });
const SEARCH_LIMIT = listLimit({ default: 50, max: 200 });

builder.queryFields((t) => ({
  customer: t.drizzleField({
    type: 'customers',
    nullable: true,
    args: { id: t.arg.int({ required: true }) },
    authScopes: { permission: { group: 'document', object: 'customers', right: 'access' } },
    // A customer of a book the viewer lacks answers exactly like a missing one (NOT_FOUND), so ids reveal nothing.
    resolve: async (query, _root, args, ctx) => {
      const books = booksWithRight(ctx.actor!, 'customers', 'access');
      if (books !== null && books.length === 0) throw notFound('khách hàng');
      const row = await ctx.db.query.customers.findFirst(
        query({ where: books === null ? { id: args.id } : { id: args.id, bookId: { in: books } } }),
      );
      if (!row) throw notFound('khách hàng');
      return row;
    },
  }),
  bookCustomers: t.field({
    type: CustomerPageType,
    description: 'Customers of one book in sequence order (up to 5,000 a page).',
    extensions: BOOK_CUSTOMERS_LIMIT.extensions,
    args: {
      bookId: t.arg.int({ required: true }),
      search: t.arg.string(),
      offset: t.arg.int(),
      limit: t.arg.int(BOOK_CUSTOMERS_LIMIT.arg),
    },
    authScopes: (_root, args) => ({ book: { bookId: args.bookId, object: 'customers', right: 'access' } }),
    resolve: (_root, args, ctx) =>
      listBookCustomers(ctx.db, ctx.actor!, {
        bookId: args.bookId,
        search: args.search,
        offset: args.offset ?? 0,
        limit: args.limit ?? BOOK_CUSTOMERS_LIMIT.spec.default,
      }),
  }),
  searchCustomers: t.field({
    type: [CustomerSearchHitType],
    description: 'Search by code, name, phone, address or meter serial across the books the viewer may read.',
    extensions: SEARCH_LIMIT.extensions,
    args: { query: t.arg.string({ required: true }), currentBookId: t.arg.int(), limit: t.arg.int(SEARCH_LIMIT.arg) },
    authScopes: { permission: { group: 'document', object: 'customers', right: 'access' } },
    resolve: (_root, args, ctx) =>
      searchCustomers(ctx.db, ctx.actor!, { query: args.query, currentBookId: args.currentBookId, limit: args.limit ?? SEARCH_LIMIT.spec.default }),
  }),
}));
