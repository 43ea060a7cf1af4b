import { describe, expect, it } from 'vitest';
import { addWorkingDays, DEFAULT_RESOLUTION_DAYS, isOverdue, workOrderDeadline } from '@/domain/work-orders/deadline';
import { isPublicHoliday, isWorkingDay, VIETNAM_PUBLIC_HOLIDAYS } from '@/domain/work-orders/holidays';
import {
  WORK_ORDER_KIND_LABELS,
  WORK_ORDER_KINDS,
  WORK_ORDER_STATUS_LABELS,
  WORK_ORDER_STATUSES,
} from '@/domain/work-orders/kinds';
import { computeQuote, lineAmount, QuoteError } from '@/domain/work-orders/quote';
import { formatTrackingCode, normalizeTrackingCode, TRACKING_ALPHABET } from '@/domain/work-orders/tracking-code';
import {
  assertTransition,
  canTransition,
  nextStatuses,
  WorkOrderTransitionError,
} from '@/domain/work-orders/transitions';

describe('Vietnamese public holidays', () => {
  it('lists dated days off for 2025–2027, each a weekday', () => {
    expect(new Set(VIETNAM_PUBLIC_HOLIDAYS.map((h) => h.date.slice(0, 4)))).toEqual(new Set(['2025', '2026', '2027']));
    for (const h of VIETNAM_PUBLIC_HOLIDAYS) {
      const dow = new Date(`${h.date}T00:00:00Z`).getUTCDay();
      expect([h.date, dow >= 1 && dow <= 5]).toEqual([h.date, true]);
    }
  });

  it('knows Tết, 30/4, 1/5 and 2/9', () => {
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-20', '2026-04-30', '2026-05-01', '2026-09-02', '2025-01-29'])
      expect([d, isPublicHoliday(d)]).toEqual([d, true]);
    expect(isWorkingDay('2026-02-23')).toBe(true);
    expect(isWorkingDay('2026-02-21')).toBe(false); // Saturday
    expect(isWorkingDay('2026-04-29')).toBe(true);
  });
});

describe('deadlines', () => {
  it('counts working days after the day of receipt, skipping weekends and holidays', () => {
    expect(addWorkingDays('2026-11-16', 15)).toBe('2026-12-07');
    expect(addWorkingDays('2026-11-20', 1)).toBe('2026-11-23');
    // Wednesday 29 April 2026: 30/4 and 1/5 off, then the weekend.
    expect(addWorkingDays('2026-04-29', 1)).toBe('2026-05-04');
    expect(addWorkingDays('2026-02-13', 15)).toBe('2026-03-13');
  });

  it('gives a dispute 15 working days and a meter check 5 days whatever the catalog says', () => {
    expect(workOrderDeadline('BILL_DISPUTE', '2026-11-16', 60)).toBe('2026-12-07');
    expect(workOrderDeadline('METER_CHECK', '2026-11-16', 30)).toBe('2026-11-21');
  });

  it('takes the complaint kind’s days, else the kind’s default', () => {
    expect(workOrderDeadline('PROBLEM_REPORT', '2026-11-16', 10)).toBe('2026-11-26');
    expect(workOrderDeadline('PROBLEM_REPORT', '2026-11-16', null)).toBe('2026-11-19');
    expect(workOrderDeadline('INSTALLATION', '2026-11-16')).toBe('2026-12-16');
    for (const kind of WORK_ORDER_KINDS) expect(DEFAULT_RESOLUTION_DAYS[kind]).toBeGreaterThan(0);
  });

  it('is overdue only while open and after the deadline day', () => {
    expect(isOverdue('2026-11-20', true, '2026-11-20')).toBe(false);
    expect(isOverdue('2026-11-20', true, '2026-11-21')).toBe(true);
    expect(isOverdue('2026-11-20', false, '2026-12-21')).toBe(false);
  });
});

