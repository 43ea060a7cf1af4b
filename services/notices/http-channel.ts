import { SendFailure } from './channel';

/** HTTP answers worth retrying besides 5xx: time-out, too early, too many requests. */
const RETRIED_STATUS = new Set([408, 425, 429]);

export interface JsonPostOptions {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  /** Sent as Idempotency-Key: the provider answers a repeated key with the first answer, sending nothing again. */
  idempotencyKey: string;
  timeoutMs: number;
  fetch: typeof globalThis.fetch;
}

/** One POST of JSON; 2xx answers the parsed body, anything else throws a classified SendFailure. */
export async function postJson(options: JsonPostOptions): Promise<{ status: number; body: unknown; text: string }> {
  let response: Response;
  try {
    response = await options.fetch(options.url, {
      method: 'POST',
      headers: {
        ...options.headers,
        'content-type': 'application/json; charset=utf-8',
        accept: 'application/json',
        'idempotency-key': options.idempotencyKey,
      },
      body: JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (e) {
    throw new SendFailure(e instanceof Error ? `${e.name}: ${e.message}` : String(e), true);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (e) {
    throw new SendFailure(e instanceof Error ? `${e.name}: ${e.message}` : String(e), true);
  }
  const short = text.trim().slice(0, 500);
  if (response.status >= 500 || RETRIED_STATUS.has(response.status))
    throw new SendFailure(`HTTP ${response.status}: ${short}`, true, short);
  if (response.status >= 400) throw new SendFailure(`HTTP ${response.status}: ${short}`, false, short);
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: response.status, body, text: short };
}

/** The first string or number among the given fields of a JSON object. */
export function pickId(body: unknown, ...fields: string[]): string | null {
  if (!body || typeof body !== 'object') return null;
  for (const f of fields) {
    const v = (body as Record<string, unknown>)[f];
    if (typeof v === 'string' && v) return v;
    if (typeof v === 'number') return String(v);
  }
  return null;
}
