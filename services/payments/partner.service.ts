/**
 * Partners (banks, e-wallets, stores) that collect over the partner API: administered by admins in the back office,
 * and looked up by code for every partner request. A partner's secret leaves the server once, when it is made
 * (created or rotated); it is stored encrypted (partner-secrets.ts), never in a list or a log.
 */
import { BlockList, isIP } from 'node:net';
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { partners } from '@/db/schema/payments';
import type { Actor } from '@/services/auth/actor';
import { AppError, forbidden, notFound, pgErrorCode } from '@/services/errors';
import { MAX_ALLOW_LIST, PARTNER_CODE_RE, PARTNER_NAME_MAX } from '@/schemas/partner-input';
import { decryptPartnerSecret, encryptPartnerSecret, generatePartnerSecret } from './partner-secrets';

export interface PartnerRecord {
  id: number;
  code: string;
  name: string;
  allowList: string[];
  allowOverpayment: boolean;
  notifiesBank: boolean;
  active: boolean;
  createdAt: Date | string;
}

export interface PartnerSettings {
  name: string;
  /** IP addresses or CIDR ranges the partner calls from; empty allows none. */
  allowList: readonly string[];
  allowOverpayment: boolean;
  notifiesBank: boolean;
  active: boolean;
}

export interface NewPartner extends PartnerSettings {
  /** What the partner sends in X-Partner-Id: 2–32 of A–Z, 0–9 and _. Fixed once made (it binds the secret). */
  code: string;
}

/** A partner with its new secret: the only answer that ever carries it. */
export interface PartnerWithSecret {
  partner: PartnerRecord;
  secret: string;
}

const columns = {
  id: partners.id,
  code: partners.code,
  name: partners.name,
  allowList: partners.allowList,
  allowOverpayment: partners.allowOverpayment,
  notifiesBank: partners.notifiesBank,
  active: partners.active,
  createdAt: partners.createdAt,
};

function requireAdmin(actor: Actor): void {
  if (!actor.isAdmin) throw forbidden('quản lý đối tác thu hộ');
}

/**
 * One allow-list entry in its stored form, or null: an IPv4/IPv6 address, or a CIDR range `address/prefix`
 * (prefix 0–32 for IPv4, 0–128 for IPv6). Zone ids (`fe80::1%eth0`) are refused: they mean nothing off the host.
 */
export function normalizeAllowEntry(entry: string): string | null {
  const value = entry.trim().toLowerCase();
  if (value === '' || value.includes('%')) return null;
  const [address = '', prefix, extra] = value.split('/');
  if (extra !== undefined) return null;
  const family = isIP(address);
  if (family === 0) return null;
  if (prefix === undefined) return address;
  if (!/^\d{1,3}$/.test(prefix)) return null;
  const bits = Number(prefix);
  return bits <= (family === 4 ? 32 : 128) ? `${address}/${bits}` : null;
}

/** The entries normalised and deduplicated, or VALIDATION_FAILED naming the first bad one. */
export function normalizeAllowList(entries: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.trim() === '') continue;
    const normalized = normalizeAllowEntry(entry);
    if (normalized === null)
      throw new AppError(
        'VALIDATION_FAILED',
        `«${entry.trim().slice(0, 60)}» không phải địa chỉ IP hoặc dải CIDR hợp lệ (ví dụ 203.0.113.10 hoặc 203.0.113.0/24).`,
        { field: 'allowList' },
      );
    if (!out.includes(normalized)) out.push(normalized);
  }
  if (out.length > MAX_ALLOW_LIST)
    throw new AppError('VALIDATION_FAILED', `Danh sách địa chỉ được phép tối đa ${MAX_ALLOW_LIST} dòng.`, {
      field: 'allowList',
    });
  return out;
}

/**
 * Whether a client address is in the allow-list. Node's BlockList matches an IPv4 address and its IPv4-mapped IPv6
 * form (::ffff:127.0.0.1) against each other, so a dual-stack socket's peer address is found either way. An unknown
 * address (null) is never allowed.
 */
