import { describe, expect, it } from 'vitest';
import {
  BANK_CREDIT_KEY,
  matchReconciliation,
  namesPartner,
  parsePartnerFile,
  type LedgerPayment,
  type PartnerFileRow,
} from '@/domain/payments/reconciliation';

const row = (
  transactionId: string,
  amount: number,
  status: 'PAID' | 'REVERSED' = 'PAID',
  customerCode = 'KH000001',
): PartnerFileRow => ({
  line: 2,
  transactionId,
  customerCode,
  amount,
  paidAt: new Date('2026-05-01T02:00:00Z'),
  status,
});
let nextId = 1;
const ours = (
  transactionId: string,
  amount: number,
  status: 'posted' | 'reversed' = 'posted',
  customerCode = 'KH000001',
): LedgerPayment => ({ paymentId: nextId++, transactionId, customerCode, amount, status });

describe('parsePartnerFile', () => {
  it('reads a file with a header row, a BOM, CRLF, quotes and both time forms', () => {
    const text =
      '\uFEFFtransactionId,customerCode,amount,paidAt,status\r\n' +
      'FT001,kh000001,250000,2026-05-01T09:15:00+07:00,PAID\r\n' +
      '"FT,002","KH000002",120000,2026-05-01 10:00,reversed\r\n' +
      '\r\n';
    const { rows, problems } = parsePartnerFile(text, { maxRows: 10 });
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        transactionId: 'FT001',
        customerCode: 'KH000001',
        amount: 250000,
        paidAt: new Date('2026-05-01T02:15:00Z'),
        status: 'PAID',
      },
      {
        line: 3,
        transactionId: 'FT,002',
        customerCode: 'KH000002',
        amount: 120000,
        paidAt: new Date('2026-05-01T03:00:00Z'),
        status: 'REVERSED',
      },
    ]);
  });

  it('takes the columns in the header’s order, and the fixed order without a header', () => {
    const reordered = parsePartnerFile(
      'status,amount,transactionId,paidAt,customerCode\nPAID,5000,T1,2026-05-01T08:00:00Z,KH9\n',
      {
        maxRows: 10,
      },
    );
    expect(reordered.rows[0]).toMatchObject({ transactionId: 'T1', customerCode: 'KH9', amount: 5000, status: 'PAID' });
    const bare = parsePartnerFile('T2,KH8,7000,2026-05-01T08:00:00Z,PAID', { maxRows: 10 });
    expect(bare.problems).toEqual([]);
    expect(bare.rows[0]).toMatchObject({ line: 1, transactionId: 'T2', customerCode: 'KH8', amount: 7000 });
  });

  it('lists every bad line and keeps none of the file', () => {
    const text = [
      'transactionId,customerCode,amount,paidAt,status',
      'T1,KH1,250.000,2026-05-01T08:00:00Z,PAID',
      'T2,KH1,-5,2026-05-01T08:00:00Z,PAID',
      'T3,KH1,5000,01/05/2026,PAID',
      'T4,KH1,5000,2026-05-01T08:00:00Z,DONE',
      'T5,KH1,5000',
      'T6,KH1,5000,2026-05-01T08:00:00Z,PAID',
      'T6,KH1,5000,2026-05-01T08:00:00Z,PAID',
      ',KH1,5000,2026-05-01T08:00:00Z,PAID',
    ].join('\n');
    const { problems } = parsePartnerFile(text, { maxRows: 100 });
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 8, 9]);
    expect(problems[0]!.message).toContain('250.000');
    expect(problems[5]!.message).toContain('lặp lại');
  });

  it('refuses a header that misses a column, an empty file and too many rows', () => {
    expect(
      parsePartnerFile('transactionId,customerCode,amount,paidAt\n', { maxRows: 10 }).problems[0]!.message,
    ).toContain('thiếu status');
    expect(parsePartnerFile('\n\n', { maxRows: 10 }).problems[0]!.message).toContain('không có giao dịch');
    const many = Array.from({ length: 3 }, (_, i) => `T${i},KH1,1000,2026-05-01T08:00:00Z,PAID`).join('\n');
    expect(parsePartnerFile(many, { maxRows: 2 }).problems[0]!.message).toContain('tối đa 2');
  });
});

