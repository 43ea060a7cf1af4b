import type { Client } from 'urql';
import { meetsDifficulty, proofMessage } from '@/domain/portal/proof-of-work';
import { PortalChallengeQuery } from './portal-requests.documents';

/**
 * Finds the nonce of a portal challenge with crypto.subtle (SHA-256), as the server will check it. Digests are
 * asked for in batches so the loop yields to the browser between them: the page stays responsive (the spinner
 * spins, a tap registers) during the ~0.2–1 s of work on a phone.
 */
async function solvePortalChallenge(challenge: string, difficulty: number): Promise<string> {
  const encoder = new TextEncoder();
  const BATCH = 256;
  for (let start = 0; ; start += BATCH) {
    const digests = await Promise.all(
      Array.from({ length: BATCH }, (_, i) =>
        crypto.subtle.digest('SHA-256', encoder.encode(proofMessage(challenge, String(start + i)))),
      ),
    );
    const hit = digests.findIndex((d) => meetsDifficulty(new Uint8Array(d), difficulty));
    if (hit >= 0) return String(start + hit);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** A fresh challenge from the server, never from the cache (each is single use). */
export async function fetchPortalChallenge(client: Client): Promise<{ challenge: string; difficulty: number }> {
  const result = await client.query(PortalChallengeQuery, {}, { requestPolicy: 'network-only' }).toPromise();
  if (result.error || !result.data) throw result.error ?? new Error('no challenge');
  return result.data.portalChallenge;
}

/** A fresh challenge, solved: the `proof` of a submission (the honeypot is added by the form). */
export async function provePortalForm(client: Client): Promise<{ challenge: string; nonce: string }> {
  const { challenge, difficulty } = await fetchPortalChallenge(client);
  return { challenge, nonce: await solvePortalChallenge(challenge, difficulty) };
}

/** A random key made once per filled form, so a resend of the same form makes no second request. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
