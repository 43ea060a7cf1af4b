/**
 * The VietQR payload (NAPAS's profile of the EMVCo merchant-presented QR) printed on invoices so a customer can pay
 * the amount due from any banking app, and the payment code that lets incoming transfers be matched to a bill
 * (VIETNAM-RULES.md, "Payments").
 *
 * Every value is a TLV: two-digit id, two-digit length, value. The CRC (field 63) is CRC-16/CCITT-FALSE over the
 * whole string up to and including "6304".
 */
import { InvoiceRuleError } from './invoice-rule-error';

const NAPAS_GUID = 'A000000727';
const SERVICE_TO_ACCOUNT = 'QRIBFTTA';
const CURRENCY_VND = '704';
/** What banks carry in the transfer description (field 62/08) without mangling it. */
const PURPOSE_MAX = 25;
const BILL_NUMBER_MAX = 25;
/** EMVCo field 54 is at most 13 characters. */
const AMOUNT_MAX = 9_999_999_999_999;
/** "TN" = tiền nước: marks our code inside whatever text the payer's bank adds around it. */
const PAYMENT_CODE_TAG = 'TN';

export interface VietQrInput {
  /** The bank's 6-digit NAPAS BIN, e.g. "970415" (VietinBank). */
  bankBin: string;
  accountNumber: string;
  /** Whole VND; omitted (or 0) for a static code where the payer types the amount. */
  amount?: number | null;
  /** Field 62/01, e.g. the invoice number. */
  billNumber?: string | null;
  /** Transfer description; diacritics stripped and cut to 25 characters (see purposeText). */
  purpose: string;
}

export interface EmvField {
  id: string;
  value: string;
}

function refuse(message: string): never {
  throw new InvoiceRuleError('INVALID_VIETQR', message);
}

function tlv(id: string, value: string): string {
  if (value.length > 99) refuse(`Trường ${id} của mã VietQR dài quá 99 ký tự.`);
  return id + String(value.length).padStart(2, '0') + value;
}

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor) over the UTF-8 bytes of `text`. */
export function crc16CcittFalse(text: string): number {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

function crcHex(text: string): string {
  return crc16CcittFalse(text).toString(16).toUpperCase().padStart(4, '0');
}

/**
 * The description as banks accept it: Vietnamese letters without diacritics (đ → d), ASCII letters, digits and
 * single spaces, at most 25 characters (longer text is cut, so callers put the payment code first). Banks differ
 * on punctuation and several replace or drop non-ASCII text, which would break automatic matching.
 */
export function purposeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .slice(0, PURPOSE_MAX)
    .trim();
}

/** The EMVCo/VietQR payload string for a transfer to a bank account. */
export function vietQrPayload(input: VietQrInput): string {
  if (!/^\d{6}$/.test(input.bankBin)) refuse('Mã BIN ngân hàng phải gồm đúng 6 chữ số.');
  if (!/^[A-Za-z0-9]{1,19}$/.test(input.accountNumber)) {
    refuse('Số tài khoản nhận phải gồm 1 đến 19 chữ cái hoặc chữ số, không có dấu cách.');
  }
  const amount = input.amount ?? 0;
  if (!Number.isSafeInteger(amount) || amount < 0 || amount > AMOUNT_MAX) {
    refuse('Số tiền trên mã VietQR phải là số nguyên đồng không âm, tối đa 13 chữ số.');
  }
  const billNumber = input.billNumber ?? '';
  if (billNumber && !new RegExp(`^[A-Za-z0-9]{1,${BILL_NUMBER_MAX}}$`).test(billNumber)) {
    refuse('Số hóa đơn trên mã VietQR chỉ gồm chữ cái và chữ số không dấu, tối đa 25 ký tự.');
  }
  const purpose = purposeText(input.purpose);

  const account = tlv('00', input.bankBin) + tlv('01', input.accountNumber);
  const additional = (billNumber ? tlv('01', billNumber) : '') + (purpose ? tlv('08', purpose) : '');
  const body =
    tlv('00', '01') +
    // 12 = dynamic: the code carries an amount for one payment; 11 = static, reusable, the payer types the amount.
    tlv('01', amount > 0 ? '12' : '11') +
    tlv('38', tlv('00', NAPAS_GUID) + tlv('01', account) + tlv('02', SERVICE_TO_ACCOUNT)) +
    tlv('53', CURRENCY_VND) +
    (amount > 0 ? tlv('54', String(amount)) : '') +
    tlv('58', 'VN') +
    (additional ? tlv('62', additional) : '') +
    '6304';
  return body + crcHex(body);
}

