/**
 * An installation quote (dự toán): lines of name, unit, quantity and unit price in whole VND. A quantity may be
 * fractional (2.5 m of pipe) with at most three decimals; each line's amount is rounded half up to whole VND, the
 * total is the sum of the rounded lines, as printed.
 */
export interface QuoteLineInput {
  name: string;
  unit: string;
  quantity: number;
  unitPrice: number;
}

export interface QuoteLine extends QuoteLineInput {
  amount: number;
}

export interface Quote {
  lines: QuoteLine[];
  total: number;
}

export type QuoteProblem = 'NO_LINES' | 'BAD_QUANTITY' | 'BAD_UNIT_PRICE' | 'TOO_LARGE';

const MAX_QUOTE_LINES = 50;
const MAX_QUANTITY = 1_000_000;
const MAX_UNIT_PRICE = 10_000_000_000;

export class QuoteError extends Error {
  constructor(
    readonly problem: QuoteProblem,
    readonly line: number | null,
  ) {
    super(`quote ${problem}${line === null ? '' : ` at line ${line + 1}`}`);
    this.name = 'QuoteError';
  }
}

/** quantity × unitPrice, rounded half up, in integer arithmetic (thousandths of a unit), so no float creeps in. */
export function lineAmount(quantity: number, unitPrice: number): number {
  const milli = BigInt(Math.round(quantity * 1000));
  const amount = (milli * BigInt(unitPrice) + 500n) / 1000n;
  return Number(amount);
}

export function computeQuote(lines: readonly QuoteLineInput[]): Quote {
  if (lines.length === 0 || lines.length > MAX_QUOTE_LINES) throw new QuoteError('NO_LINES', null);
  const out = lines.map((l, i): QuoteLine => {
    const milli = l.quantity * 1000;
    if (
      !Number.isFinite(l.quantity) ||
      l.quantity <= 0 ||
      l.quantity > MAX_QUANTITY ||
      Math.abs(milli - Math.round(milli)) > 1e-6
    )
      throw new QuoteError('BAD_QUANTITY', i);
    if (!Number.isSafeInteger(l.unitPrice) || l.unitPrice < 0 || l.unitPrice > MAX_UNIT_PRICE)
      throw new QuoteError('BAD_UNIT_PRICE', i);
    return {
      name: l.name,
      unit: l.unit,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      amount: lineAmount(l.quantity, l.unitPrice),
    };
  });
  const total = out.reduce((s, l) => s + l.amount, 0);
  if (!Number.isSafeInteger(total)) throw new QuoteError('TOO_LARGE', null);
  return { lines: out, total };
}
