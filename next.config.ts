import type { NextConfig } from 'next';

const config: NextConfig = {
  // A second checkout or server on one machine can build elsewhere (NEXT_DIST_DIR=.next-3200).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'exceljs'],
  outputFileTracingIncludes: { '/**': ['./db/migrations/**/*'] },
  typedRoutes: false,
  poweredByHeader: false,
};

export default config;
