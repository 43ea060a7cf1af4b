import { DOMParser } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import { signInvoiceXml, verifyInvoiceXml } from '@/services/einvoices/einvoice-signature';
import { buildInvoiceXml } from '@/services/einvoices/einvoice-xml';
import { createSelfSignedP12, loadSigningCertificate } from '@/services/einvoices/signing-certificate';
import { AppError } from '@/services/errors';
import { OPENSSL_P12_BASE64, OPENSSL_P12_PASSWORD } from '@/test/helpers/openssl-p12-fixture';
import { sampleInvoice } from '@/test/helpers/sample-invoice-document';

const PASSWORD = 'mật-khẩu 123';
const NOW = new Date('2026-11-05T02:30:00Z');
const COMPANY = 'Công ty Cổ phần Cấp nước Sơn Tây';

function codeOf(run: () => unknown): string | null {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.code : 'OTHER';
  }
  return null;
}

/** The signed XML with the first occurrence of `from` after `anchor` replaced by `to`. */
function tamper(xml: string, anchor: string, from: string, to: string): string {
  const start = xml.indexOf(anchor);
  const at = xml.indexOf(from, start);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(at).toBeGreaterThanOrEqual(0);
  return xml.slice(0, at) + to + xml.slice(at + from.length);
}

describe('e-invoice signature', () => {
  let company: { p12: Buffer; certificatePem: string };
  let other: { p12: Buffer; certificatePem: string };
  let signed: string;

  beforeAll(() => {
    company = createSelfSignedP12({
      commonName: COMPANY,
      taxCode: '0100105052',
      password: PASSWORD,
      validFrom: new Date('2026-01-01T00:00:00Z'),
    });
    other = createSelfSignedP12({
      commonName: 'Kẻ giả mạo',
      password: 'x',
      validFrom: new Date('2026-01-01T00:00:00Z'),
    });
    signed = signInvoiceXml(buildInvoiceXml(sampleInvoice()), { p12: company.p12, password: PASSWORD, now: NOW });
  });

  it('places one enveloped RSA-SHA256 signature in DSCKS/NBan that references DLHDon by its Id', () => {
    const root = new DOMParser().parseFromString(signed, 'text/xml').documentElement!;
    const slot = root.getElementsByTagName('DSCKS')[0]!.getElementsByTagName('NBan')[0]!;
    const signatures = root.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature');
    expect(signatures.length).toBe(1);
    expect(signatures[0]!.parentNode).toBe(slot);
    const references = Array.from(signatures[0]!.getElementsByTagName('Reference')).map((r) => r.getAttribute('URI'));
    expect(references).toContain('#DLHDon-4711');
    expect(signed).toContain('Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"');
    expect(signed).toContain('Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"');
    expect(signed).toContain('<X509Certificate>');
    expect(signed).toContain('<SigningTime>2026-11-05T09:30:00</SigningTime>');
    // The invoice data itself is untouched by signing.
    const before = buildInvoiceXml(sampleInvoice());
    const data = (xml: string) => xml.slice(xml.indexOf('<DLHDon'), xml.indexOf('</DLHDon>'));
    expect(data(signed)).toBe(data(before));
  });

  it('verifies, naming the signer from the embedded certificate', () => {
    expect(verifyInvoiceXml(signed)).toEqual({ valid: true, signer: COMPANY });
  });

  it('fails when one digit of an amount inside DLHDon changes', () => {
    const changed = tamper(signed, '<TgTTTBSo>', '199635', '199636');
    const result = verifyInvoiceXml(changed);
    expect(result.valid).toBe(false);
    expect(result.reason).toMatch(/đã bị thay đổi/);
  });

  it('fails when one letter of the buyer name changes', () => {
    expect(verifyInvoiceXml(tamper(signed, '<NMua>', 'Ánh', 'Anh')).valid).toBe(false);
  });

  it('fails when the signature value changes', () => {
    const value = /<SignatureValue>([^<]+)<\/SignatureValue>/.exec(signed)![1]!;
    const flipped = value.startsWith('A') ? `B${value.slice(1)}` : `A${value.slice(1)}`;
    expect(verifyInvoiceXml(signed.replace(value, flipped)).valid).toBe(false);
  });

  it('fails when the embedded certificate is swapped for another one', () => {
    const body = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    const swapped = signed.replace(body(company.certificatePem), body(other.certificatePem));
    expect(swapped).not.toBe(signed);
    const result = verifyInvoiceXml(swapped);
    expect(result.valid).toBe(false);
    expect(result.signer).toBe('Kẻ giả mạo');
  });

  it('fails when the signing time (a signed property) changes', () => {
    expect(verifyInvoiceXml(signed.replace('2026-11-05T09:30:00', '2026-11-04T09:30:00')).valid).toBe(false);
  });

  it('refuses an unsigned invoice and a file that is not an invoice', () => {
    expect(verifyInvoiceXml(buildInvoiceXml(sampleInvoice()))).toMatchObject({ valid: false });
    expect(verifyInvoiceXml('<a/>')).toMatchObject({ valid: false });
    expect(verifyInvoiceXml('not xml <')).toMatchObject({ valid: false });
  });

  it('fails when a second DLHDon with the same Id is slipped in (signature wrapping)', () => {
    const data = signed.slice(signed.indexOf('<DLHDon'), signed.indexOf('</DLHDon>') + '</DLHDon>'.length);
    const wrapped = signed.replace('<DSCKS>', `${data.replace('199635', '1')}<DSCKS>`);
    expect(verifyInvoiceXml(wrapped).valid).toBe(false);
  });

  it('refuses to sign twice, with a wrong password, or with an expired certificate', () => {
    expect(codeOf(() => signInvoiceXml(signed, { p12: company.p12, password: PASSWORD, now: NOW }))).toBe(
      'EINVOICE_INVALID_XML',
    );
    const unsigned = buildInvoiceXml(sampleInvoice());
    expect(codeOf(() => signInvoiceXml(unsigned, { p12: company.p12, password: 'sai', now: NOW }))).toBe(
      'EINVOICE_CERTIFICATE',
    );
    expect(
      codeOf(() => signInvoiceXml(unsigned, { p12: company.p12, password: PASSWORD, now: new Date('2028-01-01') })),
    ).toBe('EINVOICE_CERTIFICATE');
    expect(codeOf(() => signInvoiceXml('<a/>', { p12: company.p12, password: PASSWORD, now: NOW }))).toBe(
      'EINVOICE_INVALID_XML',
    );
  });

  it('loads the key and certificate of a PKCS#12, keeping a Vietnamese company name intact', () => {
    const loaded = loadSigningCertificate({ p12: company.p12, password: PASSWORD }, NOW);
    expect(loaded.signer).toBe(COMPANY);
    expect(loaded.certificatePem.replace(/\r/g, '')).toBe(company.certificatePem.replace(/\r/g, ''));
    expect(loaded.privateKeyPem).toMatch(/PRIVATE KEY/);
  });

  it('signs with a PKCS#12 made by OpenSSL 3 with its defaults (AES-256, PBKDF2), as a CA would deliver', () => {
    const p12 = Buffer.from(OPENSSL_P12_BASE64, 'base64');
    const at = new Date('2027-01-01T00:00:00Z');
    const xml = signInvoiceXml(buildInvoiceXml(sampleInvoice()), { p12, password: OPENSSL_P12_PASSWORD, now: at });
    expect(verifyInvoiceXml(xml)).toEqual({ valid: true, signer: 'Công ty Cấp nước OpenSSL' });
  });
});
