import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '@/graphql/schema';
import { ERROR_CODES } from '@/services/error-codes';

const SOURCE_DIRS = ['services', 'graphql', 'domain', 'app', 'lib/server'];

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/*
 * Every way the code base hands a code to a client: AppError and the domain errors (which services pass through
 * as AppError), GraphQLError extensions, HTTP refusals of the route handlers, and per-row reading errors.
 */
const THROW_SITES = [
  /new (?:AppError|TariffError|ReadingError)\(\s*'([A-Z_]+)'/g,
  /\bcode: '([A-Z][A-Z_]+)'(?=,\s*(?:message|limit|http)|\s*\})/g,
  /\b(?:invalid|fail|jsonError\(\d+,|graphqlRefusal\(\d+,)\(?\s*'([A-Z][A-Z_]+)'/g,
  /errorCode: '([A-Z_]+)'/g,
];

function codesThrownInSource(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of SOURCE_DIRS.flatMap(sourceFiles)) {
    if (file.endsWith('error-codes.ts')) continue;
    const text = readFileSync(file, 'utf8');
    for (const pattern of THROW_SITES) {
      for (const match of text.matchAll(pattern)) if (!found.has(match[1]!)) found.set(match[1]!, file);
    }
  }
  return found;
}

describe('error codes', () => {
  it('every code the code base can answer with is in the documented list', () => {
    const found = codesThrownInSource();
    // The scan must see the well-known sites, or a broken pattern would pass vacuously.
    expect([...found.keys()]).toEqual(
      expect.arrayContaining(['FORBIDDEN', 'PERIOD_LOCKED', 'INVALID_DATE', 'QUERY_TOO_COMPLEX', 'NO_METER']),
    );
    const undocumented = [...found]
      .filter(([code]) => !(code in ERROR_CODES))
      .map(([code, file]) => `${code} (${file})`);
    expect(undocumented).toEqual([]);
  });

  it('the schema publishes them as the ErrorCode enum, each with a description', () => {
    const type = schema.getType('ErrorCode');
    expect(type).toBeInstanceOf(GraphQLEnumType);
    const values = (type as GraphQLEnumType).getValues();
    expect(values.map((v) => v.name).sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const v of values) expect(v.description, v.name).toBeTruthy();
  });
});
