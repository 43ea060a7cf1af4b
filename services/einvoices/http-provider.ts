/**
 * The generic HTTP JSON e-invoice provider. Its protocol (what a provider's gateway, or a small bridge in front of
 * a provider's own API, answers):
 *
 *   POST {base}/invoices                      { document, xml }  → 200/201 ProviderInvoice JSON
 *   POST {base}/invoices/{id}/cancel          { reason }         → ProviderInvoice
 *   POST {base}/invoices/{id}/replacements    { document, xml }  → ProviderInvoice of the replacement
 *   POST {base}/invoices/{id}/adjustments     { document, xml }  → ProviderInvoice of the adjustment
 *   GET  {base}/invoices/{id}                                    → ProviderInvoice
 *   GET  {base}/invoices/{id}/pdf                                → application/pdf
 *
 * with `Authorization: Bearer <key>` and, on every POST, `Idempotency-Key`: the provider answers a repeated key
 * with what it did the first time instead of doing it again. ProviderInvoice JSON is
 * `{ id, status, xml?, lookupCode? }`; an error is any 4xx/5xx, with `{ message }` when the provider says why.
 *
 * Time-outs, network errors, 408, 429 and 5xx are retried with exponential back-off (and Retry-After), sending
 * the very same request and key; any other 4xx is final and surfaces as EINVOICE_PROVIDER_REJECTED.
 */
import { z } from 'zod';
import { serverEnv, type ServerEnv } from '@/config/env';
import type { InvoiceDocument } from '@/domain/invoices/invoice-document';
import { AppError } from '../errors';
import type { EinvoiceProvider, ProviderInvoice } from './provider';

export interface HttpProviderOptions {
  baseUrl: string;
  apiKey: string;
  /** einvoices.issuer of what it issues (default "HTTP"). */
  name?: string;
  /** Per attempt, headers and body included (default 15 s). */
  timeoutMs?: number;
  /** Attempts in all, the first included (default 4). */
  maxAttempts?: number;
  /** First back-off; doubled each retry, with jitter (default 500 ms). */
  backoffMs?: number;
  maxBackoffMs?: number;
  fetch?: typeof globalThis.fetch;
}

const STATUSES = ['PENDING', 'ISSUED', 'CANCELLED', 'REPLACED', 'ADJUSTED', 'REJECTED'] as const;

const invoiceResponse = z.object({
  id: z.union([z.string().min(1), z.number().int()]).transform(String),
  status: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(STATUSES)),
  xml: z.string().nullish(),
  lookupCode: z.string().nullish(),
});

const RETRIED_STATUS = new Set([408, 425, 429]);

class Transient extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

function retryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

