import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from '@/app/login/callback-url';

describe('safeCallbackUrl', () => {
  it('keeps a path of this site and sends anything else to the customer list', () => {
    expect(safeCallbackUrl('/readings?book=3')).toBe('/readings?book=3');
    expect(safeCallbackUrl('//evil.example/x')).toBe('/customers');
    expect(safeCallbackUrl('/\\evil.example')).toBe('/customers');
    expect(safeCallbackUrl('https://evil.example')).toBe('/customers');
    expect(safeCallbackUrl(undefined)).toBe('/customers');
    expect(safeCallbackUrl(['/a', '/b'])).toBe('/customers');
  });
});
