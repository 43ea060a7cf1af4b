import type { NextConfig } from 'next';

const config: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'exceljs'],
  outputFileTracingIncludes: { '/**': ['./db/migrations/**/*'] },
  typedRoutes: false,
  poweredByHeader: false,
};

export default config;
