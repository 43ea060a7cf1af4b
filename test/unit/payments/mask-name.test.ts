import { describe, expect, it } from 'vitest';
import { maskText, maskWord } from '@/domain/payments/mask-name';

describe('maskText', () => {
  it('masks the issue’s example exactly', () => {
    expect(maskText('Nguyễn Văn An')).toBe('Ng*** V** A*');
  });

  it('keeps two letters of words longer than three, one of shorter words, and at most three stars', () => {
    expect(maskWord('Nguyễn')).toBe('Ng***');
    expect(maskWord('Hương')).toBe('Hư***');
    expect(maskWord('Minh')).toBe('Mi**');
    expect(maskWord('Thị')).toBe('T**');
    expect(maskWord('Lê')).toBe('L*');
    expect(maskWord('A')).toBe('A');
    // Long words do not give their length away.
    expect(maskWord('Nghiêng')).toBe('Ng***');
    expect(maskWord('Nghiêng').length).toBe(maskWord('Nguyễn').length);
  });

  it('counts a decomposed Vietnamese letter as one letter', () => {
    const decomposed = 'Nguyễn'.normalize('NFD');
    expect(decomposed.length).toBeGreaterThan(6);
    expect(maskText(`${decomposed} Văn An`)).toBe('Ng*** V** A*');
  });

  it('masks an address word by word and keeps its punctuation', () => {
    expect(maskText('12/3 Phố Hàng Bông, P. Hàng Gai, Q. Hoàn Kiếm')).toBe(
      '1*/3 P** Hà** Bô**, P. Hà** G**, Q. Ho** Ki**',
    );
  });

  it('hides every letter but the kept ones, whatever the text', () => {
    const name = 'Trần Thị Thu Hương';
    const masked = maskText(name);
    expect(masked).toBe('Tr** T** T** Hư***');
    for (const word of ['Trần', 'Thị', 'Thu', 'Hương']) expect(masked).not.toContain(word);
  });

  it('gives an empty string for nothing and trims spaces', () => {
    expect(maskText('')).toBe('');
    expect(maskText(null)).toBe('');
    expect(maskText('  Lê   Thị  ')).toBe('L* T**');
  });
});
