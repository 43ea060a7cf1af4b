/** Vietnamese identifiers on a customer file. */

/** Mã số thuế: 10 digits, or 10 + `-` + 3 for a dependent unit. */
export function isValidTaxCode(s: string): boolean {
  return /^\d{10}(-\d{3})?$/.test(s);
}

/** CCCD (citizen ID): 12 digits. */
export function isValidCitizenId(s: string): boolean {
  return /^\d{12}$/.test(s);
}

/** Phone numbers as typed by staff: 10 digits starting 0 (mobile and landline), spaces and dots ignored. */
export function normalizePhone(s: string): string {
  return s.replace(/[\s.\-()]/g, '').replace(/^\+84/, '0');
}

export function isValidPhone(s: string): boolean {
  return /^0\d{9,10}$/.test(normalizePhone(s));
}
