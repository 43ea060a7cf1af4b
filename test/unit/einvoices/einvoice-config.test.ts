import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEnv } from '@/config/env';
import { companyCertificate, DEMO_P12_FILE, DEMO_PASSWORD_FILE } from '@/services/einvoices/einvoice-config';
import { createSelfSignedP12, loadSigningCertificate } from '@/services/einvoices/signing-certificate';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'capnuoc-einvoice-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const UNSET = { EINVOICE_P12_PATH: undefined, EINVOICE_P12_PASSWORD: undefined };

describe('the company signing certificate', () => {
  it('outside production, makes one demo certificate in the data folder (mode 600), says so once, and reuses it', () => {
    const dataDir = tempDir();
    const lines: string[] = [];
    const options = {
      env: { NODE_ENV: 'development' as const, ...UNSET },
      dataDir,
      company: { name: 'Công ty Cấp nước Sơn Tây', taxCode: '0100105052' },
      log: (line: string) => lines.push(line),
    };
    const first = companyCertificate(options);
    expect(first.source).toBe('demo');
    expect(first.path).toBe(path.join(dataDir, DEMO_P12_FILE));
    expect(statSync(path.join(dataDir, DEMO_P12_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dataDir, DEMO_PASSWORD_FILE)).mode & 0o777).toBe(0o600);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('chứng thư số tự ký dùng thử');
    expect(loadSigningCertificate(first).signer).toBe('Công ty Cấp nước Sơn Tây');

    const again = companyCertificate(options);
    expect(again.p12.equals(first.p12)).toBe(true);
    expect(lines).toHaveLength(1);
  });

  it('in production, refuses to sign without a configured certificate', () => {
    const dataDir = tempDir();
    expect(() => companyCertificate({ env: { NODE_ENV: 'production', ...UNSET }, dataDir })).toThrow(
      expect.objectContaining({ code: 'EINVOICE_NOT_CONFIGURED' }),
    );
  });

  it('uses the configured PKCS#12 file and password, in production too', () => {
    const dir = tempDir();
    const file = path.join(dir, 'company.p12');
    const { p12 } = createSelfSignedP12({ commonName: 'Công ty thật', password: 'bí mật' });
    writeFileSync(file, p12);
    const cert = companyCertificate({
      env: { NODE_ENV: 'production', EINVOICE_P12_PATH: file, EINVOICE_P12_PASSWORD: 'bí mật' },
    });
    expect(cert).toMatchObject({ source: 'configured', path: file, password: 'bí mật' });
    expect(loadSigningCertificate(cert).signer).toBe('Công ty thật');
  });

  it('reads the certificate variables from the environment and refuses a provider URL that is not http(s)', () => {
    const env = parseEnv({ EINVOICE_P12_PATH: '/etc/capnuoc/cty.p12', EINVOICE_P12_PASSWORD: 'x y' });
    expect(env).toMatchObject({ EINVOICE_P12_PATH: '/etc/capnuoc/cty.p12', EINVOICE_P12_PASSWORD: 'x y' });
    expect(() => parseEnv({ EINVOICE_PROVIDER_URL: 'ftp://nhacungcap' })).toThrow(/EINVOICE_PROVIDER_URL/);
  });
});
