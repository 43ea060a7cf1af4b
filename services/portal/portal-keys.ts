/**
 * MAC keys of the portal's signed values (challenges, upload tokens), each an HKDF of AUTH_SECRET under its own
 * label, like the invoice links of portal-token.ts: the session secret itself signs nothing here, and a value made
 * for one purpose never verifies for another.
 */
import { hkdfSync } from 'node:crypto';
import { developmentAuthSecret } from '@/config/development-secret';
import { serverEnv } from '@/config/env';

const derived = new Map<string, Buffer>();

export function portalKey(label: 'portal-challenge/v1' | 'portal-upload/v1'): Buffer {
  const env = serverEnv();
  // A production server without AUTH_SECRET does not start (config/env.ts); tests get a fixed key.
  const material =
    env.AUTH_SECRET ?? (env.NODE_ENV === 'test' ? 'capnuoc-test-only-portal-key' : developmentAuthSecret());
  const id = `${label}\u0000${material}`;
  let key = derived.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', material, 'capnuoc', label, 32));
    derived.set(id, key);
  }
  return key;
}
