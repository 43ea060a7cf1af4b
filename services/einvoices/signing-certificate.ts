/**
 * The company's signing certificate: a PKCS#12 file and its password, as Vietnamese CAs (VNPT-CA, Viettel-CA,
 * BKAV-CA, FPT-CA …) deliver them for remote or software signing. Node's crypto cannot open PKCS#12, so node-forge
 * does; the key and certificate then go to xml-crypto as PEM.
 *
 * Only RSA keys: the signature algorithm is RSA-SHA256, and that is what the CAs issue for e-invoices.
 */
import { X509Certificate, generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { AppError } from '../errors';

export interface P12Credentials {
  p12: Buffer;
  password: string;
}

export interface SigningCertificate {
  privateKeyPem: string;
  certificatePem: string;
  /** The certificate's subject common name (the company), shown as who signed. */
  signer: string;
  validFrom: Date;
  validTo: Date;
}

function certificateError(message: string, detail?: string): AppError {
  return new AppError('EINVOICE_CERTIFICATE', message, { detail });
}

/** The subject's common name (CN) of a PEM certificate, or its whole subject when it has none. */
export function certificateSigner(certificatePem: string): string {
  const subject = new X509Certificate(certificatePem).subject;
  const cn = subject.split('\n').find((part) => part.startsWith('CN='));
  return cn ? cn.slice(3) : subject.replace(/\n/g, ', ');
}

/**
 * The private key and its certificate from a PKCS#12 file. When the file also holds the CA chain, the certificate
 * kept is the one whose public key matches the private key. Refuses (EINVOICE_CERTIFICATE) a wrong password, a
 * file without a key, and a certificate that is not valid at `now`: the tax authority rejects invoices signed
 * with an expired certificate.
 */
export function loadSigningCertificate({ p12, password }: P12Credentials, now = new Date()): SigningCertificate {
  let pkcs12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary')));
    pkcs12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (error) {
    throw certificateError(
      'Không mở được tệp chứng thư số (PKCS#12): sai mật khẩu hoặc tệp bị hỏng.',
      error instanceof Error ? error.message : String(error),
    );
  }

  const keyBags = [
    ...(pkcs12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(pkcs12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const key = keyBags.map((bag) => bag.key).find((k): k is forge.pki.rsa.PrivateKey => !!k && 'n' in k);
  if (!key) throw certificateError('Tệp chứng thư số không chứa khóa bí mật RSA.');

  const certificates = (pkcs12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [])
    .map((bag) => bag.cert)
    .filter((c): c is forge.pki.Certificate => !!c);
  const certificate = certificates.find((c) => {
    const publicKey = c.publicKey as forge.pki.rsa.PublicKey;
    return publicKey.n?.equals(key.n) && publicKey.e?.equals(key.e);
  });
  if (!certificate) throw certificateError('Tệp chứng thư số không chứa chứng thư của khóa bí mật.');

  const { notBefore, notAfter } = certificate.validity;
  if (now < notBefore || now > notAfter) {
    throw certificateError(
      'Chứng thư số của đơn vị chưa có hiệu lực hoặc đã hết hạn; không thể ký hóa đơn.',
      `valid ${notBefore.toISOString()} – ${notAfter.toISOString()}`,
    );
  }
  const certificatePem = forge.pki.certificateToPem(certificate);
  return {
    privateKeyPem: forge.pki.privateKeyToPem(key),
    certificatePem,
    signer: certificateSigner(certificatePem),
    validFrom: notBefore,
    validTo: notAfter,
  };
}

export interface SelfSignedOptions {
  /** The company name, as the certificate's CN. */
  commonName: string;
  /** Written as "MST:<tax code>" in the subject's UID, where Vietnamese CAs put it. */
  taxCode?: string;
  password: string;
  validFrom?: Date;
  validDays?: number;
}

const UID_OID = '0.9.2342.19200300.100.1.1';

/**
 * A self-signed certificate and its PKCS#12 file, for tests and the demo company: never for real invoices, which
 * need a certificate from a licensed CA. The RSA key comes from Node's crypto (native, fast); node-forge only
 * writes the certificate and the PKCS#12.
 */
export function createSelfSignedP12(options: SelfSignedOptions): { p12: Buffer; certificatePem: string } {
  const { privateKey: privatePem } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(privatePem);
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  // A positive serial: a leading 0x01 byte keeps the DER integer from reading as negative.
  certificate.serialNumber = `01${randomBytes(15).toString('hex')}`;
  const from = options.validFrom ?? new Date();
  certificate.validity.notBefore = from;
  certificate.validity.notAfter = new Date(from.getTime() + (options.validDays ?? 365) * 86_400_000);
  const subject: forge.pki.CertificateField[] = [
    // UTF8String, so a company name with diacritics survives (forge writes PrintableString otherwise). The typings
    // declare valueTagClass as an asn1.Class, but forge compares it with asn1.Type values.
    {
      name: 'commonName',
      value: options.commonName,
      valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class,
    },
    { name: 'countryName', value: 'VN' },
  ];
  if (options.taxCode) subject.push({ type: UID_OID, value: `MST:${options.taxCode}` });
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  certificate.sign(key, forge.md.sha256.create());

  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [certificate], options.password, {
    algorithm: '3des',
    friendlyName: options.commonName,
  });
  return {
    p12: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'),
    certificatePem: forge.pki.certificateToPem(certificate),
  };
}
