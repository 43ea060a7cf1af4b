import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientAddress,
  installSocketAddressStamp,
  stampSocketAddress,
  trustedProxyHops,
} from '@/app/server/client-address';
import { users } from '@/db/schema/users';
import { hashPassword, verifyPassword } from '@/services/auth/password';
import { checkCredentials, SIGN_IN_LIMITS, unlockLogin } from '@/services/auth/sign-in.service';
import { createTestDatabase } from '../helpers/db';

let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.insert(users).values([
    { login: 'thungan', fullName: 'Thu Ngân', passwordHash: await hashPassword('dung-mat-khau-1') },
    { login: 'khoa', fullName: 'Bị khóa', passwordHash: await hashPassword('dung-mat-khau-2') },
    { login: 'nghiviec', fullName: 'Đã nghỉ', passwordHash: await hashPassword('dung-mat-khau-3'), isActive: false },
    { login: 'quantri', fullName: 'Quản trị', passwordHash: await hashPassword('quan-tri-dung'), isAdmin: true },
  ]);
});
afterAll(async () => database?.close());

describe('passwords', () => {
  it('hashes with scrypt, salted, and verifies only the right password', async () => {
    const a = await hashPassword('mat-khau');
    const b = await hashPassword('mat-khau');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('mat-khau', a)).toBe(true);
    expect(await verifyPassword('mat-khaU', a)).toBe(false);
    expect(await verifyPassword('mat-khau', 'garbage')).toBe(false);
  });
});

describe('checkCredentials', () => {
  it('signs in with the right password, login case-insensitively trimmed', async () => {
    const r = await checkCredentials(database.db, ' ThuNgan ', 'dung-mat-khau-1', '10.0.0.1');
    expect(r).toMatchObject({ ok: true, user: { login: 'thungan' } });
  });

  it('gives the same answer for an unknown user, a wrong password and an inactive account', async () => {
    const unknown = await checkCredentials(database.db, 'khongco', 'x', '10.0.0.2');
    const wrong = await checkCredentials(database.db, 'thungan', 'sai', '10.0.0.2');
    const inactive = await checkCredentials(database.db, 'nghiviec', 'dung-mat-khau-3', '10.0.0.2');
    expect(unknown).toEqual({ ok: false, reason: 'invalid' });
    expect(wrong).toEqual(unknown);
    expect(inactive).toEqual(unknown);
  });

  it(`locks a login only from the address of its ${SIGN_IN_LIMITS.pair} failures: another address and the admin still get in`, async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.pair; i++) {
      expect(await checkCredentials(database.db, 'khoa', `sai-${i}`, '10.1.0.1')).toEqual({
        ok: false,
        reason: 'invalid',
      });
      expect(await checkCredentials(database.db, 'quantri', `sai-${i}`, '10.1.0.1')).toEqual({
        ok: false,
        reason: 'invalid',
      });
    }
    // The pair stays locked for address A, even with the right password ...
    expect(await checkCredentials(database.db, 'khoa', 'dung-mat-khau-2', '10.1.0.1')).toEqual({
      ok: false,
      reason: 'locked',
    });
    expect(await checkCredentials(database.db, 'quantri', 'quan-tri-dung', '10.1.0.1')).toEqual({
      ok: false,
      reason: 'locked',
    });
    // ... while the same accounts sign in from address B.
    expect(await checkCredentials(database.db, 'khoa', 'dung-mat-khau-2', '10.1.0.2')).toMatchObject({
      ok: true,
      user: { login: 'khoa' },
    });
    expect(await checkCredentials(database.db, 'quantri', 'quan-tri-dung', '10.1.0.2')).toMatchObject({
      ok: true,
      user: { isAdmin: true },
    });
    expect(await checkCredentials(database.db, 'khoa', 'dung-mat-khau-2', '10.1.0.1')).toEqual({
      ok: false,
      reason: 'locked',
    });
  });

  it('user:unlock lifts the locks of one login from every address', async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.pair; i++) await checkCredentials(database.db, 'thungan', 'sai', '10.2.0.1');
    expect(await checkCredentials(database.db, 'thungan', 'dung-mat-khau-1', '10.2.0.1')).toEqual({
      ok: false,
      reason: 'locked',
    });
    expect(await unlockLogin(database.db, ' ThuNgan ')).toBeGreaterThan(0);
    expect(await checkCredentials(database.db, 'thungan', 'dung-mat-khau-1', '10.2.0.1')).toMatchObject({ ok: true });
  });

  it('counts junk logins of any length without failing', async () => {
    expect(await checkCredentials(database.db, 'x'.repeat(300), 'sai', '10.2.0.9')).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it(`locks an address after ${SIGN_IN_LIMITS.address} failures across accounts`, async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.address; i++) {
      await checkCredentials(database.db, `nguoi${i}`, 'sai', '10.9.9.9');
    }
    expect(await checkCredentials(database.db, 'thungan', 'dung-mat-khau-1', '10.9.9.9')).toEqual({
      ok: false,
      reason: 'locked',
    });
    expect(await checkCredentials(database.db, 'thungan', 'dung-mat-khau-1', '10.9.9.8')).toMatchObject({ ok: true });
  });
});

