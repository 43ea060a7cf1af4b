import 'server-only';
import type { InvoiceRights } from '@/components/invoices/invoice-rights';
import { canOnBook, type Actor } from '@/services/auth/actor';

/**
 * The invoice rights of each book the user holds, as the API applies them: reading and printing follow the billing
 * object too (services/billing/invoice.service.ts, services/invoices/invoice-print.service.ts).
 */
export function invoiceRightsOf(actor: Actor): InvoiceRights {
  const rights: InvoiceRights = { isAdmin: actor.isAdmin, books: {} };
  if (actor.isAdmin || !actor.books) return rights;
  for (const bookId of actor.books.keys()) {
    const on = (object: string, right: Parameters<typeof canOnBook>[3]) => canOnBook(actor, bookId, object, right);
    rights.books[bookId] = {
      access: on('invoices', 'access') || on('billing', 'access'),
      add: on('invoices', 'add'),
      edit: on('invoices', 'edit'),
      delete: on('invoices', 'delete'),
      print: on('invoices', 'print') || on('billing', 'print'),
      export: on('invoices', 'export'),
    };
  }
  return rights;
}
