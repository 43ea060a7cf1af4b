import { z } from 'zod';

/**
 * The rules of the bank-transfer screen that the form and the API share: a customer code as a cashier types it and
 * the notes of an allocation (optional) and of an ignored line (required: someone must be able to tell why money
 * on the company's account was not taken as a payment).
 */

const BANK_NOTE_MAX = 500;

/** Customer codes are upper case ASCII (KH0000123); a cashier may type them in lower case or with spaces around. */
export const bankCustomerCodeSchema = z
  .string()
  .trim()
  .min(1, 'Nhập mã khách hàng.')
  .max(16, 'Mã khách hàng dài tối đa 16 ký tự.')
  .transform((s) => s.toUpperCase());

export const allocationNoteSchema = z.string().trim().max(BANK_NOTE_MAX, `Ghi chú dài quá ${BANK_NOTE_MAX} ký tự.`);

export const ignoreNoteSchema = z
  .string()
  .trim()
  .min(3, 'Nhập lý do bỏ qua (ít nhất 3 ký tự).')
  .max(BANK_NOTE_MAX, `Ghi chú dài quá ${BANK_NOTE_MAX} ký tự.`);

export const allocateBankFormSchema = z.object({ customerCode: bankCustomerCodeSchema, note: allocationNoteSchema });
export const ignoreBankFormSchema = z.object({ note: ignoreNoteSchema });
