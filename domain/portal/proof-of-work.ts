/**
 * The portal's proof of work, shared by the browser (which searches a nonce) and the server (which checks it):
 * SHA-256 of `<challenge>:<nonce>` must start with `difficulty` zero bits. Pure: the hashing itself is the caller's
 * (crypto.subtle in the browser, node:crypto on the server), so both sides count bits with this one function.
 */

/** A nonce is a decimal counter; bounded so a proof cannot carry an arbitrarily long string to hash. */
export const NONCE_PATTERN = /^\d{1,12}$/;

/** What is hashed for a nonce. */
export function proofMessage(challenge: string, nonce: string): string {
  return `${challenge}:${nonce}`;
}

/** The number of leading zero bits of a digest. */
function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** Whether a digest meets the difficulty. */
export function meetsDifficulty(digest: Uint8Array, difficulty: number): boolean {
  return leadingZeroBits(digest) >= difficulty;
}