async function providerMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    const message = body.message ?? body.error;
    if (typeof message === 'string' && message.trim()) return message.trim().slice(0, 500);
  } catch {
    // not JSON: the raw text below
  }
  return text.trim().slice(0, 500) || `HTTP ${response.status}`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class HttpEinvoiceProvider implements EinvoiceProvider {
  readonly name: string;
  private readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly fetchFn: typeof globalThis.fetch;

  constructor(options: HttpProviderOptions) {
    this.name = (options.name ?? 'HTTP').slice(0, 32);
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.apiKey = options.apiKey;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 4);
    this.backoffMs = options.backoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 8_000;
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  issue(document: InvoiceDocument, xml: string | undefined, idempotencyKey: string): Promise<ProviderInvoice> {
    return this.invoiceCall('POST', '/invoices', { document, xml: xml ?? null }, idempotencyKey);
  }

  cancel(providerId: string, reason: string): Promise<ProviderInvoice> {
    // Cancelling twice is cancelling once; the key only lets the provider say so instead of refusing the repeat.
    return this.invoiceCall(
      'POST',
      `/invoices/${encodeURIComponent(providerId)}/cancel`,
      { reason },
      `cancel-${providerId}`,
    );
  }

  replace(
    providerId: string,
    document: InvoiceDocument,
    xml: string | undefined,
    idempotencyKey: string,
  ): Promise<ProviderInvoice> {
    const path = `/invoices/${encodeURIComponent(providerId)}/replacements`;
    return this.invoiceCall('POST', path, { document, xml: xml ?? null }, idempotencyKey);
  }

  adjust(
    providerId: string,
    document: InvoiceDocument,
    xml: string | undefined,
    idempotencyKey: string,
  ): Promise<ProviderInvoice> {
    const path = `/invoices/${encodeURIComponent(providerId)}/adjustments`;
    return this.invoiceCall('POST', path, { document, xml: xml ?? null }, idempotencyKey);
  }

  status(providerId: string): Promise<ProviderInvoice> {
    return this.invoiceCall('GET', `/invoices/${encodeURIComponent(providerId)}`);
  }

  async fetchPdf(providerId: string): Promise<Buffer> {
    return this.request('GET', `/invoices/${encodeURIComponent(providerId)}/pdf`, undefined, undefined, async (res) => {
      const bytes = Buffer.from(await res.arrayBuffer());
      if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
        throw new AppError(
          'EINVOICE_PROVIDER_BAD_RESPONSE',
          'Nhà cung cấp hóa đơn điện tử trả về tệp không phải PDF.',
          { detail: `content-type ${res.headers.get('content-type')}, ${bytes.byteLength} bytes` },
        );
      }
      return bytes;
    });
  }

  private invoiceCall(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<ProviderInvoice> {
    return this.request(method, path, body, idempotencyKey, async (res) => {
      const text = await res.text();
      let parsed: z.infer<typeof invoiceResponse>;
      try {
        parsed = invoiceResponse.parse(JSON.parse(text));
      } catch (error) {
        throw new AppError(
          'EINVOICE_PROVIDER_BAD_RESPONSE',
          'Nhà cung cấp hóa đơn điện tử trả lời không đúng định dạng.',
          { detail: `${method} ${path}: ${error instanceof Error ? error.message : String(error)}` },
        );
      }
      return {
        providerId: parsed.id,
        status: parsed.status,
        xml: parsed.xml ?? null,
        lookupCode: parsed.lookupCode ?? null,
      };
    });
  }

  /**
   * One call with its retries. The body is serialised once, so every attempt sends the same bytes under the
   * same idempotency key.
   */
  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    idempotencyKey: string | undefined,
    read: (response: Response) => Promise<T>,
  ): Promise<T> {
    const url = `${this.baseUrl}${path}`;
    const headers: Record<string, string> = { authorization: `Bearer ${this.apiKey}`, accept: 'application/json' };
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] = 'application/json; charset=utf-8';

    let last = '';
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      try {
        const signal = AbortSignal.timeout(this.timeoutMs);
        let response: Response;
        try {
          response = await this.fetchFn(url, { method, headers, body: payload, signal });
        } catch (error) {
          throw new Transient(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
        }
        if (response.status >= 500 || RETRIED_STATUS.has(response.status)) {
          const wait = retryAfter(response.headers.get('retry-after'));
          throw new Transient(`HTTP ${response.status}: ${await providerMessage(response)}`, wait);
        }
        if (response.status >= 400) {
          const message = await providerMessage(response);
          throw new AppError('EINVOICE_PROVIDER_REJECTED', `Nhà cung cấp hóa đơn điện tử từ chối: ${message}`, {
            detail: `${method} ${path} → HTTP ${response.status}`,
          });
        }
        try {
          return await read(response);
        } catch (error) {
          // The body timing out half-way is as transient as the headers timing out.
          if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
            throw new Transient(`${error.name}: ${error.message}`);
          throw error;
        }
      } catch (error) {
        if (!(error instanceof Transient)) throw error;
        last = error.message;
        if (attempt === this.maxAttempts) break;
        const backoff = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** (attempt - 1));
        // Jitter spreads the retries of many invoices that failed together.
        const wait = error.retryAfterMs ?? backoff / 2 + Math.random() * (backoff / 2);
        await sleep(Math.min(wait, this.maxBackoffMs));
      }
    }
    throw new AppError(
      'EINVOICE_PROVIDER_UNAVAILABLE',
      'Nhà cung cấp hóa đơn điện tử không phản hồi sau nhiều lần thử; vui lòng thử lại sau.',
      { detail: `${method} ${path}, ${this.maxAttempts} attempts; last: ${last}` },
    );
  }
}

/** The provider configured by EINVOICE_PROVIDER_URL and EINVOICE_PROVIDER_KEY (EINVOICE_PROVIDER_NOT_CONFIGURED without). */
export function providerFromEnv(
  env: Pick<ServerEnv, 'EINVOICE_PROVIDER_URL' | 'EINVOICE_PROVIDER_KEY'> = serverEnv(),
): HttpEinvoiceProvider {
  if (!env.EINVOICE_PROVIDER_URL || !env.EINVOICE_PROVIDER_KEY) {
    throw new AppError(
      'EINVOICE_PROVIDER_NOT_CONFIGURED',
      'Đơn vị phát hành hóa đơn điện tử qua nhà cung cấp nhưng chưa cấu hình EINVOICE_PROVIDER_URL và EINVOICE_PROVIDER_KEY.',
    );
  }
  return new HttpEinvoiceProvider({ baseUrl: env.EINVOICE_PROVIDER_URL, apiKey: env.EINVOICE_PROVIDER_KEY });
}
