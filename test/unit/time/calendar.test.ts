import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCalendarDate, isCalendarPeriod, parseInstant, shiftDate } from '@/domain/time/calendar';

describe('isCalendarDate', () => {
  it('refuses days that do not exist, where Date would roll over', () => {
    for (const bad of [
      '2026-02-30',
      '2026-02-29',
      '2100-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-01-32',
    ]) {
      expect(isCalendarDate(bad), bad).toBe(false);
    }
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2000-02-29')).toBe(true);
  });

  it('keeps to years 1900–2100', () => {
    expect(isCalendarDate('0000-01-01')).toBe(false);
    expect(isCalendarDate('1899-12-31')).toBe(false);
    expect(isCalendarDate('2101-01-01')).toBe(false);
    expect(isCalendarDate('1900-01-01')).toBe(true);
    expect(isCalendarDate('2100-12-31')).toBe(true);
  });

  it('refuses other shapes and non-strings', () => {
    for (const bad of ['2026-1-05', '26-01-05', '2026-01-05T00:00:00Z', ' 2026-01-05', '', 20260105, null, undefined]) {
      expect(isCalendarDate(bad), String(bad)).toBe(false);
    }
  });

  it('agrees with the UTC calendar for every day of the window', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true }),
        (d) => {
          expect(isCalendarDate(d.toISOString().slice(0, 10))).toBe(true);
        },
      ),
    );
  });
});

describe('isCalendarPeriod', () => {
  it('accepts YYYY-MM in 1900–2100 only', () => {
    expect(isCalendarPeriod('2026-03')).toBe(true);
    expect(isCalendarPeriod('1900-01')).toBe(true);
    expect(isCalendarPeriod('2100-12')).toBe(true);
    for (const bad of ['0000-01', '1899-12', '2101-01', '2026-00', '2026-13', '2026-3', '2026-03-01', 202603]) {
      expect(isCalendarPeriod(bad), String(bad)).toBe(false);
    }
  });
});

describe('parseInstant', () => {
  it('reads RFC 3339 instants with an offset', () => {
    expect(parseInstant('2026-03-01T08:00:00+07:00')?.toISOString()).toBe('2026-03-01T01:00:00.000Z');
    expect(parseInstant('2026-03-01T01:00:00.123Z')?.toISOString()).toBe('2026-03-01T01:00:00.123Z');
    expect(parseInstant('2026-03-01T01:00Z')?.toISOString()).toBe('2026-03-01T01:00:00.000Z');
  });

  it('refuses garbage, impossible dates and times, and instants without an offset', () => {
    for (const bad of [
      'garbage',
      '',
      '2026-02-30T00:00:00Z',
      '2026-03-01T24:00:00Z',
      '2026-03-01T10:60:00Z',
      '2026-03-01T10:00:00',
      '0000-01-01T00:00:00Z',
      '2026-03-01T10:00:00+25:00',
      1_700_000_000_000,
      null,
    ]) {
      expect(parseInstant(bad), String(bad)).toBeNull();
    }
  });
});

describe('shiftDate', () => {
  it('moves across month and year ends', () => {
    expect(shiftDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDate('2024-02-28', 1)).toBe('2024-02-29');
    expect(shiftDate('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDate('2026-01-05', 366)).toBe('2027-01-06');
  });
});
