/**
 * Where the company's signing certificate comes from: EINVOICE_P12_PATH and EINVOICE_P12_PASSWORD. A demo or
 * development install has none, so one self-signed demo certificate is made once in .data/ and reused (an invoice
 * signed with it still verifies after a restart). Production never falls back to it: an invoice signed with a
 * certificate no CA vouches for is worthless to the tax authority, so SELF mode refuses instead.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serverEnv, type ServerEnv } from '@/config/env';
import { AppError } from '../errors';
import { createSelfSignedP12, loadSigningCertificate, type P12Credentials } from './signing-certificate';

export const DEMO_P12_FILE = 'einvoice-demo.p12';
export const DEMO_PASSWORD_FILE = 'einvoice-demo.p12.password';

export interface CompanyCertificate extends P12Credentials {
  /** `configured` from the environment, `demo` the self-signed one in .data/. */
  source: 'configured' | 'demo';
  path: string;
}

export interface CertificateOptions {
  env?: Pick<ServerEnv, 'NODE_ENV' | 'EINVOICE_P12_PATH' | 'EINVOICE_P12_PASSWORD'>;
  /** Folder of the demo certificate (default `.data` in the working directory). */
  dataDir?: string;
  /** Written into a new demo certificate. */
  company?: { name: string; taxCode: string | null };
  /** Where the demo's creation is announced (default console.info). */
  log?: (line: string) => void;
}

function readConfigured(p12Path: string, password: string): CompanyCertificate {
  let p12: Buffer;
  try {
    p12 = readFileSync(p12Path);
  } catch (error) {
    throw new AppError('EINVOICE_CERTIFICATE', 'Không đọc được tệp chứng thư số (EINVOICE_P12_PATH).', {
      detail: `${p12Path}: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  return { p12, password, source: 'configured', path: p12Path };
}

/** Writes through a temporary file and a rename, so a crash never leaves half a key file behind. */
function writePrivate(file: string, data: Buffer | string): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600, flag: 'wx' });
  renameSync(tmp, file);
}

function readDemo(p12Path: string, passwordPath: string): CompanyCertificate | null {
  let p12: Buffer;
  let password: string;
  try {
    p12 = readFileSync(p12Path);
    password = readFileSync(passwordPath, 'utf8').trim();
  } catch {
    return null;
  }
  const demo: CompanyCertificate = { p12, password, source: 'demo', path: p12Path };
  try {
    loadSigningCertificate(demo);
    return demo;
  } catch {
    // Expired, or the pair was left inconsistent: a demo certificate is simply made again.
    return null;
  }
}

const demoCache = new Map<string, CompanyCertificate>();

function demoCertificate(options: CertificateOptions): CompanyCertificate {
  const dir = options.dataDir ?? path.join(process.cwd(), '.data');
  const p12Path = path.join(dir, DEMO_P12_FILE);
  const cached = demoCache.get(p12Path);
  if (cached) return cached;
  const passwordPath = path.join(dir, DEMO_PASSWORD_FILE);
  let demo = readDemo(p12Path, passwordPath);
  if (!demo) {
    mkdirSync(dir, { recursive: true });
    const password = randomBytes(24).toString('base64url');
    const { p12 } = createSelfSignedP12({
      commonName: options.company?.name || 'Đơn vị cấp nước (chứng thư dùng thử)',
      ...(options.company?.taxCode ? { taxCode: options.company.taxCode } : {}),
      password,
      // A day back, so a server whose clock runs a little behind still finds it valid.
      validFrom: new Date(Date.now() - 86_400_000),
      validDays: 3650,
    });
    // The password goes first: whoever sees the new .p12 also finds its password.
    writePrivate(passwordPath, `${password}\n`);
    writePrivate(p12Path, p12);
    demo = { p12, password, source: 'demo', path: p12Path };
    (options.log ?? console.info)(
      `[hóa đơn điện tử] Chưa cấu hình EINVOICE_P12_PATH: đã tạo chứng thư số tự ký dùng thử tại ${p12Path} ` +
        `(mật khẩu trong ${passwordPath}). Chỉ dùng để chạy thử, không dùng cho hóa đơn thật.`,
    );
  }
  demoCache.set(p12Path, demo);
  return demo;
}

/**
 * The certificate SELF mode signs with. Throws EINVOICE_NOT_CONFIGURED in production when none is configured,
 * EINVOICE_CERTIFICATE when the configured file cannot be read.
 */
export function companyCertificate(options: CertificateOptions = {}): CompanyCertificate {
  const env = options.env ?? serverEnv();
  if (env.EINVOICE_P12_PATH) return readConfigured(env.EINVOICE_P12_PATH, env.EINVOICE_P12_PASSWORD ?? '');
  if (env.NODE_ENV === 'production') {
    throw new AppError(
      'EINVOICE_NOT_CONFIGURED',
      'Chưa cấu hình chứng thư số của đơn vị (EINVOICE_P12_PATH, EINVOICE_P12_PASSWORD) nên không ký được hóa đơn điện tử.',
    );
  }
  return demoCertificate(options);
}
