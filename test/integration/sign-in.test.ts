import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@/db/schema/users';
import { hashPassword, verifyPassword } from '@/services/auth/password';
import { checkCredentials, SIGN_IN_LIMITS } from '@/services/auth/sign-in.service';
import { createTestDatabase } from '../helpers/db';

let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.insert(users).values([
    { login: 'thungan', fullName: 'Thu Ngân', passwordHash: await hashPassword('dung-mat-khau-1') },
    { login: 'khoa', fullName: 'Bị khóa', passwordHash: await hashPassword('dung-mat-khau-2') },
    { login: 'nghiviec', fullName: 'Đã nghỉ', passwordHash: await hashPassword('dung-mat-khau-3'), isActive: false },
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

  it(`locks an account after ${SIGN_IN_LIMITS.account} failures, even for the right password`, async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.account; i++) {
      expect(await checkCredentials(database.db, 'khoa', `sai-${i}`, `10.1.0.${i}`)).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await checkCredentials(database.db, 'khoa', 'dung-mat-khau-2', '10.1.1.1')).toEqual({ ok: false, reason: 'locked' });
  });

  it(`locks an address after ${SIGN_IN_LIMITS.address} failures across accounts`, async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.address; i++) {
      await checkCredentials(database.db, `nguoi${i}`, 'sai', '10.9.9.9');
    }
    expect(await checkCredentials(database.db, 'thungan', 'dung-mat-khau-1', '10.9.9.9')).toEqual({ ok: false, reason: 'locked' });
    expect(await checkCredentials(database.db, 'thungan', 'dung-mat-khau-1', '10.9.9.8')).toMatchObject({ ok: true });
  });
});
