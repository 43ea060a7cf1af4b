/**
 * Who may handle bank money. Money on the company's account belongs to no book until it is matched, so the suspense
 * list, statement imports and ignoring a line are company-wide work: they need the payments right on at least one
 * branch the user holds a book in (access to see, add to import, edit to ignore). Putting money on a customer needs
 * the add right on that customer's current book, and a matched or allocated line shows only to those who may see
 * the customer's book, like any other payment.
 */
import { type Actor, booksWithRight } from '@/services/auth/actor';
import { forbidden } from '@/services/errors';
import type { Right } from '@/domain/auth/permissions';

export function hasBankRight(actor: Actor, right: Right): boolean {
  const books = booksWithRight(actor, 'payments', right);
  return books === null || books.length > 0;
}

export function assertBankRight(actor: Actor, right: Right, what: string): void {
  if (!hasBankRight(actor, right)) throw forbidden(what);
}
