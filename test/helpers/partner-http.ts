/**
 * The partner API over real HTTP for tests: a node:http server that hands each request to the route handlers of
 * app/api/partners/v1 the way Next.js does (a WHATWG Request whose body streams from the socket; path parameters as
 * a promise), with the socket's peer address stamped into X-Forwarded-For as instrumentation.ts does in the app.
 * The test file must mock 'server-only' and '@/app/server/app-database' (the routes read the app's database).
 * Also a signing client: `partnerRequest` signs `{timestamp}.{body}` with the partner's secret.
 */
import { createServer, request as httpRequest, type Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { stampSocketAddress } from '@/app/server/client-address';
import { partnerSignature } from '@/services/payments/partner-signing';

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handler: Handler;
}

export interface PartnerServer {
  url: string;
  port: number;
  /** Requests whose handler finished (answered or not: the client may have gone). */
  handled: () => number;
  close: () => Promise<void>;
}

async function routes(): Promise<Route[]> {
  const bills = await import('@/app/api/partners/v1/bills/route');
  const payments = await import('@/app/api/partners/v1/payments/route');
  const status = await import('@/app/api/partners/v1/payments/[transactionId]/route');
  const reverse = await import('@/app/api/partners/v1/payments/[transactionId]/reverse/route');
  const bank = await import('@/app/api/partners/v1/bank-transactions/route');
  return [
    { method: 'POST', pattern: /^\/api\/partners\/v1\/bills$/, handler: bills.POST },
    { method: 'POST', pattern: /^\/api\/partners\/v1\/payments$/, handler: payments.POST },
    {
      method: 'POST',
      pattern: /^\/api\/partners\/v1\/payments\/(?<transactionId>[^/]+)\/reverse$/,
      handler: reverse.POST as Handler,
    },
    {
      method: 'GET',
      pattern: /^\/api\/partners\/v1\/payments\/(?<transactionId>[^/]+)$/,
      handler: status.GET as Handler,
    },
    { method: 'POST', pattern: /^\/api\/partners\/v1\/bank-transactions$/, handler: bank.POST },
  ];
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

export async function startPartnerServer(): Promise<PartnerServer> {
  const table = await routes();
  let handled = 0;
  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    // A client that hangs up makes writes fail; that is its business, not the server's.
    res.on('error', () => {});
    stampSocketAddress(req);
    const url = new URL(req.url ?? '/', 'http://partner.test');
    const route = table.find((r) => r.method === req.method && r.pattern.test(url.pathname));
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    const params = Object.fromEntries(
      Object.entries(route.pattern.exec(url.pathname)?.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
    );
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(url, {
      method: req.method,
      headers: toHeaders(req),
      body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
      duplex: 'half',
    } as RequestInit);
    try {
      const response = await route.handler(request, { params: Promise.resolve(params) });
      const body = Buffer.from(await response.arrayBuffer());
      if (!res.destroyed) {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(body);
      }
    } catch (error) {
      if (!res.destroyed) res.writeHead(500).end(String(error));
    } finally {
      handled++;
    }
  };
  const server = createServer((req, res) => void serve(req, res));
  // Longer than any pause of a test: a keep-alive socket the server closes as the client reuses it is a reset
  // the client did not ask for (Node's default is 5 s, easily reached on a loaded machine).
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    handled: () => handled,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface SignedCall {
  method?: 'GET' | 'POST';
  path: string;
  /** Sent as is: the exact bytes signed (a string) or a value to JSON-encode. */
  body?: unknown;
  partnerId: string;
  secret: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Overrides the computed signature (replays, forgeries). */
  signature?: string;
  headers?: Record<string, string>;
}

export interface PartnerResponse {
  status: number;
  text: string;
  json: () => any;
}

/** The bytes and headers of a signed partner call. */
export function signedRequest(call: SignedCall): { body: string; headers: Record<string, string> } {
  const body = call.body === undefined ? '' : typeof call.body === 'string' ? call.body : JSON.stringify(call.body);
  const timestamp = String(call.timestamp ?? Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-partner-id': call.partnerId,
    'x-timestamp': timestamp,
    'x-signature': call.signature ?? partnerSignature(call.secret, timestamp, body),
    ...call.headers,
  };
  return { body, headers };
}

/** One signed call over HTTP (node:http, so the bytes of the answer are exactly what the server sent). */
export function partnerRequest(baseUrl: string, call: SignedCall, agent?: Agent): Promise<PartnerResponse> {
  const { body, headers } = signedRequest(call);
  const payload = Buffer.from(body, 'utf8');
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${baseUrl}${call.path}`,
      {
        method: call.method ?? 'POST',
        headers: call.method === 'GET' ? headers : { ...headers, 'content-length': String(payload.byteLength) },
        agent: agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (call.method !== 'GET') req.write(payload);
    req.end();
  });
}

/**
 * A signed call the client abandons: 'mid-body' sends the headers and part of the body, then drops the connection;
 * 'before-answer' sends the whole request and drops the connection without reading the answer. Resolves when the
 * connection is gone.
 */
export function abandonedRequest(baseUrl: string, call: SignedCall, how: 'mid-body' | 'before-answer'): Promise<void> {
  const { body, headers } = signedRequest(call);
  const payload = Buffer.from(body, 'utf8');
  return new Promise((resolve) => {
    const req = httpRequest(`${baseUrl}${call.path}`, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(payload.byteLength) },
      agent: false,
    });
    req.on('error', () => {});
    req.on('close', () => resolve());
    req.on('response', (res) => {
      res.resume();
      req.destroy();
    });
    if (how === 'mid-body') {
      req.write(payload.subarray(0, Math.max(1, Math.floor(payload.byteLength / 2))), () => {
        setTimeout(() => req.destroy(), 2);
      });
    } else {
      req.end(payload, () => {
        req.destroy();
      });
    }
  });
}
