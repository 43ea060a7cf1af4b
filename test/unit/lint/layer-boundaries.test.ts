import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layer rules of ARCHITECTURE.md, checked through the project's own eslint.config.mjs on small sources placed
// (virtually) in each folder. The imported modules are real, so the resolver follows `@/` and relative paths.
const root = fileURLToPath(new URL('../../../', import.meta.url));
let eslint: ESLint;

async function boundaryErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const probe = 1;\n`, { filePath: `${root}${file}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'import/no-restricted-paths')
    .map((m) => m.message);
}

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

describe('import boundaries (eslint.config.mjs)', () => {
  it('components/ import neither db/ nor services/, not even a type, by alias or relative path', async () => {
    expect(await boundaryErrors('components/probe.tsx', "import type { Db } from '@/db/client';")).not.toEqual([]);
    expect(
      await boundaryErrors(
        'components/customers/probe.tsx',
        "import { getStorage } from '../../services/storage/storage';",
      ),
    ).not.toEqual([]);
    expect(
      await boundaryErrors('components/probe.tsx', "import type { Actor } from '@/services/auth/actor';"),
    ).not.toEqual([]);
    // Server-only: the environment holds the database URL and the session secret.
    expect(await boundaryErrors('components/probe.tsx', "import { serverEnv } from '@/config/env';")).not.toEqual([]);
    expect(await boundaryErrors('components/probe.tsx', "import { graphql } from '@/lib/graphql/graphql';")).toEqual(
      [],
    );
  });

  it('services/ import neither Next.js nor GraphQL nor components', async () => {
    for (const source of [
      "import { NextResponse } from 'next/server';",
      "import NextAuth from 'next-auth';",
      "import { GraphQLError } from 'graphql';",
      "import { builder } from '@/graphql/builder';",
      "import type { SchemaTypes } from '@pothos/core';",
      "import { Button } from '@/components/ui/button';",
      "import { builder } from '../../graphql/builder';",
    ]) {
      expect(await boundaryErrors('services/customers/probe.ts', source), source).not.toEqual([]);
    }
    expect(
      await boundaryErrors(
        'services/customers/probe.ts',
        "import { eq } from 'drizzle-orm';\nimport { roundHalfUp } from '@/domain/money/rounding';\nimport type { Db } from '@/db/client';",
      ),
    ).toEqual([]);
  });

  it('domain/ imports only domain/: no package, no Node.js module, no database', async () => {
    for (const source of [
      "import { sql } from 'drizzle-orm';",
      "import { readFile } from 'node:fs/promises';",
      "import path from 'path';",
      "import type { Db } from '@/db/client';",
      "import type { Db } from '../../db/client';",
    ]) {
      expect(await boundaryErrors('domain/billing/probe.ts', source), source).not.toEqual([]);
    }
    expect(
      await boundaryErrors(
        'domain/billing/probe.ts',
        "import { roundHalfUp } from '../money/rounding';\nimport { foldVietnamese } from '@/domain/text/normalize';",
      ),
    ).toEqual([]);
  });
});
