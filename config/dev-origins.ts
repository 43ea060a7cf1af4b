/**
 * Hosts the dev server accepts its own scripts and HMR socket from (Next `allowedDevOrigins`). Next allows
 * only `localhost` by default, so the demo opened as http://127.0.0.1:3000 or from a second office PC at
 * this machine's address never hydrates. Pure: the caller passes the environment and the interfaces.
 */
export interface InterfaceAddress {
  address: string;
  family: string | number;
  internal: boolean;
}

/** Private IPv4 ranges (RFC 1918) in Next's per-label wildcard syntax: a LAN, never the internet. */
const PRIVATE_RANGES = ['10.*.*.*', '192.168.*.*', ...Array.from({ length: 16 }, (_, i) => `172.${16 + i}.*.*`)];

/**
 * `ALLOWED_DEV_ORIGINS` (comma-separated host names or patterns such as `*.local`, `192.168.1.*`) replaces the
 * default when set: localhost, 127.0.0.1, ::1, `*.local`, this machine's name and non-internal addresses,
 * and the private IPv4 ranges.
 */
export function allowedDevOrigins(
  setting: string | undefined,
  hostName: string,
  interfaces: readonly InterfaceAddress[],
): string[] {
  if (setting !== undefined && setting.trim() !== '') {
    return [
      ...new Set(
        setting
          .split(',')
          .map((h) => h.trim().toLowerCase())
          .filter(Boolean),
      ),
    ];
  }
  const own = interfaces
    .filter((i) => !i.internal)
    .map((i) => (i.family === 'IPv6' || i.family === 6 ? `[${i.address.split('%')[0]}]` : i.address).toLowerCase());
  return [
    ...new Set(
      ['localhost', '127.0.0.1', '[::1]', '*.local', hostName.toLowerCase(), ...own, ...PRIVATE_RANGES].filter(Boolean),
    ),
  ];
}
