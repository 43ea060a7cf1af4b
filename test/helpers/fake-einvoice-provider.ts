/**
 * A local e-invoice provider speaking http-provider.ts's protocol, for the adapter and store tests. It keeps what
 * it issued by idempotency key (a repeated key answers the first issue), and each POST /invoices takes the next
 * scripted behaviour: `ok`, `slow` (issues, then answers after the client has given up), `fail` (500, nothing
 * issued) or `reject` (422, nothing issued).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type FakeBehaviour = 'ok' | 'slow' | 'fail' | 'reject';

interface FakeIssued {
  id: string;
  key: string;
  xml: string;
  status: 'ISSUED' | 'CANCELLED' | 'REPLACED' | 'ADJUSTED';
  /** For a replacement or an adjustment: the provider id of the invoice it corrects. */
  corrects?: { id: string; relation: 'replacements' | 'adjustments' };
}

export interface FakeProvider {
  url: string;
  apiKey: string;
  /** Behaviours of the next POST /invoices calls, in order (then `ok`). */
  script: FakeBehaviour[];
  /** Every POST /invoices received: its idempotency key and authorization header. */
  issueRequests: { key: string | undefined; authorization: string | undefined }[];
  /** What it issued, by idempotency key. */
  issued: Map<string, FakeIssued>;
  /** How long `slow` waits before answering. */
  slowMs: number;
  close(): Promise<void>;
}

const API_KEY = 'khoa-thu-nghiem';

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** The XML the provider "signs": ours with a marker, so a test can tell whose XML was stored. */
function providerXml(xml: string | null, id: string): string {
  return (xml ?? '<HDon/>').replace('</HDon>', `<MCCQT>${id}</MCCQT></HDon>`);
}

export async function startFakeProvider(): Promise<FakeProvider> {
  const state = {
    script: [] as FakeBehaviour[],
    issueRequests: [] as FakeProvider['issueRequests'],
    issued: new Map<string, FakeIssued>(),
    slowMs: 400,
  };
  let serial = 0;
  const view = (i: FakeIssued) => ({ id: i.id, status: i.status, xml: i.xml, lookupCode: `TRA${i.id}` });

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    if (req.headers.authorization !== `Bearer ${API_KEY}`) return json(res, 401, { message: 'Sai khóa API' });
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method === 'POST' && url.pathname === '/invoices') {
      const key = req.headers['idempotency-key'] as string | undefined;
      state.issueRequests.push({ key, authorization: req.headers.authorization });
      const behaviour = state.script.shift() ?? 'ok';
      if (behaviour === 'fail') return json(res, 500, { message: 'Lỗi máy chủ tạm thời' });
      if (behaviour === 'reject') return json(res, 422, { message: 'Mã số thuế người mua không hợp lệ' });
      if (!key) return json(res, 400, { message: 'Thiếu Idempotency-Key' });
      let issued = state.issued.get(key);
      if (!issued) {
        const { xml } = JSON.parse(body) as { xml: string | null };
        const id = `NCC-${++serial}`;
        issued = { id, key, xml: providerXml(xml, id), status: 'ISSUED' };
        state.issued.set(key, issued);
      }
      if (behaviour === 'slow') await new Promise((r) => setTimeout(r, state.slowMs));
      return json(res, 201, view(issued));
    }
    const m = /^\/invoices\/([^/]+)(\/pdf|\/cancel|\/replacements|\/adjustments)?$/.exec(url.pathname);
    const found = m ? [...state.issued.values()].find((i) => i.id === decodeURIComponent(m[1]!)) : undefined;
    if (!found) return json(res, 404, { message: 'Không có hóa đơn' });
    if (req.method === 'GET' && !m![2]) return json(res, 200, view(found));
    if (req.method === 'GET' && m![2] === '/pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      return res.end('%PDF-1.4\n% fake\n');
    }
    if (req.method === 'POST' && (m![2] === '/replacements' || m![2] === '/adjustments')) {
      const key = req.headers['idempotency-key'] as string | undefined;
      if (!key) return json(res, 400, { message: 'Thiếu Idempotency-Key' });
      let issued = state.issued.get(key);
      if (!issued) {
        const { xml } = JSON.parse(body) as { xml: string | null };
        const id = `NCC-${++serial}`;
        const relation = m![2].slice(1) as 'replacements' | 'adjustments';
        issued = { id, key, xml: providerXml(xml, id), status: 'ISSUED', corrects: { id: found.id, relation } };
        state.issued.set(key, issued);
        found.status = relation === 'replacements' ? 'REPLACED' : 'ADJUSTED';
      }
      return json(res, 201, view(issued));
    }
    if (req.method === 'POST' && m![2] === '/cancel') {
      found.status = 'CANCELLED';
      return json(res, 200, view(found));
    }
    return json(res, 405, { message: 'Không hỗ trợ' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    apiKey: API_KEY,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