describe('transitions', () => {
  it('walks an installation through its steps and service requests through assign → in progress → done', () => {
    expect(nextStatuses('INSTALLATION', 'RECEIVED')).toEqual(['SURVEYED', 'REJECTED', 'CANCELLED']);
    expect(nextStatuses('INSTALLATION', 'INSTALLED')).toEqual(['DONE', 'REJECTED', 'CANCELLED']);
    expect(nextStatuses('LEAK_REPORT', 'RECEIVED')).toEqual(['ASSIGNED', 'REJECTED', 'CANCELLED']);
    expect(nextStatuses('LEAK_REPORT', 'IN_PROGRESS')).toEqual(['DONE', 'REJECTED', 'CANCELLED']);
  });

  it('refuses skipped steps, the other pattern’s statuses and any move from a closed order', () => {
    expect(canTransition('INSTALLATION', 'RECEIVED', 'QUOTED')).toBe(false);
    expect(canTransition('INSTALLATION', 'RECEIVED', 'ASSIGNED')).toBe(false);
    expect(canTransition('RELOCATION', 'RECEIVED', 'SURVEYED')).toBe(false);
    expect(canTransition('RELOCATION', 'RECEIVED', 'DONE')).toBe(false);
    for (const closed of ['DONE', 'REJECTED', 'CANCELLED'] as const)
      for (const to of WORK_ORDER_STATUSES) expect(canTransition('BILL_DISPUTE', closed, to)).toBe(false);
    expect(() => assertTransition('CUT_OFF', 'DONE', 'CANCELLED')).toThrow(WorkOrderTransitionError);
  });

  it('labels every kind and status in Vietnamese', () => {
    for (const k of WORK_ORDER_KINDS) expect(WORK_ORDER_KIND_LABELS[k]).toMatch(/\p{L}/u);
    for (const s of WORK_ORDER_STATUSES) expect(WORK_ORDER_STATUS_LABELS[s]).toMatch(/\p{L}/u);
  });
});

describe('tracking codes', () => {
  it('are YC + 8 Crockford symbols from 5 random bytes, without I, L, O, U', () => {
    expect(formatTrackingCode(new Uint8Array([0, 0, 0, 0, 0]))).toBe('YC00000000');
    expect(formatTrackingCode(new Uint8Array([255, 255, 255, 255, 255]))).toBe('YCZZZZZZZZ');
    expect(TRACKING_ALPHABET).not.toMatch(/[ILOU]/);
    expect(formatTrackingCode(new Uint8Array([0x12, 0x34, 0x56, 0x78, 0x9a]))).toMatch(/^YC[0-9A-HJKMNP-TV-Z]{8}$/);
  });

  it('read what a person typed: case, spaces, O for 0, I and L for 1', () => {
    expect(normalizeTrackingCode('yc 0o1l-ab2c')).toBe('YC0011AB2C');
    expect(normalizeTrackingCode('YC123')).toBeNull();
    expect(normalizeTrackingCode('XX00000000')).toBeNull();
    expect(normalizeTrackingCode('YC0000000U')).toBeNull();
  });
});

describe('quotes', () => {
  it('rounds each line half up to whole VND and sums the rounded lines', () => {
    expect(lineAmount(1.5, 333_333)).toBe(500_000);
    expect(lineAmount(0.001, 499)).toBe(0);
    expect(lineAmount(0.001, 500)).toBe(1);
    expect(lineAmount(12.5, 18_500)).toBe(231_250);
    const q = computeQuote([
      { name: 'Ống', unit: 'm', quantity: 0.1, unitPrice: 3 },
      { name: 'Ống', unit: 'm', quantity: 0.2, unitPrice: 3 },
    ]);
    expect(q.lines.map((l) => l.amount)).toEqual([0, 1]);
    expect(q.total).toBe(1);
  });

  it('refuses no lines, a bad quantity or price', () => {
    expect(() => computeQuote([])).toThrow(QuoteError);
    expect(() => computeQuote([{ name: 'x', unit: 'm', quantity: 0, unitPrice: 1 }])).toThrow(QuoteError);
    expect(() => computeQuote([{ name: 'x', unit: 'm', quantity: 1.0001, unitPrice: 1 }])).toThrow(QuoteError);
    expect(() => computeQuote([{ name: 'x', unit: 'm', quantity: 1, unitPrice: 1.5 }])).toThrow(QuoteError);
  });
});