describe('matchReconciliation', () => {
  it('finds each kind of exception once and counts the rest as matched', () => {
    const file = [
      row('SAME', 100_000),
      row('ONLY-PARTNER', 50_000),
      row('AMOUNT', 80_000),
      row('REV-THERE', 40_000, 'REVERSED'),
      row('REV-HERE', 30_000),
      row('BOTH-REV', 20_000, 'REVERSED'),
      row('REV-NOWHERE', 10_000, 'REVERSED'),
    ];
    const ledger = [
      ours('SAME', 100_000),
      ours('AMOUNT', 85_000),
      ours('REV-THERE', 40_000),
      ours('REV-HERE', 30_000, 'reversed'),
      ours('BOTH-REV', 20_000, 'reversed'),
      ours('ONLY-OURS', 60_000),
      ours('OURS-REVERSED', 70_000, 'reversed'),
    ];
    const out = matchReconciliation(file, ledger, []);
    const kinds = Object.fromEntries(out.exceptions.map((e) => [e.transactionId, e.kind]));
    expect(kinds).toEqual({
      'ONLY-PARTNER': 'only_partner',
      AMOUNT: 'amount_differs',
      'REV-THERE': 'reversed',
      'REV-HERE': 'reversed',
      'ONLY-OURS': 'only_ours',
    });
    // SAME, BOTH-REV, REV-NOWHERE (nothing on either side), OURS-REVERSED (nothing on either side).
    expect(out.matched).toBe(4);
    const amount = out.exceptions.find((e) => e.transactionId === 'AMOUNT')!;
    expect(amount).toMatchObject({ partnerAmount: 80_000, ourAmount: 85_000, paymentId: ledger[1]!.paymentId });
    expect(out.exceptions.find((e) => e.transactionId === 'REV-THERE')!.details).toEqual({
      partnerStatus: 'REVERSED',
      ourStatus: 'posted',
    });
    expect(out.exceptions.find((e) => e.transactionId === 'ONLY-OURS')).toMatchObject({
      partnerAmount: null,
      ourAmount: 60_000,
      customerCode: 'KH000001',
    });
    expect(out.totals).toEqual({
      partnerPaid: 100_000 + 50_000 + 80_000 + 30_000,
      partnerReversed: 40_000 + 20_000 + 10_000,
      ourPosted: 100_000 + 85_000 + 40_000 + 60_000,
      bankCredit: null,
    });
  });

  it('reports the same transaction for another customer as a difference', () => {
    const out = matchReconciliation(
      [row('T1', 5000, 'PAID', 'KH000002')],
      [ours('T1', 5000, 'posted', 'kh000001')],
      [],
    );
    expect(out.matched).toBe(0);
    expect(out.exceptions).toEqual([
      expect.objectContaining({
        kind: 'amount_differs',
        partnerAmount: 5000,
        ourAmount: 5000,
        details: expect.objectContaining({ customerDiffers: true, ourCustomerCode: 'kh000001' }),
      }),
    ]);
    // Case alone is not a different customer.
    expect(matchReconciliation([row('T1', 5000)], [ours('T1', 5000, 'posted', 'kh000001')], []).matched).toBe(1);
  });

  it('compares the bank credit with the partner’s PAID total (the third way)', () => {
    const file = [row('A', 100_000), row('B', 50_000), row('C', 30_000, 'REVERSED')];
    const ledger = [ours('A', 100_000), ours('B', 50_000), ours('C', 30_000, 'reversed')];
    const agree = matchReconciliation(file, ledger, [{ id: 7, externalId: 'VCB1', amount: 150_000 }]);
    expect(agree.exceptions).toEqual([]);
    expect(agree.totals.bankCredit).toBe(150_000);
    const short = matchReconciliation(file, ledger, [
      { id: 7, externalId: 'VCB1', amount: 100_000 },
      { id: 8, externalId: 'VCB2', amount: 20_000 },
    ]);
    expect(short.exceptions).toEqual([
      {
        kind: 'amount_differs',
        transactionId: BANK_CREDIT_KEY,
        customerCode: null,
        partnerAmount: 150_000,
        ourAmount: 120_000,
        paymentId: null,
        details: { source: 'bank', bankTransactionIds: [7, 8], bankReferences: ['VCB1', 'VCB2'] },
      },
    ]);
  });
});

describe('namesPartner', () => {
  it('finds the partner code as a whole word only', () => {
    expect(namesPartner('DEMO_BANK TT NGAY 01/05/2026', 'DEMO_BANK')).toBe(true);
    expect(namesPartner('chuyen tien demo_bank 20260501', 'DEMO_BANK')).toBe(true);
    expect(namesPartner('MBVCB.123.DEMO_BANK.CT', 'DEMO_BANK')).toBe(true);
    expect(namesPartner('DEMO_BANK2 TT', 'DEMO_BANK')).toBe(false);
    expect(namesPartner('XDEMO_BANK', 'DEMO_BANK')).toBe(false);
    expect(namesPartner('TN KH000123 202605', 'DEMO_BANK')).toBe(false);
  });
});
