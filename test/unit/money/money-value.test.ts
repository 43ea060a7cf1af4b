import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moneyFromStored, parseMoneyInput } from '@/domain/money/money-value';

describe('parseMoneyInput', () => {
  it('accepts whole VND within the safe-integer range, amounts beyond 2^31 included', () => {
    expect(parseMoneyInput(0)).toEqual({ ok: true, value: 0 });
    expect(parseMoneyInput(3_000_000_000)).toEqual({ ok: true, value: 3_000_000_000 });
    expect(parseMoneyInput(Number.MAX_SAFE_INTEGER)).toEqual({ ok: true, value: Number.MAX_SAFE_INTEGER });
    expect(parseMoneyInput(-Number.MAX_SAFE_INTEGER)).toEqual({ ok: true, value: -Number.MAX_SAFE_INTEGER });
  });

  it('refuses fractions, unsafe integers and anything that is not a number', () => {
    expect(parseMoneyInput(1.5)).toEqual({ ok: false, problem: 'not_integer' });
    expect(parseMoneyInput(2 ** 53)).toEqual({ ok: false, problem: 'unsafe' });
    expect(parseMoneyInput(-(2 ** 53))).toEqual({ ok: false, problem: 'unsafe' });
    for (const bad of ['100', NaN, Infinity, null, undefined, 10n, {}])
      expect(parseMoneyInput(bad).ok, String(bad)).toBe(false);
  });

  it('never returns a value other than the one sent', () => {
    fc.assert(
      fc.property(fc.double(), (v) => {
        const r = parseMoneyInput(v);
        expect(r.ok).toBe(Number.isSafeInteger(v));
        if (r.ok) expect(r.value).toBe(v);
      }),
    );
  });
});

describe('moneyFromStored', () => {
  it('reads numbers, bigints and the decimal strings of bigint/numeric columns', () => {
    expect(moneyFromStored(12_345)).toEqual({ ok: true, value: 12_345 });
    expect(moneyFromStored(5_000_000_000n)).toEqual({ ok: true, value: 5_000_000_000 });
    expect(moneyFromStored('5000000000')).toEqual({ ok: true, value: 5_000_000_000 });
    expect(moneyFromStored('-42.000')).toEqual({ ok: true, value: -42 });
    expect(moneyFromStored(String(Number.MAX_SAFE_INTEGER))).toEqual({ ok: true, value: Number.MAX_SAFE_INTEGER });
  });

  it('refuses what a JSON number cannot hold exactly, rather than rounding it', () => {
    expect(moneyFromStored(2n ** 53n)).toEqual({ ok: false, problem: 'unsafe' });
    expect(moneyFromStored('9007199254740993')).toEqual({ ok: false, problem: 'unsafe' });
    expect(moneyFromStored('12.5')).toEqual({ ok: false, problem: 'not_integer' });
    expect(moneyFromStored('abc').ok).toBe(false);
    expect(moneyFromStored(1.5).ok).toBe(false);
  });
});
