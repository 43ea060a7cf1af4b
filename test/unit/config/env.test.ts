import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/config/env';

describe('parseEnv', () => {
  it('gives the documented defaults on an empty environment', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      DATABASE_URL: undefined,
      DATABASE_POOL_SIZE: 10,
      DEMO_CUSTOMERS: 5000,
      SEED_DEMO: false,
      HTTPS_ONLY: false,
      TRUSTED_PROXY_HOPS: 0,
    });
  });

  it('reads each variable in its own type', () => {
    const env = parseEnv({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://app@db.local:5432/water',
      DATABASE_POOL_SIZE: ' 25 ',
      AUTH_SECRET: 'x'.repeat(32),
      PGLITE_DIR: '/var/lib/capnuoc/pglite',
      STORAGE_DIR: '/var/lib/capnuoc/files',
      PORT: '3200',
      SEED_DEMO: '1',
      DEMO_CUSTOMERS: '200',
      TRUSTED_PROXY_HOPS: '1',
      ALLOWED_DEV_ORIGINS: '192.168.1.*',
      HTTPS_ONLY: 'true',
      NEXT_DIST_DIR: '.next-3200',
    });
    expect(env).toMatchObject({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://app@db.local:5432/water',
      DATABASE_POOL_SIZE: 25,
      PORT: 3200,
      SEED_DEMO: true,
      DEMO_CUSTOMERS: 200,
      TRUSTED_PROXY_HOPS: 1,
      HTTPS_ONLY: true,
      NEXT_DIST_DIR: '.next-3200',
    });
  });

  it('treats an empty value as unset, as the shell scripts pass them', () => {
    const env = parseEnv({ DATABASE_URL: '', NEXT_DIST_DIR: '', DATABASE_POOL_SIZE: '  ' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.NEXT_DIST_DIR).toBeUndefined();
    expect(env.DATABASE_POOL_SIZE).toBe(10);
  });

  it('refuses bad values, naming every variable in Vietnamese and English', () => {
    let error: unknown;
    try {
      parseEnv({ DATABASE_POOL_SIZE: 'mười', DATABASE_URL: 'mysql://x', TRUSTED_PROXY_HOPS: 'yes', PORT: '70000' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    expect(message).toMatch(/Biến môi trường không hợp lệ/);
    expect(message).toMatch(/Invalid environment variables/);
    for (const name of ['DATABASE_POOL_SIZE', 'DATABASE_URL', 'TRUSTED_PROXY_HOPS', 'PORT'])
      expect(message).toContain(name);
    expect(message).toContain('"mười"');
  });

  it('refuses a pool size of zero and a negative demo size', () => {
    expect(() => parseEnv({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => parseEnv({ DEMO_CUSTOMERS: '-5' })).toThrow(/DEMO_CUSTOMERS/);
  });

  it('requires a long AUTH_SECRET for a production server, except while next build collects pages', () => {
    const app = { forApp: true };
    expect(() => parseEnv({ NODE_ENV: 'production' }, app)).toThrow(/AUTH_SECRET/);
    expect(() => parseEnv({ NODE_ENV: 'production', AUTH_SECRET: 'short' }, app)).toThrow(/AUTH_SECRET/);
    expect(parseEnv({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build' }, app).AUTH_SECRET).toBeUndefined();
    expect(parseEnv({ NODE_ENV: 'development' }, app).AUTH_SECRET).toBeUndefined();
    // Scripts (db:migrate, user:unlock) sign no session: they run on a production server without the secret.
    expect(parseEnv({ NODE_ENV: 'production' }).NODE_ENV).toBe('production');
  });

  it('does not echo the value of a secret it refuses', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', AUTH_SECRET: 'hunter2' }, { forApp: true })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });

  it('does not echo a database URL it refuses (it may hold a password)', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://app:s3cret@db/water' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cret') }),
    );
  });

  it('accepts the boolean spellings the README allows for switches', () => {
    for (const on of ['1', 'true', 'yes', 'on', 'TRUE']) expect(parseEnv({ HTTPS_ONLY: on }).HTTPS_ONLY).toBe(true);
    for (const off of ['0', 'false', 'no', 'off']) expect(parseEnv({ HTTPS_ONLY: off }).HTTPS_ONLY).toBe(false);
    expect(() => parseEnv({ SEED_DEMO: 'maybe' })).toThrow(/SEED_DEMO/);
  });
});