describe('unknown client address', () => {
  it('requests of unknown address share one address budget', async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.address; i++) await checkCredentials(database.db, `vodanh${i}`, 'sai', null);
    expect(await checkCredentials(database.db, 'thungan', 'dung-mat-khau-1', null)).toEqual({
      ok: false,
      reason: 'locked',
    });
  });
});

describe('client address', () => {
  /** Headers as a route handler sees them: what the client (or a proxy) sent, stamped with the socket's peer. */
  function received(peer: string, sent?: string): Headers {
    const request = { socket: { remoteAddress: peer }, headers: sent ? { 'x-forwarded-for': sent } : {} };
    stampSocketAddress(request as unknown as IncomingMessage);
    return new Headers(request.headers as Record<string, string>);
  }

  it('appends the socket address to whatever X-Forwarded-For the client sent', async () => {
    installSocketAddressStamp();
    const seen: Record<string, string>[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      seen.push(req.headers as Record<string, string>);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      await fetch(url, { headers: { 'x-forwarded-for': '6.6.6.6' } });
      await fetch(url);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen.map((h) => h['x-forwarded-for'])).toEqual(['6.6.6.6, 127.0.0.1', '127.0.0.1']);
    expect(clientAddress(new Headers(seen[0]!), 0)).toBe('127.0.0.1');
  });

  it('knows no address for a request the server did not stamp, whatever it claims', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '10.8.8.8' }), 0)).toBeNull();
    expect(clientAddress(new Headers({ 'x-forwarded-for': '10.8.8.8', 'x-capnuoc-stamp': 'doan-bua' }), 0)).toBeNull();
  });

  it(`with no trusted proxy, a spoofed X-Forwarded-For does not escape the per-address limit`, async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.address; i++) {
      await checkCredentials(
        database.db,
        `khach${i}`,
        'sai',
        clientAddress(received('10.8.8.8', `198.51.100.${i}`), 0),
      );
    }
    const next = clientAddress(received('10.8.8.8', '198.51.100.250'), 0);
    expect(next).toBe('10.8.8.8');
    expect(await checkCredentials(database.db, 'thungan', 'dung-mat-khau-1', next)).toEqual({
      ok: false,
      reason: 'locked',
    });
  });

  it("with one trusted proxy, takes the entry the proxy appended, not the client's", () => {
    // client wrote "1.1.1.1", the proxy appended the real client 203.0.113.9, the socket peer is the proxy.
    const h = received('10.0.0.1', '1.1.1.1, 203.0.113.9');
    expect(clientAddress(h, 1)).toBe('203.0.113.9');
    expect(clientAddress(h, 0)).toBe('10.0.0.1');
    expect(clientAddress(received('::ffff:10.0.0.1'), 0)).toBe('10.0.0.1');
    // A request that skipped the proxy: the leftmost entry is the farthest hop known.
    expect(clientAddress(received('10.0.0.1'), 1)).toBe('10.0.0.1');
    expect(clientAddress(received('10.0.0.1', 'not-an-address'), 1)).toBeNull();
  });

  it('reads the number of trusted proxies from TRUSTED_PROXY_HOPS, 0 by default', () => {
    expect(trustedProxyHops({})).toBe(0);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: '1' })).toBe(1);
    expect(() => trustedProxyHops({ TRUSTED_PROXY_HOPS: 'yes' })).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});
