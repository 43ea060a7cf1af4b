/**
 * Starts the built app (`next start`) on a fresh embedded database seeded with demo data, runs the browser
 * tests in test/e2e/*.e2e.ts with node's test runner against it, and stops the server.
 * Usage: npm run build && npm run test:e2e [-- name…] (only the suites whose file name contains one of the names)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitForServer(url: string, server: ChildProcess, timeoutMs: number, init?: RequestInit): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      const res = await fetch(url, init);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server not ready after ${timeoutMs} ms`);
}

const port = await freePort();
const dataDir = mkdtempSync(path.join(tmpdir(), 'e2e-pglite-'));
const baseUrl = `http://127.0.0.1:${port}`;
const server = spawn('npx', ['next', 'start', '--port', String(port), '--hostname', '127.0.0.1'], {
  env: {
    ...process.env,
    PGLITE_DIR: path.join(dataDir, 'db'),
    STORAGE_DIR: path.join(dataDir, 'storage'),
    SEED_DEMO: '1',
    DEMO_CUSTOMERS: process.env.DEMO_CUSTOMERS ?? '5000',
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    // A production server refuses to start without it (partner secrets are encrypted with it).
    PARTNER_SECRET_KEY: randomBytes(32).toString('base64'),
    DATABASE_URL: '',
    NEXT_TELEMETRY_DISABLED: '1',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
  detached: true,
});

let code = 1;
try {
  await waitForServer(`${baseUrl}/login`, server, 180_000);
  // The first GraphQL request waits for the demo seed; warm it up outside the tests' timeouts.
  await waitForServer(`${baseUrl}/api/graphql`, server, 180_000, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ viewer { login } }' }),
  });
  const only = process.argv.slice(2);
  const files = readdirSync('test/e2e')
    .filter((f) => f.endsWith('.e2e.ts') && (only.length === 0 || only.some((name) => f.includes(name))))
    .sort()
    .map((f) => path.join('test/e2e', f));
  const runner = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
    env: { ...process.env, E2E_BASE_URL: baseUrl },
    stdio: 'inherit',
  });
  code = await new Promise<number>((resolve) => runner.on('exit', (c) => resolve(c ?? 1)));
} finally {
  try {
    process.kill(-server.pid!, 'SIGTERM');
  } catch {
    // already gone
  }
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
