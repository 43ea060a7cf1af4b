import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Development only: the session secret kept in .data/auth-secret, made once by whichever process needs it first.
 * auth.ts signs sessions with it; partner secrets and portal links derive their keys from it, so `npm run db:seed`,
 * `npm run dev` and a restart on one checkout all agree. Created with 'wx' so two processes starting at once keep one.
 */
export function developmentAuthSecret(): string {
  const file = path.join(process.cwd(), '.data', 'auth-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch {
      // Created concurrently: the other process's secret is read below.
    }
    return readFileSync(file, 'utf8').trim();
  }
}
