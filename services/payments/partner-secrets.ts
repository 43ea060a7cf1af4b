/**
 * Partner secrets at rest. The HMAC of a partner request needs the secret itself, so it cannot be stored as a hash:
 * it is encrypted with AES-256-GCM under a server key (PARTNER_SECRET_KEY), bound to the partner's code as
 * associated data, so a ciphertext copied onto another partner's row does not decrypt there.
 *
 * The key: PARTNER_SECRET_KEY (32 bytes, hex or base64) wherever it is set; a production server refuses to start
 * without it (config/env.ts). Elsewhere it is derived with HKDF from AUTH_SECRET, or in development from the secret
 * auth.ts keeps in .data/auth-secret, so `npm run db:seed` and `npm run dev` on one checkout agree on it. Changing
 * the key (or, without one, AUTH_SECRET) makes every stored secret undecryptable: rotate the partners' secrets then.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { developmentAuthSecret } from '@/config/development-secret';
import { decodeKey32, serverEnv, type ServerEnv } from '@/config/env';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class PartnerSecretKeyError extends Error {
  override name = 'PartnerSecretKeyError';
}

const derived = new Map<string, Buffer>();
let fromProcess: { source: string; key: Buffer } | null = null;

/**
 * The 32-byte key that encrypts partner secrets in this environment. Every partner request needs it: the key of
 * the process environment is kept until one of the variables it comes from changes.
 */
export function partnerSecretKey(env?: Pick<ServerEnv, 'NODE_ENV' | 'PARTNER_SECRET_KEY' | 'AUTH_SECRET'>): Buffer {
  if (env) return keyOf(env);
  const source = JSON.stringify([process.env.NODE_ENV, process.env.PARTNER_SECRET_KEY, process.env.AUTH_SECRET]);
  if (fromProcess?.source !== source) fromProcess = { source, key: keyOf(serverEnv()) };
  return fromProcess.key;
}

function keyOf(env: Pick<ServerEnv, 'NODE_ENV' | 'PARTNER_SECRET_KEY' | 'AUTH_SECRET'>): Buffer {
  if (env.PARTNER_SECRET_KEY) {
    const key = decodeKey32(env.PARTNER_SECRET_KEY);
    if (!key) throw new PartnerSecretKeyError('PARTNER_SECRET_KEY is not a 32-byte key');
    return key;
  }
  if (env.NODE_ENV === 'production')
    throw new PartnerSecretKeyError('PARTNER_SECRET_KEY is required in production (openssl rand -base64 32)');
  // Tests without AUTH_SECRET get a fixed key: their databases are thrown away, and no file is written for them.
  const material =
    env.AUTH_SECRET ?? (env.NODE_ENV === 'test' ? 'capnuoc-test-only-partner-key' : developmentAuthSecret());
  let key = derived.get(material);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', material, 'capnuoc', 'partner-secret-key/v1', 32));
    derived.set(material, key);
  }
  return key;
}

/** A new random secret for a partner: 32 random bytes, base64url (43 characters). */
export function generatePartnerSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** `v1.<iv>.<tag>.<ciphertext>` (base64url parts), bound to the partner's code. */
export function encryptPartnerSecret(secret: string, partnerCode: string, key: Buffer = partnerSecretKey()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(`partner:${partnerCode}`, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
}

/** The secret, or a PartnerSecretKeyError when it was encrypted under another key or for another partner. */
export function decryptPartnerSecret(stored: string, partnerCode: string, key: Buffer = partnerSecretKey()): string {
  const [version, iv, tag, ciphertext] = stored.split('.');
  if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined)
    throw new PartnerSecretKeyError('unknown partner secret format');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(`partner:${partnerCode}`, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new PartnerSecretKeyError(
      `the secret of partner ${partnerCode} does not decrypt: PARTNER_SECRET_KEY (or AUTH_SECRET) changed since it was stored`,
    );
  }
}
