/**
 * Tracking codes ("YC" + 8 characters of Crockford's base32): typed by a citizen from a receipt or a phone call,
 * so the alphabet has no I, L, O or U to misread, and 40 random bits so nobody can guess a neighbour's code.
 * Randomness comes from the caller (crypto in the service), which keeps this module pure.
 */
export const TRACKING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TRACKING_PREFIX = 'YC';
export const TRACKING_RANDOM_BYTES = 5;

/** Five random bytes → "YC" + 8 symbols (5 bits each). */
export function formatTrackingCode(random: Uint8Array): string {
  if (random.length < TRACKING_RANDOM_BYTES) throw new Error('A tracking code needs 5 random bytes.');
  let bits = 0n;
  for (let i = 0; i < TRACKING_RANDOM_BYTES; i++) bits = (bits << 8n) | BigInt(random[i]!);
  let out = '';
  for (let i = 7; i >= 0; i--) out += TRACKING_ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return TRACKING_PREFIX + out;
}

/**
 * What a person typed, read the Crockford way: case and spaces/dashes ignored, O read as 0, I and L as 1.
 * Returns null when it cannot be a tracking code.
 */
export function normalizeTrackingCode(typed: string): string | null {
  const compact = typed.toUpperCase().replace(/[\s-]/g, '');
  if (!compact.startsWith(TRACKING_PREFIX)) return null;
  const body = compact.slice(TRACKING_PREFIX.length).replace(/O/g, '0').replace(/[IL]/g, '1');
  if (body.length !== 8 || [...body].some((c) => !TRACKING_ALPHABET.includes(c))) return null;
  return TRACKING_PREFIX + body;
}
