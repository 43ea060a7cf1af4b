import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpEinvoiceProvider, providerFromEnv } from '@/services/einvoices/http-provider';
import { einvoiceIdempotencyKey } from '@/services/einvoices/provider';
import { AppError } from '@/services/errors';
import { type FakeProvider, startFakeProvider } from '@/test/helpers/fake-einvoice-provider';
import { sampleInvoice } from '@/test/helpers/sample-invoice-document';

let fake: FakeProvider;
const doc = sampleInvoice();
const KEY = einvoiceIdempotencyKey(doc);

function adapter(overrides: Partial<ConstructorParameters<typeof HttpEinvoiceProvider>[0]> = {}) {
  return new HttpEinvoiceProvider({
    baseUrl: fake.url,
    apiKey: fake.apiKey,
    timeoutMs: 5_000,
    maxAttempts: 3,
    backoffMs: 10,
    ...overrides,
  });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof AppError ? error.code : `not an AppError: ${String(error)}`;
  }
  return 'no error';
}

beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(async () => fake?.close());
beforeEach(() => {
  fake.script.length = 0;
  fake.issueRequests.length = 0;
  fake.issued.clear();
});

describe('generic HTTP e-invoice provider', () => {
  it('issues an invoice with the API key and the idempotency key, and returns the provider id and XML', async () => {
    const issued = await adapter().issue(doc, '<HDon><DLHDon Id="x"/></HDon>', KEY);
    expect(issued).toMatchObject({ providerId: 'NCC-1', status: 'ISSUED', lookupCode: 'TRANCC-1' });
    expect(issued.xml).toContain('<MCCQT>NCC-1</MCCQT>');
    expect(fake.issueRequests).toEqual([{ key: KEY, authorization: `Bearer ${fake.apiKey}` }]);
    expect(fake.issued.size).toBe(1);
  });

  it('a time-out after the provider issued is retried with the same key and gets the same invoice: one issuance', async () => {
    fake.script.push('slow');
    fake.slowMs = 4_000;
    const issued = await adapter({ timeoutMs: 1_000 }).issue(doc, '<HDon/>', KEY);
    expect(fake.issueRequests.length).toBeGreaterThanOrEqual(2);
    expect(new Set(fake.issueRequests.map((r) => r.key))).toEqual(new Set([KEY]));
    expect(fake.issued.size).toBe(1);
    expect(issued.providerId).toBe(fake.issued.get(KEY)!.id);
  });

  it('a 5xx is retried, then succeeds: one issuance', async () => {
    fake.script.push('fail');
    const issued = await adapter().issue(doc, '<HDon/>', KEY);
    expect(fake.issueRequests).toHaveLength(2);
    expect(fake.issued.size).toBe(1);
    expect(issued.status).toBe('ISSUED');
  });

  it('a permanent 4xx is not retried and surfaces as EINVOICE_PROVIDER_REJECTED with the provider’s reason', async () => {
    fake.script.push('reject');
    await expect(adapter().issue(doc, '<HDon/>', KEY)).rejects.toMatchObject({
      name: 'AppError',
      code: 'EINVOICE_PROVIDER_REJECTED',
      message: expect.stringContaining('Mã số thuế người mua không hợp lệ'),
    });
    expect(fake.issueRequests).toHaveLength(1);
    expect(fake.issued.size).toBe(0);
  });

  it('gives up after the last attempt with EINVOICE_PROVIDER_UNAVAILABLE', async () => {
    fake.script.push('fail', 'fail', 'fail');
    expect(await codeOf(adapter().issue(doc, '<HDon/>', KEY))).toBe('EINVOICE_PROVIDER_UNAVAILABLE');
    expect(fake.issueRequests).toHaveLength(3);
    expect(fake.issued.size).toBe(0);
  });

  it('reads the status, cancels and fetches the PDF of an issued invoice', async () => {
    const provider = adapter();
    const { providerId } = await provider.issue(doc, '<HDon/>', KEY);
    expect((await provider.status(providerId)).status).toBe('ISSUED');
    expect((await provider.cancel(providerId, 'Sai chỉ số')).status).toBe('CANCELLED');
    expect((await provider.status(providerId)).status).toBe('CANCELLED');
    expect((await provider.fetchPdf(providerId)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('a wrong API key is a rejection, not something to retry', async () => {
    expect(await codeOf(adapter({ apiKey: 'sai' }).issue(doc, '<HDon/>', KEY))).toBe('EINVOICE_PROVIDER_REJECTED');
    expect(fake.issueRequests).toHaveLength(0);
  });

  it('the idempotency key is the invoice’s legal identity: tax code, series and number', () => {
    expect(KEY).toBe(`${doc.seller.taxCode}-${doc.templateSymbol}${doc.invoiceSymbol}-${doc.number}`);
    expect(einvoiceIdempotencyKey({ ...doc, number: (doc.number ?? 0) + 1 })).not.toBe(KEY);
  });

  it('refuses to run without a configured URL and key', () => {
    expect(() => providerFromEnv({ EINVOICE_PROVIDER_URL: undefined, EINVOICE_PROVIDER_KEY: 'k' })).toThrow(
      expect.objectContaining({ code: 'EINVOICE_PROVIDER_NOT_CONFIGURED' }),
    );
  });
});
