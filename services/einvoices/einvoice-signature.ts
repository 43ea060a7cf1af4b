/**
 * The seller's signature on an e-invoice: an enveloped XML-DSig in HDon/DSCKS/NBan over DLHDon (Reference URI
 * "#<Id>"), RSA-SHA256 with SHA-256 digests, Canonical XML 1.0 (what the tax authority's format uses), the
 * signer's X.509 certificate in KeyInfo, and the signing time as a signed SignatureProperty, as the tax
 * authority's format carries it. xml-crypto does the canonicalisation and the cryptography.
 *
 * Verification uses the certificate embedded in the signature: it proves the XML is unchanged since it was
 * signed with that certificate's key. Whether that certificate belongs to the company (a CA chain, the tax code
 * in its subject) is a separate check for the caller, which receives the signer's name.
 */
import { DOMParser, type Element as XmlElement, type Node as XmlNode } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { AppError } from '../errors';
import {
  type P12Credentials,
  type SigningCertificate,
  certificateSigner,
  loadSigningCertificate,
} from './signing-certificate';

const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';

/** The company's PKCS#12 file, or its certificate already opened (a batch opens the file once, not per invoice). */
export type SignOptions = (P12Credentials | { certificate: SigningCertificate }) & {
  /** The signing time written in the signature (and the instant the certificate must be valid at). */
  now?: Date;
};

export interface VerifyResult {
  valid: boolean;
  /** Why not, in Vietnamese, when not valid. */
  reason?: string;
  /** The signing certificate's common name, when a certificate was found. */
  signer?: string;
  /** The library's own words, for the log only. */
  detail?: string;
}

function childElements(parent: XmlNode, localName: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as XmlElement).localName === localName) out.push(n as XmlElement);
  }
  return out;
}

function parseXml(xml: string): XmlElement | null {
  try {
    // Strict: a document xmldom has to repair may read differently to another verifier, so it is not an invoice.
    const onError = (level: string, message: string) => {
      if (level !== 'warning') throw new Error(message);
    };
    const doc = new DOMParser({ onError }).parseFromString(xml, 'text/xml');
    return doc.documentElement ?? null;
  } catch (_error) {
    return null;
  }
}

interface InvoiceParts {
  data: XmlElement;
  dataId: string;
  sellerSlot: XmlElement;
}

/** HDon with exactly one DLHDon carrying an Id, and a DSCKS/NBan slot for the seller's signature. */
function invoiceParts(root: XmlElement | null): InvoiceParts | string {
  if (!root || root.localName !== 'HDon') return 'Tệp không phải hóa đơn điện tử (thiếu phần tử HDon).';
  const data = childElements(root, 'DLHDon');
  if (data.length !== 1) return 'Hóa đơn điện tử phải có đúng một phần dữ liệu DLHDon.';
  const dataId = data[0]!.getAttribute('Id');
  // The Id goes into an XPath expression when signing: only an XML name is accepted.
  if (!dataId || !/^[A-Za-z_][\w.-]*$/.test(dataId)) return 'Phần dữ liệu DLHDon thiếu thuộc tính Id hợp lệ.';
  const slots = childElements(root, 'DSCKS').flatMap((d) => childElements(d, 'NBan'));
  if (slots.length !== 1) return 'Hóa đơn điện tử phải có đúng một vị trí chữ ký người bán DSCKS/NBan.';
  return { data: data[0]!, dataId, sellerSlot: slots[0]! };
}

/** "2026-11-05T09:30:00" in Vietnam time, the way the tax authority's format writes times. */
function vietnamTime(instant: Date): string {
  return new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 19);
}

/**
 * The XML with the seller's signature in DSCKS/NBan. Throws AppError EINVOICE_INVALID_XML when the XML is not an
 * unsigned HDon, and EINVOICE_CERTIFICATE when the certificate cannot be used.
 */
