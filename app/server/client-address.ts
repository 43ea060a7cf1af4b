import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Server as HttpServer } from 'node:http';
import { Server as HttpsServer } from 'node:https';
import { isIP } from 'node:net';
import { parseEnv } from '@/config/env';

/**
 * How many reverse proxies in front of the app append to X-Forwarded-For (`TRUSTED_PROXY_HOPS`, default 0).
 * Every entry left of the ones they appended was written by the client and proves nothing.
 */
export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  return parseEnv(env).TRUSTED_PROXY_HOPS;
}

// Marks requests whose X-Forwarded-For this process stamped. `next start` runs instrumentation on its first
// request, so a request accepted just before it is not stamped; the random value tells those apart, and a
// client cannot send it. Kept on globalThis: instrumentation and route handlers are separate bundles.
const STAMP_HEADER = 'x-capnuoc-stamp';
const stampKey = Symbol.for('capnuoc.socketAddressStamp.value');
function processStamp(): string {
  const holder = globalThis as { [stampKey]?: string };
  holder[stampKey] ??= randomBytes(16).toString('hex');
  return holder[stampKey];
}

/**
 * The client's address: the X-Forwarded-For entry `hops` places from the right. The rightmost entry is the
 * socket's peer (stamped by `stampSocketAddress`), each trusted proxy added the one before it. An unstamped
 * request, or a value that is not an IP address, gives null (unknown) rather than a key an attacker could vary.
 */
export function clientAddress(headers: Headers, hops: number = trustedProxyHops()): string | null {
  if (headers.get(STAMP_HEADER) !== processStamp()) return null;
  const entries = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  // Fewer entries than hops: the request skipped a proxy; the leftmost entry is still the farthest known hop.
  const entry = entries[Math.max(0, entries.length - 1 - hops)]!;
  const address = entry.startsWith('::ffff:') && isIP(entry.slice(7)) === 4 ? entry.slice(7) : entry;
  return isIP(address) ? address : null;
}

/**
 * Appends the socket's peer address to X-Forwarded-For, as a proxy would. Next.js only fills the header when the
 * client sent none, and route handlers never see the socket, so without this a client-written header is all
 * the app could read.
 */
export function stampSocketAddress(request: IncomingMessage): void {
  const peer = request.socket?.remoteAddress ?? 'unknown';
  const prior = request.headers['x-forwarded-for'];
  const sent = Array.isArray(prior) ? prior.join(', ') : prior;
  request.headers['x-forwarded-for'] = sent ? `${sent}, ${peer}` : peer;
  request.headers[STAMP_HEADER] = processStamp();
}

const installed = Symbol.for('capnuoc.socketAddressStamp');

/**
 * Stamps every request the process serves (http and https servers alike) before Next.js sees it. Called from
 * instrumentation.ts, which Next.js runs before it handles the first request.
 */
export function installSocketAddressStamp(): void {
  for (const Server of [HttpServer, HttpsServer]) {
    const proto = Server.prototype as typeof Server.prototype & { [installed]?: true };
    if (proto[installed]) continue;
    const emit = proto.emit;
    proto.emit = function (this: typeof proto, event: string | symbol, ...args: unknown[]) {
      if (event === 'request') stampSocketAddress(args[0] as IncomingMessage);
      return Reflect.apply(emit, this, [event, ...args]) as boolean;
    } as typeof emit;
    proto[installed] = true;
  }
}
