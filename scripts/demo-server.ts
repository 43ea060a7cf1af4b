/**
 * Starts the built app (`next start`) on a fresh embedded database seeded with demo data, for the browser tests
 * (test/e2e/run.ts) and the Lighthouse measurement (scripts/lighthouse.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export async function freePort(): Promise<number> {
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

export interface DemoServer {
  baseUrl: string;
  /** A scratch folder removed by stop(), for what the caller keeps beside the server (a mailbox). */
  dataDir: string;
  stop(): void;
}

export async function startDemoServer(extraEnv: Record<string, string> = {}): Promise<DemoServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'e2e-pglite-'));
  // Named `localhost`, still served on 127.0.0.1 only: Next.js rewrites a loopback address in a request's URL to
  // `localhost` (NextURL), so next-auth's redirects (the portal's sign-in link) would leave a browser that came by
  // 127.0.0.1 on another site than the one holding its cookies.
  const baseUrl = `http://localhost:${port}`;
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
      // The links in the mail it sends (a request's tracking page) point at this server.
      PUBLIC_URL: baseUrl,
      ...extraEnv,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForServer(`${baseUrl}/login`, server, 180_000);
    // The first GraphQL request waits for the demo seed; warm it up outside the callers' timeouts.
    await waitForServer(`${baseUrl}/api/graphql`, server, 180_000, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { login } }' }),
    });
  } catch (e) {
    stop();
    throw e;
  }
  return { baseUrl, dataDir, stop };
}