/** The top-level TLV fields of an EMVCo payload, in order; call again on a template's value for its sub-fields. */
export function parseEmvTlv(payload: string): EmvField[] {
  const fields: EmvField[] = [];
  let at = 0;
  while (at < payload.length) {
    const head = payload.slice(at, at + 4);
    if (!/^\d{4}$/.test(head)) refuse(`Mã VietQR sai cấu trúc tại vị trí ${at}.`);
    const length = Number(head.slice(2));
    const value = payload.slice(at + 4, at + 4 + length);
    if (value.length !== length) refuse(`Trường ${head.slice(0, 2)} của mã VietQR bị cắt cụt.`);
    fields.push({ id: head.slice(0, 2), value });
    at += 4 + length;
  }
  return fields;
}

/** The value of a field by its path of ids: emvValue(payload, '38', '01', '00') is the bank BIN. */
export function emvValue(payload: string, ...path: string[]): string | null {
  let current: string | null = payload;
  for (const id of path) {
    if (current === null) return null;
    current = parseEmvTlv(current).find((f) => f.id === id)?.value ?? null;
  }
  return current;
}

/** Whether the payload ends with a "6304" CRC field whose value matches the rest of the string. */
export function checkCrc(payload: string): boolean {
  if (payload.length < 8 || payload.slice(-8, -4) !== '6304') return false;
  return crcHex(payload.slice(0, -4)) === payload.slice(-4);
}

/**
 * The payment code put first in the transfer description: "TN KH0000123 202611" (tag, customer code, period as
 * YYYYMM). Letters, digits and single spaces only, so it survives every bank's clean-up; the tag lets
 * findPaymentCode pick it out of the text the payer's bank wraps around it, even with the spaces dropped.
 */
export function paymentCode(customerCode: string, period: string): string {
  if (!/^[A-Z0-9]{1,15}$/.test(customerCode)) {
    refuse('Mã khách hàng trong nội dung chuyển khoản chỉ gồm chữ in hoa không dấu và chữ số, tối đa 15 ký tự.');
  }
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!m) refuse('Kỳ hóa đơn phải có dạng YYYY-MM.');
  return `${PAYMENT_CODE_TAG} ${customerCode} ${m[1]}${m[2]}`;
}

/**
 * Bank text as the matcher reads it: diacritics dropped, upper case, every run of other characters one space.
 * Banks upper-case, strip accents, swap spaces for dots or dashes and glue their own references around ours.
 */
export function foldBankText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

export interface PaymentCodeMatch {
  customerCode: string;
  period: string;
}

/** Longest customer code (customers.code is varchar(16)). */
const CODE_MAX = 16;
// The tag must start a word or follow digits ("123456TN…" where a bank glued its reference on), never letters:
// "VIETNAM" and "CTNKH…" carry no code. The period is followed by anything but a digit, so text the bank glued
// after it ("202611FT26…") does not hide it, while a longer digit run is not a period at all.
const TAG = /(?<![A-Z])TN/g;
const SPACED = new RegExp(`^ ?([A-Z0-9]{1,${CODE_MAX}}?) ?(20\\d{2})(0[1-9]|1[0-2])(?!\\d)`);
const COMPACT = new RegExp(`^([A-Z0-9]{1,${CODE_MAX}}?)(20\\d{2})(0[1-9]|1[0-2])(?!\\d)`);
/** How far after a tag the spaceless reading looks: the code, the period and a little slack. */
const COMPACT_WINDOW = 40;

/**
 * Every reading of a payment code in a bank transfer's description, best first: first the code as we print it
 * (each tag, spaces where we put them or dropped), then each tag's text with every space removed, for banks that
 * break the code with spaces, dots or dashes ("TN KH 0000123 2026.11"). The later readings can be wrong ("CONG TY
 * TNHH AN 202611" reads as code "HHAN"), so a caller that can check codes against its customers takes the first
 * known one. The period is the last six digits of the run (a year 20xx), so a code ending in digits splits one way.
 */
export function findPaymentCodes(text: string): PaymentCodeMatch[] {
  const folded = foldBankText(text);
  const starts = [...folded.matchAll(TAG)].map((m) => m.index + 2);
  const found: PaymentCodeMatch[] = [];
  const add = (m: RegExpExecArray | null) => {
    if (!m) return;
    const match = { customerCode: m[1]!, period: `${m[2]}-${m[3]}` };
    if (!found.some((f) => f.customerCode === match.customerCode && f.period === match.period)) found.push(match);
  };
  for (const at of starts) add(SPACED.exec(folded.slice(at)));
  for (const at of starts) add(COMPACT.exec(folded.slice(at, at + COMPACT_WINDOW).replace(/ /g, '')));
  return found;
}

/**
 * The payment code inside a bank transfer's description, whatever the bank did to case, diacritics and spaces:
 * "CT DEN:123 tn kh0000123 202611 FT2611" and "TNKH0000123202611" both give KH0000123 / 2026-11. The first reading
 * of findPaymentCodes.
 */
export function findPaymentCode(text: string): PaymentCodeMatch | null {
  return findPaymentCodes(text)[0] ?? null;
}