export function isAddressAllowed(allowList: readonly string[], address: string | null): boolean {
  if (!address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  const list = new BlockList();
  for (const entry of allowList) {
    const normalized = normalizeAllowEntry(entry);
    if (!normalized) continue;
    const [ip = '', prefix] = normalized.split('/');
    const type = isIP(ip) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, Number(prefix), type);
  }
  return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

function checkSettings(input: PartnerSettings): PartnerSettings {
  const name = input.name.trim();
  if (name.length === 0 || name.length > PARTNER_NAME_MAX)
    throw new AppError('VALIDATION_FAILED', `Tên đối tác bắt buộc, tối đa ${PARTNER_NAME_MAX} ký tự.`, {
      field: 'name',
    });
  return {
    name,
    allowList: normalizeAllowList(input.allowList),
    allowOverpayment: input.allowOverpayment,
    notifiesBank: input.notifiesBank,
    active: input.active,
  };
}

const duplicateCode = (code: string) =>
  new AppError('DUPLICATE_CODE', `Mã đối tác «${code}» đã được dùng.`, { field: 'code' });

/** Every partner, by code (admins only). */
export async function listPartners(db: DbOrTx, actor: Actor): Promise<PartnerRecord[]> {
  requireAdmin(actor);
  return db.select(columns).from(partners).orderBy(asc(partners.code));
}

/** Adds a partner with a new random secret, returned this once (admins only). */
export async function createPartner(db: DbOrTx, actor: Actor, input: NewPartner): Promise<PartnerWithSecret> {
  requireAdmin(actor);
  const code = input.code.trim().toUpperCase();
  if (!PARTNER_CODE_RE.test(code))
    throw new AppError('VALIDATION_FAILED', 'Mã đối tác gồm 2–32 ký tự A–Z, 0–9 hoặc dấu gạch dưới.', {
      field: 'code',
    });
  const settings = checkSettings(input);
  const secret = generatePartnerSecret();
  try {
    const [row] = await db
      .insert(partners)
      .values({
        code,
        name: settings.name,
        secretCiphertext: encryptPartnerSecret(secret, code),
        allowList: [...settings.allowList],
        allowOverpayment: settings.allowOverpayment,
        notifiesBank: settings.notifiesBank,
        active: settings.active,
      })
      .returning(columns);
    return { partner: row!, secret };
  } catch (error) {
    if (pgErrorCode(error)?.code === '23505') throw duplicateCode(code);
    throw error;
  }
}

/** Changes a partner's name, allow-list and settings; its code and secret stay (admins only). */
export async function updatePartner(
  db: DbOrTx,
  actor: Actor,
  id: number,
  input: PartnerSettings,
): Promise<PartnerRecord> {
  requireAdmin(actor);
  const settings = checkSettings(input);
  const [row] = await db
    .update(partners)
    .set({
      name: settings.name,
      allowList: [...settings.allowList],
      allowOverpayment: settings.allowOverpayment,
      notifiesBank: settings.notifiesBank,
      active: settings.active,
    })
    .where(eq(partners.id, id))
    .returning(columns);
  if (!row) throw notFound('đối tác');
  return row;
}

/**
 * Gives a partner a new secret, returned this once; the old one stops working at once (admins only). The partner
 * must switch at the same moment, which is why rotation is a deliberate admin action and not automatic.
 */
export async function rotatePartnerSecret(db: DbOrTx, actor: Actor, id: number): Promise<PartnerWithSecret> {
  requireAdmin(actor);
  const [current] = await db.select({ code: partners.code }).from(partners).where(eq(partners.id, id));
  if (!current) throw notFound('đối tác');
  const secret = generatePartnerSecret();
  const [row] = await db
    .update(partners)
    .set({ secretCiphertext: encryptPartnerSecret(secret, current.code) })
    .where(eq(partners.id, id))
    .returning(columns);
  if (!row) throw notFound('đối tác');
  return { partner: row, secret };
}

/** What a partner request is checked against: the partner and its decrypted secret. */
export interface PartnerCredentials extends PartnerRecord {
  secret: string;
}

/**
 * The active partner with this X-Partner-Id, or null (unknown or deactivated: the caller answers both alike).
 * Throws PartnerSecretKeyError when the stored secret does not decrypt (the server key changed).
 */
export async function findActivePartner(db: DbOrTx, code: string): Promise<PartnerCredentials | null> {
  if (!PARTNER_CODE_RE.test(code)) return null;
  const [row] = await db
    .select({ ...columns, secretCiphertext: partners.secretCiphertext })
    .from(partners)
    .where(eq(partners.code, code));
  if (!row || !row.active) return null;
  const { secretCiphertext, ...partner } = row;
  return { ...partner, secret: decryptPartnerSecret(secretCiphertext, partner.code) };
}
