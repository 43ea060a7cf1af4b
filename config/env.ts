import { z } from 'zod';

/**
 * The server's environment variables (README "Environment"), checked in one place so a typo such as
 * DATABASE_POOL_SIZE=1O stops the server at start with a message naming the variable, instead of surfacing later
 * as NaN connections or a silently ignored switch. Server-only: it is never bundled for the browser (a lint rule keeps
 * components/ from importing it), and it is not marked `server-only` because scripts and next.config.ts use it too.
 */
const blankAsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

function wholeNumber(min: number, max: number) {
  const message = `phải là số nguyên từ ${min} đến ${max} / must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .trim()
    .regex(/^\d{1,9}$/, message)
    .transform(Number)
    .pipe(z.number().min(min, message).max(max, message));
}

const ON = ['1', 'true', 'yes', 'on'];
const OFF = ['0', 'false', 'no', 'off'];
const switchFlag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ON.includes(v) || OFF.includes(v), 'phải là 1/0, true/false, yes/no hoặc on/off / must be 1 or 0')
  .optional()
  .transform((v) => v !== undefined && ON.includes(v));

const optionalText = z.string().trim().optional();

/**
 * A 32-byte key written as 64 hex digits or as base64 / base64url (`openssl rand -base64 32`), or null. Hex is tried
 * first: 64 hex digits are also valid base64, but of 48 bytes.
 */
export function decodeKey32(value: string): Buffer | null {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}={0,2}$/.test(v)) return null;
  const bytes = Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === 32 ? bytes : null;
}

const schema = z.object({
  NODE_ENV: z
    .enum(
      ['development', 'production', 'test'],
      'phải là development, production hoặc test / must be development, production or test',
    )
    .default('development'),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'phải là một URL postgres:// / must be a postgres:// URL')
    .optional(),
  PGLITE_DIR: optionalText,
  DATABASE_POOL_SIZE: wholeNumber(1, 1000).default(10),
  /** Workers per job queue in this process (jobs/queue.ts); 0 = this process only enqueues. */
  JOB_WORKERS: wholeNumber(0, 32).default(1),
  AUTH_SECRET: z
    .string()
    .min(32, 'cần ít nhất 32 ký tự ngẫu nhiên / needs at least 32 random characters (openssl rand -base64 32)')
    .optional(),
  STORAGE_DIR: optionalText,
  /** Outgoing mail: smtp://user:pass@host:port (smtps:// for TLS). Unset in development: mail goes to the local catch-all mailbox (README "Email in development"). */
  SMTP_URL: z
    .string()
    .trim()
    .regex(/^smtps?:\/\/\S+$/, 'phải là một URL smtp:// hoặc smtps:// / must be an smtp:// or smtps:// URL')
    .optional(),
  /** The sender of every notice, e.g. "Công ty Cấp nước <no-reply@capnuoc.vn>". */
  MAIL_FROM: optionalText,
  /** The app's public address, for links in notices (bill lookup, request tracking). */
  PUBLIC_URL: z
    .string()
    .trim()
    .regex(/^https?:\/\/\S+$/, 'phải là một URL http(s):// / must be an http(s):// URL')
    .optional(),
  /** A brandname SMS provider's send endpoint (services/notices/sms-channel.ts); unset = SMS notices are skipped. */
  SMS_PROVIDER_URL: z
    .string()
    .trim()
    .regex(/^https?:\/\/\S+$/, 'phải là một URL http(s):// / must be an http(s):// URL')
    .optional(),
  SMS_API_KEY: z.string().trim().optional(),
  /** A Zalo ZNS send endpoint (services/notices/zns-channel.ts); unset = ZNS notices are skipped. */
  ZNS_PROVIDER_URL: z
    .string()
    .trim()
    .regex(/^https?:\/\/\S+$/, 'phải là một URL http(s):// / must be an http(s):// URL')
    .optional(),
  ZNS_ACCESS_TOKEN: z.string().trim().optional(),
  PORT: wholeNumber(1, 65535).optional(),
  SEED_DEMO: switchFlag,
  DEMO_CUSTOMERS: wholeNumber(0, 10_000_000).default(5000),
  TRUSTED_PROXY_HOPS: wholeNumber(0, 99).default(0),
  ALLOWED_DEV_ORIGINS: optionalText,
  HTTPS_ONLY: switchFlag,
  NEXT_DIST_DIR: optionalText,
  // Set by Next.js itself; read to tell `next build` (no sessions signed) from a running server.
  NEXT_PHASE: optionalText,
  // The company's e-invoice signing certificate (PKCS#12). Unset outside production: a demo certificate is made.
  EINVOICE_P12_PATH: optionalText,
  EINVOICE_P12_PASSWORD: z.string().optional(),
  // A generic HTTP e-invoice provider, used when the company's e-invoice mode is PROVIDER.
  EINVOICE_PROVIDER_URL: z
    .string()
    .trim()
    .regex(/^https?:\/\/\S+$/, 'phải là một URL http(s):// / must be an http(s):// URL')
    .optional(),
  EINVOICE_PROVIDER_KEY: z.string().trim().optional(),
  // Encrypts the partners' HMAC secrets at rest (services/payments/partner-secrets.ts). Required in production.
  PARTNER_SECRET_KEY: z
    .string()
    .trim()
    .refine(
      (v) => decodeKey32(v) !== null,
      'phải là khóa 32 byte: 64 chữ số hex hoặc base64 / must be a 32-byte key: 64 hex digits or base64 (openssl rand -base64 32)',
    )
    .optional(),
});

export type ServerEnv = z.infer<typeof schema>;

/** Values never repeated in an error message: they end up in logs. */
const SECRET = new Set<string>([
  'AUTH_SECRET',
  'DATABASE_URL',
  'EINVOICE_P12_PASSWORD',
  'EINVOICE_PROVIDER_KEY',
  'PARTNER_SECRET_KEY',
  'SMS_API_KEY',
  'ZNS_ACCESS_TOKEN',
  'SMTP_URL',
]);

export class EnvError extends Error {
  override name = 'EnvError';
}

/**
 * Parses an environment; throws EnvError listing every bad variable. `forApp` adds what only the web server needs:
 * a production server must have AUTH_SECRET and PARTNER_SECRET_KEY (scripts such as db:migrate run without them).
 */
export function parseEnv(source: Record<string, string | undefined>, { forApp = false } = {}): ServerEnv {
  const input = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, blankAsUnset(source[key])]));
  const result = schema.safeParse(input);
  const lines = (result.success ? [] : result.error.issues).map((issue) => {
    const key = String(issue.path[0] ?? '?');
    const raw = source[key];
    const got = raw === undefined || SECRET.has(key) ? '' : ` (nhận / got "${raw}")`;
    return `  ${key}: ${issue.message}${got}`;
  });
  const env = result.data;
  // `next build` loads the server modules to collect pages but signs no session.
  if (forApp && env?.NODE_ENV === 'production' && !env.AUTH_SECRET && env.NEXT_PHASE !== 'phase-production-build') {
    lines.push('  AUTH_SECRET: bắt buộc khi chạy production / required in production (openssl rand -base64 32)');
  }
  // Partner secrets must stay decryptable across restarts and machines: no key may be derived or generated here.
  if (
    forApp &&
    env?.NODE_ENV === 'production' &&
    !env.PARTNER_SECRET_KEY &&
    env.NEXT_PHASE !== 'phase-production-build'
  ) {
    lines.push('  PARTNER_SECRET_KEY: bắt buộc khi chạy production / required in production (openssl rand -base64 32)');
  }
  if (lines.length > 0 || !env) {
    throw new EnvError(`Biến môi trường không hợp lệ / Invalid environment variables:\n${lines.join('\n')}`);
  }
  return env;
}

/**
 * The running process's environment, parsed on every call rather than cached: tests and scripts set variables
 * (STORAGE_DIR, DATABASE_URL) after modules are loaded, and the parse is cheap next to what reads it.
 */
export function serverEnv(): ServerEnv {
  if (typeof window !== 'undefined') throw new Error('config/env is server-only');
  return parseEnv(process.env);
}

/** serverEnv() with the web server's own requirements; instrumentation.ts calls it once at start. */
export function appEnv(): ServerEnv {
  if (typeof window !== 'undefined') throw new Error('config/env is server-only');
  return parseEnv(process.env, { forApp: true });
}
