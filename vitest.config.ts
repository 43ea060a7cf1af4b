import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: fileURLToPath(new URL('./', import.meta.url)) },
      // Pothos loads graphql through require(); pin ESM imports to the same CommonJS copy (one graphql realm).
      { find: /^graphql$/, replacement: require.resolve('graphql') },
    ],
  },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/component/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite instances are memory-hungry; two workers match the 2-core machine.
    maxWorkers: 2,
    // next-auth imports `next/server` without an extension, which Node's ESM loader cannot resolve outside Next.js;
    // bundled by Vite it resolves (test/integration/portal-accounts.test.ts calls the auth route handlers).
    server: { deps: { inline: ['next-auth'] } },
  },
});
