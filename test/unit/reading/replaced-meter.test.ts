import { describe, expect, it } from 'vitest';
import { fixedCurrentIndex } from '@/domain/reading/replaced-meter';

describe('fixedCurrentIndex', () => {
  it('is the declared final index in the period the meter was removed in', () => {
    expect(fixedCurrentIndex({ finalIndex: 5, removedOn: '2026-04-10' }, '2026-04')).toBe(5);
    expect(fixedCurrentIndex({ finalIndex: 0, removedOn: '2026-04-30' }, '2026-04')).toBe(0);
    expect(fixedCurrentIndex({ finalIndex: 7, removedOn: '2026-04-01' }, '2026-04')).toBe(7);
  });
  it('leaves meters in service and other periods read as usual', () => {
    expect(fixedCurrentIndex({ finalIndex: null, removedOn: null }, '2026-04')).toBeNull();
    expect(fixedCurrentIndex({ finalIndex: 5, removedOn: '2026-04-10' }, '2026-03')).toBeNull();
    expect(fixedCurrentIndex({ finalIndex: 5, removedOn: '2026-04-10' }, '2026-05')).toBeNull();
  });
});
