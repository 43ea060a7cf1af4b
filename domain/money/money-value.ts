/**
 * The one representation of an amount that crosses the API: whole VND as a JSON number.
 *
 * A JSON number is exact only up to 2^53 − 1, so anything beyond (or any fraction of a đồng) is refused
 * rather than rounded: a rounded amount on a bill is a wrong bill.
 */

export type MoneyProblem = 'not_a_number' | 'not_integer' | 'unsafe';

export type MoneyParse = { ok: true; value: number } | { ok: false; problem: MoneyProblem };

/** An amount sent by a client: a JSON number holding a safe integer. Strings are not amounts. */
export function parseMoneyInput(value: unknown): MoneyParse {
  if (typeof value !== 'number' || !Number.isFinite(value)) return { ok: false, problem: 'not_a_number' };
  if (!Number.isInteger(value)) return { ok: false, problem: 'not_integer' };
  if (!Number.isSafeInteger(value)) return { ok: false, problem: 'unsafe' };
  return { ok: true, value };
}

/**
 * An amount read from storage: a number, a bigint or the decimal string a driver returns for
 * bigint/numeric columns. Trailing `.0…` of a numeric is accepted; a real fraction is not.
 */
export function moneyFromStored(value: unknown): MoneyParse {
  if (typeof value === 'bigint') {
    const n = Number(value);
    return Number.isSafeInteger(n) && BigInt(n) === value ? { ok: true, value: n } : { ok: false, problem: 'unsafe' };
  }
  if (typeof value === 'string') {
    const m = /^\s*(-?\d+)(?:\.0*)?\s*$/.exec(value);
    if (!m) return { ok: false, problem: /^\s*-?\d+\.\d+\s*$/.test(value) ? 'not_integer' : 'not_a_number' };
    return moneyFromStored(BigInt(m[1]!));
  }
  return parseMoneyInput(value);
}

export const MONEY_PROBLEM_MESSAGES: Record<MoneyProblem, string> = {
  not_a_number: 'Số tiền phải là một số.',
  not_integer: 'Số tiền phải là số nguyên đồng (không có phần lẻ).',
  unsafe: 'Số tiền vượt quá giới hạn cho phép (±9.007.199.254.740.991 đồng).',
};