export function signInvoiceXml(xml: string, options: SignOptions): string {
  const parts = invoiceParts(parseXml(xml));
  if (typeof parts === 'string') throw new AppError('EINVOICE_INVALID_XML', parts);
  if (childElements(parts.sellerSlot, 'Signature').length > 0) {
    throw new AppError('EINVOICE_INVALID_XML', 'Hóa đơn điện tử đã có chữ ký người bán.');
  }
  const now = options.now ?? new Date();
  let certificate: SigningCertificate;
  if ('certificate' in options) {
    certificate = options.certificate;
    if (now < certificate.validFrom || now > certificate.validTo)
      throw new AppError(
        'EINVOICE_CERTIFICATE',
        'Chứng thư số của đơn vị chưa có hiệu lực hoặc đã hết hạn; không thể ký hóa đơn.',
      );
  } else certificate = loadSigningCertificate(options, now);

  const signatureId = `${parts.dataId}-NBan`;
  const signingTimeId = `${parts.dataId}-SigningTime`;
  const signer = new SignedXml({
    privateKey: certificate.privateKeyPem,
    publicCert: certificate.certificatePem,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: C14N,
    objects: [
      {
        content:
          `<SignatureProperties><SignatureProperty Target="#${signatureId}">` +
          `<SigningTime>${vietnamTime(now)}</SigningTime></SignatureProperty></SignatureProperties>`,
        attributes: { Id: signingTimeId },
      },
    ],
  });
  signer.addReference({
    xpath: `/*[local-name(.)='HDon']/*[local-name(.)='DLHDon'][@Id='${parts.dataId}']`,
    transforms: [ENVELOPED, C14N],
    digestAlgorithm: SHA256,
  });
  signer.addReference({
    xpath: `//*[local-name(.)='Object'][@Id='${signingTimeId}']`,
    transforms: [C14N],
    digestAlgorithm: SHA256,
  });
  signer.computeSignature(xml, {
    attrs: { Id: signatureId },
    location: {
      reference: "/*[local-name(.)='HDon']/*[local-name(.)='DSCKS']/*[local-name(.)='NBan']",
      action: 'append',
    },
  });
  return signer.getSignedXml();
}

/**
 * Checks the seller's signature of a signed e-invoice XML with the certificate it embeds: valid only when the
 * signature is cryptographically sound and one of its references is the invoice's DLHDon, so a change of any byte
 * inside DLHDon, of the signature value or of the certificate fails.
 */
export function verifyInvoiceXml(xml: string): VerifyResult {
  const parts = invoiceParts(parseXml(xml));
  if (typeof parts === 'string') return { valid: false, reason: parts };
  const signatures = childElements(parts.sellerSlot, 'Signature').filter((s) => s.namespaceURI === DSIG_NS);
  if (signatures.length !== 1) return { valid: false, reason: 'Hóa đơn điện tử không có chữ ký người bán.' };
  const signature = signatures[0]!;

  const certificateText = childElements(signature, 'KeyInfo')
    .flatMap((k) => childElements(k, 'X509Data'))
    .flatMap((d) => childElements(d, 'X509Certificate'))[0]
    ?.textContent?.replace(/\s+/g, '');
  if (!certificateText) return { valid: false, reason: 'Chữ ký không kèm chứng thư số của người bán.' };
  const certificatePem = `-----BEGIN CERTIFICATE-----\n${certificateText.replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`;
  let signer: string;
  try {
    signer = certificateSigner(certificatePem);
  } catch (_error) {
    return { valid: false, reason: 'Chứng thư số kèm theo chữ ký không đọc được.' };
  }

  const referencesData = childElements(signature, 'SignedInfo')
    .flatMap((s) => childElements(s, 'Reference'))
    .some((r) => r.getAttribute('URI') === `#${parts.dataId}`);
  if (!referencesData) {
    return { valid: false, reason: 'Chữ ký người bán không ký phần dữ liệu hóa đơn DLHDon.', signer };
  }

  const verifier = new SignedXml({ publicCert: certificatePem, getCertFromKeyInfo: () => null });
  let valid = false;
  let detail: string | undefined;
  try {
    verifier.loadSignature(signature as unknown as Node);
    valid = verifier.checkSignature(xml);
  } catch (error) {
    detail = error instanceof Error ? error.message : String(error);
  }
  if (!valid) {
    return {
      valid: false,
      reason: 'Chữ ký người bán không hợp lệ: nội dung hóa đơn hoặc chữ ký đã bị thay đổi sau khi ký.',
      signer,
      ...(detail ? { detail } : {}),
    };
  }
  return { valid: true, signer };
}
