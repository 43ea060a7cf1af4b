/**
 * Reading customer codes out of bank transfer descriptions for the suspense list. Automatic matching only trusts
 * the tagged payment code (findPaymentCodes); a cashier looking at unmatched money is helped by any word that looks
 * like a customer code ("chuyen tien nuoc KH0000123 thang 11"), which the service checks against the customers.
 */
import { findPaymentCodes, foldBankText } from '@/domain/invoices/vietqr';

const MAX_HINTS = 12;
const CODE_MAX = 16;
/** A word that can be a customer code: letters then digits (KH0000123), at least 3 digits, at most 16 characters. */
const CODE_WORD = /^[A-Z]{1,6}\d{3,}$/;
/** A code with the period glued on ("KH0000123202611"): the period is dropped. */
const WITH_PERIOD = /^([A-Z]{1,6}\d{3,}?)20\d{2}(0[1-9]|1[0-2])$/;

/**
 * Customer codes the description may name, most likely first: the tagged payment codes, then code-like words.
 * At most 12, each at most 16 characters, no repeats.
 */
export function customerCodeHints(description: string): string[] {
  const hints: string[] = [];
  const add = (code: string) => {
    if (code.length <= CODE_MAX && !hints.includes(code) && hints.length < MAX_HINTS) hints.push(code);
  };
  for (const m of findPaymentCodes(description)) add(m.customerCode);
  for (const word of foldBankText(description).split(' ')) {
    const glued = WITH_PERIOD.exec(word);
    if (glued) add(glued[1]!);
    else if (CODE_WORD.test(word)) add(word);
  }
  return hints;
}
