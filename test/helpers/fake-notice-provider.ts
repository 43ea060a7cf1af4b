/**
 * A local fake of an SMS or ZNS provider: a real HTTP server that deduplicates on the client's key the way the
 * contracts in services/notices/sms-channel.ts and zns-channel.ts require (a repeated key answers the first
 * delivery and delivers nothing), and can be told to fail the next requests with a status or a ZNS error code.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

interface ProviderRequest {
  key: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

export interface FakeNoticeProvider {
  url: string;
  /** Every request received, repeats included. */
  requests: ProviderRequest[];
  /** What reached a phone: one entry per distinct key. */
  deliveries: Map<string, Record<string, unknown>>;
  /** The next n requests answer this HTTP status (5xx, 429: temporary; 4xx: permanent). */
  failNext(status: number, times?: number): void;
  /** ZNS: the next request answers HTTP 200 with this non-zero Zalo error code. */
  znsErrorNext(code: number): void;
  close(): Promise<void>;
}

export async function startFakeNoticeProvider(kind: 'SMS' | 'ZNS'): Promise<FakeNoticeProvider> {
  const requests: ProviderRequest[] = [];
  const deliveries = new Map<string, Record<string, unknown>>();
  const ids = new Map<string, string>();
  const failures: number[] = [];
  const znsErrors: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown>;
      const key = String(kind === 'SMS' ? body.clientMessageId : body.tracking_id);
      requests.push({ key, headers: req.headers, body });
      const answer = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      const status = failures.shift();
      if (status !== undefined) return answer(status, { message: `lỗi giả lập ${status}` });
      const znsError = znsErrors.shift();
      if (znsError !== undefined) return answer(200, { error: znsError, message: 'Số điện thoại không có Zalo' });
      if (!ids.has(key)) {
        ids.set(key, `${kind.toLowerCase()}-${ids.size + 1}`);
        deliveries.set(key, body);
      }
      const id = ids.get(key)!;
      return kind === 'SMS'
        ? answer(200, { id, status: 'ACCEPTED' })
        : answer(200, { error: 0, message: 'Success', data: { msg_id: id, sent_time: String(Date.now()) } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/send`,
    requests,
    deliveries,
    failNext(status, times = 1) {
      for (let i = 0; i < times; i++) failures.push(status);
    },
    znsErrorNext(code) {
      znsErrors.push(code);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
