import { describe, expect, it } from 'vitest';
import { amountInWords } from '@/domain/invoices/amount-in-words';
import { InvoiceRuleError } from '@/domain/invoices/invoice-rule-error';

// [amount, North reading, South reading]
const CASES: [number, string, string][] = [
  [0, 'Không đồng', 'Không đồng'],
  [1, 'Một đồng', 'Một đồng'],
  [4, 'Bốn đồng', 'Bốn đồng'],
  [5, 'Năm đồng', 'Năm đồng'],
  [10, 'Mười đồng', 'Mười đồng'],
  [11, 'Mười một đồng', 'Mười một đồng'],
  [14, 'Mười bốn đồng', 'Mười bốn đồng'],
  [15, 'Mười lăm đồng', 'Mười lăm đồng'],
  [20, 'Hai mươi đồng', 'Hai mươi đồng'],
  [21, 'Hai mươi mốt đồng', 'Hai mươi mốt đồng'],
  [24, 'Hai mươi bốn đồng', 'Hai mươi tư đồng'],
  [25, 'Hai mươi lăm đồng', 'Hai mươi lăm đồng'],
  [100, 'Một trăm đồng', 'Một trăm đồng'],
  [101, 'Một trăm linh một đồng', 'Một trăm lẻ một đồng'],
  [104, 'Một trăm linh bốn đồng', 'Một trăm lẻ bốn đồng'],
  [105, 'Một trăm linh năm đồng', 'Một trăm lẻ năm đồng'],
  [110, 'Một trăm mười đồng', 'Một trăm mười đồng'],
  [111, 'Một trăm mười một đồng', 'Một trăm mười một đồng'],
  [115, 'Một trăm mười lăm đồng', 'Một trăm mười lăm đồng'],
  [1_000, 'Một nghìn đồng', 'Một nghìn đồng'],
  [1_001, 'Một nghìn không trăm linh một đồng', 'Một nghìn không trăm lẻ một đồng'],
  [1_010, 'Một nghìn không trăm mười đồng', 'Một nghìn không trăm mười đồng'],
  [10_005, 'Mười nghìn không trăm linh năm đồng', 'Mười nghìn không trăm lẻ năm đồng'],
  [15_000, 'Mười lăm nghìn đồng', 'Mười lăm nghìn đồng'],
  [100_000, 'Một trăm nghìn đồng', 'Một trăm nghìn đồng'],
  [
    199_635,
    'Một trăm chín mươi chín nghìn sáu trăm ba mươi lăm đồng',
    'Một trăm chín mươi chín nghìn sáu trăm ba mươi lăm đồng',
  ],
  [1_000_000, 'Một triệu đồng', 'Một triệu đồng'],
  [1_000_001, 'Một triệu không trăm linh một đồng', 'Một triệu không trăm lẻ một đồng'],
  [1_054_000, 'Một triệu không trăm năm mươi bốn nghìn đồng', 'Một triệu không trăm năm mươi tư nghìn đồng'],
  [1_000_000_000, 'Một tỷ đồng', 'Một tỷ đồng'],
  [
    2_147_483_648,
    'Hai tỷ một trăm bốn mươi bảy triệu bốn trăm tám mươi ba nghìn sáu trăm bốn mươi tám đồng',
    'Hai tỷ một trăm bốn mươi bảy triệu bốn trăm tám mươi ba nghìn sáu trăm bốn mươi tám đồng',
  ],
  [5_000_000_021, 'Năm tỷ không trăm hai mươi mốt đồng', 'Năm tỷ không trăm hai mươi mốt đồng'],
  [1_000_000_000_000, 'Một nghìn tỷ đồng', 'Một nghìn tỷ đồng'],
  [1_000_001_000_000, 'Một nghìn tỷ không trăm linh một triệu đồng', 'Một nghìn tỷ không trăm lẻ một triệu đồng'],
  [
    Number.MAX_SAFE_INTEGER, // 9.007.199.254.740.991
    'Chín triệu không trăm linh bảy nghìn một trăm chín mươi chín tỷ hai trăm năm mươi bốn triệu bảy trăm bốn mươi nghìn chín trăm chín mươi mốt đồng',
    'Chín triệu không trăm lẻ bảy nghìn một trăm chín mươi chín tỷ hai trăm năm mươi tư triệu bảy trăm bốn mươi nghìn chín trăm chín mươi mốt đồng',
  ],
];

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return null;
}

describe('amountInWords', () => {
  it.each(CASES)('%i in the North reading', (amount, north) => {
    expect(amountInWords(amount, 'NORTH')).toBe(north);
  });

  it.each(CASES)('%i in the South reading', (amount, _north, south) => {
    expect(amountInWords(amount, 'SOUTH')).toBe(south);
  });

  it('reads a negative amount (a lowering adjustment) with "Âm" in front', () => {
    expect(amountInWords(-100_000, 'NORTH')).toBe('Âm một trăm nghìn đồng');
    expect(amountInWords(-1_001, 'SOUTH')).toBe('Âm một nghìn không trăm lẻ một đồng');
    expect(amountInWords(-Number.MAX_SAFE_INTEGER, 'NORTH')).toMatch(/^Âm chín triệu .* chín mươi mốt đồng$/);
  });

  it('reads minus zero as zero', () => {
    expect(amountInWords(-0, 'NORTH')).toBe('Không đồng');
  });

  it.each([0.5, -1.25, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1, -(2 ** 60)])(
    'refuses %s (not a whole, safe amount)',
    (amount) => {
      const error = captureError(() => amountInWords(amount, 'SOUTH'));
      expect(error).toBeInstanceOf(InvoiceRuleError);
      expect((error as InvoiceRuleError).code).toBe('INVALID_AMOUNT');
      expect((error as InvoiceRuleError).message).toMatch(/số nguyên đồng/);
    },
  );

  it('returns NFC text whose first letter is a capital', () => {
    for (const [amount] of CASES) {
      const text = amountInWords(amount, 'SOUTH');
      expect(text.normalize('NFC')).toBe(text);
      expect(text.charAt(0)).toBe(text.charAt(0).toLocaleUpperCase('vi'));
      expect(text.endsWith(' đồng')).toBe(true);
    }
  });
});
