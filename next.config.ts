import { hostname, networkInterfaces } from 'node:os';
import type { NextConfig } from 'next';
import { allowedDevOrigins } from './config/dev-origins';
import { serverEnv } from './config/env';
import { securityHeaders } from './config/security-headers';

const env = serverEnv();
const dev = env.NODE_ENV !== 'production';

const config: NextConfig = {
  // A second checkout or server on one machine can build elsewhere (NEXT_DIST_DIR=.next-3200).
  distDir: env.NEXT_DIST_DIR ?? '.next',
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: [
    '@electric-sql/pglite',
    'postgres',
    'exceljs',
    // react-pdf loads its fonts and yoga WASM at run time; the PDF, XML-signature and queue libraries run as they are.
    '@react-pdf/renderer',
    'pdf-lib',
    'xml-crypto',
    'node-forge',
    'pg-boss',
  ],
  outputFileTracingIncludes: { '/**': ['./db/migrations/**/*'] },
  typedRoutes: false,
  poweredByHeader: false,
  // The sidebar's sign-out button sits bottom-left, where Next's development badge would cover it.
  devIndicators: { position: 'bottom-right' },
  // Only `next dev` reads it: other hosts that may load the dev server's scripts (a second office PC).
  allowedDevOrigins: allowedDevOrigins(
    env.ALLOWED_DEV_ORIGINS,
    hostname(),
    Object.values(networkInterfaces()).flatMap((list) => list ?? []),
  ),
  // Computed when the config loads: by `next build` for `next start` (build with HTTPS_ONLY=1 for an https site).
  async headers() {
    return [
      {
        // Attachments carry their own, stricter set (sandbox CSP); two CSP headers would both apply.
        source: '/((?!api/attachments/).*)',
        headers: securityHeaders({ dev, https: env.HTTPS_ONLY }),
      },
    ];
  },
};

export default config;
