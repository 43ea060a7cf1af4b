import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toNfcDeep } from '@/domain/text/nfc';
import { foldVietnamese } from '@/domain/text/normalize';

const NAME = 'Nguyễn Thị Ánh Tuyết';
const nfd = (s: string) => s.normalize('NFD');

describe('toNfcDeep', () => {
  it('composes strings inside arguments, input objects and lists', () => {
    const args = Object.assign(Object.create(null) as Record<string, unknown>, {
      input: { name: nfd(NAME), tags: [nfd('Đống Đa'), 3], when: new Date(0), nested: { note: nfd('ghi chú') } },
      search: nfd('Ánh'),
    });
    const out = toNfcDeep(args);
    expect(out.search).toBe('Ánh');
    expect(out.input).toEqual({ name: NAME, tags: ['Đống Đa', 3], when: new Date(0), nested: { note: 'ghi chú' } });
    expect(Object.getPrototypeOf(out)).toBeNull();
    // The caller's object is left as it was.
    expect((args.input as { name: string }).name).toBe(nfd(NAME));
  });

  it('returns the same reference when everything is already composed', () => {
    const args = { input: { name: NAME, list: ['a', 'b'] }, id: 3 };
    expect(toNfcDeep(args)).toBe(args);
  });

  it('leaves class instances alone', () => {
    const buf = Buffer.from(nfd('ế'));
    expect(toNfcDeep({ buf }).buf).toBe(buf);
  });

  it('is idempotent and agrees with String.normalize', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(toNfcDeep({ s }).s).toBe(s.normalize('NFC'));
        expect(toNfcDeep(toNfcDeep([s]))).toEqual([s.normalize('NFC')]);
      }),
    );
  });
});

describe('foldVietnamese', () => {
  it('folds NFD and NFC input to the same search text', () => {
    for (const s of [NAME, 'Phường Đống Đa', 'Hoà Bình', 'Hòa Bình'])
      expect(foldVietnamese(nfd(s))).toBe(foldVietnamese(s));
    expect(foldVietnamese(nfd('Đặng Thị Huệ'))).toBe('dang thi hue');
  });
});
