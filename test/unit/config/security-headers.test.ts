import { describe, expect, it } from 'vitest';
import config from '@/next.config';
import { contentSecurityPolicy, securityHeaders } from '@/config/security-headers';

/** Next's `source` patterns here use only path-to-regexp's unnamed groups, which are plain regular expressions. */
const matches = (source: string, path: string) => new RegExp(`^${source}$`).test(path);

describe('security headers of every page', () => {
  it('next.config.ts headers() sends anti-framing, nosniff, referrer, permissions and a CSP for pages and API routes', async () => {
    const rules = await config.headers!();
    for (const path of ['/', '/login', '/customers', '/books/1/readings', '/api/graphql', '/api/readings/import']) {
      const rule = rules.filter((r) => matches(r.source, path));
      expect(rule, path).toHaveLength(1);
      const headers = Object.fromEntries(rule[0]!.headers.map((h) => [h.key.toLowerCase(), h.value]));
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(headers['permissions-policy']).toContain('camera=()');
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(headers['content-security-policy']).toContain("default-src 'self'");
    }
  });

  it('leaves attachments to their own sandbox policy, so two CSPs never combine', async () => {
    const rules = await config.headers!();
    expect(rules.filter((r) => matches(r.source, '/api/attachments/12'))).toHaveLength(0);
  });

  it('allows eval only in development and keeps scripts and styles same-origin', () => {
    expect(contentSecurityPolicy({ dev: true, https: false })).toContain(
      "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    );
    const production = contentSecurityPolicy({ dev: false, https: false });
    expect(production).toContain("script-src 'self' 'unsafe-inline';");
    expect(production).not.toContain('unsafe-eval');
    expect(production).toContain("style-src 'self' 'unsafe-inline'");
    expect(production).toContain("object-src 'none'");
  });

  it('lets the portal map load OpenStreetMap tiles as images only, and geolocation only for this site', () => {
    const production = contentSecurityPolicy({ dev: false, https: false });
    expect(production).toContain("img-src 'self' data: blob: https://tile.openstreetmap.org;");
    expect(production).toContain("connect-src 'self';");
    expect(production).toContain("script-src 'self' 'unsafe-inline';");
    const permissions = securityHeaders({ dev: false, https: false }).find((h) => h.key === 'Permissions-Policy');
    expect(permissions?.value).toContain('geolocation=(self)');
    expect(permissions?.value).toContain('camera=()');
  });

  it('sends HSTS and COOP only when the site is served over TLS', () => {
    const keys = (https: boolean) => securityHeaders({ dev: false, https }).map((h) => h.key);
    expect(keys(false)).not.toContain('Strict-Transport-Security');
    expect(keys(false)).not.toContain('Cross-Origin-Opener-Policy');
    const on = securityHeaders({ dev: false, https: true });
    expect(on.find((h) => h.key === 'Strict-Transport-Security')?.value).toBe('max-age=31536000; includeSubDomains');
    expect(on.find((h) => h.key === 'Content-Security-Policy')?.value).toContain('upgrade-insecure-requests');
    expect(on.find((h) => h.key === 'Cross-Origin-Opener-Policy')?.value).toBe('same-origin');
  });
});
