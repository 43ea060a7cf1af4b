import { createHash } from 'node:crypto';
import { meetsDifficulty, proofMessage } from '@/domain/portal/proof-of-work';

/** Solves a portal challenge the way the browser does (components/portal/proof-of-work.ts), with node:crypto. */
export function solveChallenge(challenge: string, difficulty: number): string {
  for (let nonce = 0; ; nonce++) {
    const digest = createHash('sha256')
      .update(proofMessage(challenge, String(nonce)))
      .digest();
    if (meetsDifficulty(digest, difficulty)) return String(nonce);
  }
}

/** A nonce that does NOT solve the challenge. */
export function wrongNonce(challenge: string, difficulty: number): string {
  for (let nonce = 0; ; nonce++) {
    const digest = createHash('sha256')
      .update(proofMessage(challenge, String(nonce)))
      .digest();
    if (!meetsDifficulty(digest, difficulty)) return String(nonce);
  }
}
