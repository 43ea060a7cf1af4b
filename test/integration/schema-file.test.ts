import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printedSchema } from '@/graphql/print';

describe('schema.graphql', () => {
  it('is the printed schema (run `npm run schema:print` after changing the API)', () => {
    expect(readFileSync('schema.graphql', 'utf8')).toBe(printedSchema());
  });
});
