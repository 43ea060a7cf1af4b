/**
 * Response headers of every page and API route (next.config.ts `headers()`). Pure, so a unit test reads what
 * the server sends. Attachments are served with their own stricter set (app/api/attachments/[id]/route.ts).
 */
export interface SecurityHeaderOptions {
  /** `next dev`: React's dev build and the HMR client evaluate code, so scripts need 'unsafe-eval'. */
  dev: boolean;
  /**
   * The site is reached only over https (HTTPS_ONLY=1): Strict-Transport-Security, upgrade-insecure-requests and
   * Cross-Origin-Opener-Policy. Off on plain http, where HSTS would lock browsers out and Chromium reports COOP
   * as an error on every page of a LAN address.
   */
  https: boolean;
}

export interface Header {
  key: string;
  value: string;
}

const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** The tile server of the portal's location map. */
const OSM_TILES = 'https://tile.openstreetmap.org';

export function contentSecurityPolicy({ dev, https }: SecurityHeaderOptions): string {
  const directives: string[] = [
    "default-src 'self'",
    // Next.js inlines its bootstrap and flight data as inline scripts; without per-request nonces (which
    // would make every page dynamic) 'unsafe-inline' is the price. Sources stay same-origin.
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    // React style attributes and Next's injected <style> tags.
    "style-src 'self' 'unsafe-inline'",
    // OpenStreetMap's tiles for the registration's location map (components/portal/leaflet-map.tsx); images only.
    `img-src 'self' data: blob: ${OSM_TILES}`,
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

export function securityHeaders(options: SecurityHeaderOptions): Header[] {
  const headers: Header[] = [
    { key: 'Content-Security-Policy', value: contentSecurityPolicy(options) },
    // For browsers without CSP frame-ancestors: no page of ours is ever framed (clickjacking).
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    // Geolocation for this site only: the registration's "use my location" button fills the meter's coordinates.
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(self), payment=(), usb=()' },
  ];
  if (options.https) {
    headers.push(
      { key: 'Strict-Transport-Security', value: `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains` },
      { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
    );
  }
  return headers;
}
