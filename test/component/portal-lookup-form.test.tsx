// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';
import { LookupForm } from '@/components/portal/lookup-form';
import { vietQrPayload } from '@/domain/invoices/vietqr';
import { fakeApiClient, type FakeAnswer, type SentOperation } from '@/test/helpers/fake-api';

afterEach(cleanup);

const QR = vietQrPayload({
  bankBin: '970415',
  accountNumber: '113000123456',
  amount: 199_635,
  billNumber: '42',
  purpose: 'TN KH0001234 202610',
});

const BILLS = {
  __typename: 'PortalBills',
  customerName: 'Phạm Văn Hùng',
  maskedAddress: '** ngõ * Phúc Xá, Ba Đình',
  totalDue: 199_635,
  linksExpireAt: '2026-11-30T10:15:00.000Z',
  invoices: [
    {
      __typename: 'PortalInvoice',
      period: '2026-10',
      series: '1C26TAA',
      number: 42,
      issuedOn: '2026-11-05',
      total: 199_635,
      amountDue: 199_635,
      vietQr: QR,
      pdfUrl: '/api/portal/invoices/7/pdf?token=1.abc',
      xmlUrl: '/api/portal/invoices/7/xml?token=1.abc',
    },
  ],
  consumption: Array.from({ length: 12 }, (_, i) => ({
    __typename: 'PortalConsumption',
    period: `2026-${String(i + 1).padStart(2, '0')}`,
    m3: i < 2 ? null : 10 + i,
  })),
};

function renderForm(answer: (op: SentOperation) => FakeAnswer = () => ({ data: { portalBills: BILLS } })) {
  const sent: SentOperation[] = [];
  render(
    <Provider value={fakeApiClient(sent, answer)}>
      <LookupForm />
    </Provider>,
  );
  return { user: userEvent.setup(), sent };
}

describe('portal bill lookup form', () => {
  it('refuses empty fields in Vietnamese without sending anything', async () => {
    const { user, sent } = renderForm();
    await user.click(screen.getByTestId('portal-submit'));
    expect((await screen.findByTestId('error-customerCode')).textContent).toBe('Nhập mã khách hàng.');
    expect(screen.getByTestId('error-verifier').textContent).toBe('Nhập 4 số cuối điện thoại hoặc số hóa đơn.');
    expect(sent).toEqual([]);
  });

  it('refuses a malformed code and a too short or non-numeric second factor before sending', async () => {
    const { user, sent } = renderForm();
    await user.type(screen.getByTestId('portal-code'), 'KH#12');
    await user.type(screen.getByTestId('portal-verifier'), '12');
    await user.click(screen.getByTestId('portal-submit'));
    expect((await screen.findByTestId('error-customerCode')).textContent).toMatch(/^Mã khách hàng chỉ gồm chữ cái/);
    expect(screen.getByTestId('error-verifier').textContent).toMatch(/^Nhập đủ 4 số cuối điện thoại/);
    await user.clear(screen.getByTestId('portal-verifier'));
    await user.type(screen.getByTestId('portal-verifier'), '12a4');
    await user.click(screen.getByTestId('portal-submit'));
    await waitFor(() => expect(screen.getByTestId('error-verifier').textContent).toMatch(/^Chỉ nhập chữ số/));
    expect(sent).toEqual([]);
  });

  it('sends the code as printed (upper case, no spaces) and shows the bills, the total, the QR and the links', async () => {
    const { user, sent } = renderForm();
    await user.type(screen.getByTestId('portal-code'), ' kh 0001234 ');
    await user.type(screen.getByTestId('portal-verifier'), '56 78');
    await user.click(screen.getByTestId('portal-submit'));
    const results = await screen.findByTestId('portal-results');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.variables).toEqual({ customerCode: 'KH0001234', verifier: '5678' });
    expect(results.textContent).toContain('Phạm Văn Hùng');
    expect(screen.getByTestId('portal-total').textContent).toBe('199.635\u00a0₫');
    expect(screen.getAllByTestId('portal-invoice')).toHaveLength(1);
    expect(screen.getByTestId('portal-invoice').textContent).toContain('1C26TAA số 00000042');
    expect(screen.getByTestId('portal-pdf').getAttribute('href')).toBe('/api/portal/invoices/7/pdf?token=1.abc');
    expect(screen.getByTestId('portal-xml').getAttribute('href')).toBe('/api/portal/invoices/7/xml?token=1.abc');
    // The QR module loads lazily, into a box of fixed size.
    expect((await screen.findByTestId('vietqr')).getAttribute('width')).toBe('168');
    expect(screen.getByTestId('portal-chart').querySelectorAll('rect')).toHaveLength(10);
  });

  it('shows the server’s refusal as it is, and an empty state when nothing is owed', async () => {
    let refuse = true;
    const { user, sent } = renderForm(() =>
      refuse
        ? {
            errors: [
              {
                message:
                  'Mã khách hàng hoặc thông tin xác minh không đúng. Vui lòng kiểm tra lại trên hóa đơn tiền nước.',
                extensions: { code: 'PORTAL_LOOKUP_FAILED' },
              },
            ],
          }
        : { data: { portalBills: { ...BILLS, totalDue: 0, invoices: [] } } },
    );
    await user.type(screen.getByTestId('portal-code'), 'KH0001234');
    await user.type(screen.getByTestId('portal-verifier'), '0000');
    await user.click(screen.getByTestId('portal-submit'));
    const error = await screen.findByTestId('portal-error');
    expect(error.getAttribute('data-code')).toBe('PORTAL_LOOKUP_FAILED');
    expect(error.textContent).toMatch(/^Mã khách hàng hoặc thông tin xác minh không đúng/);
    expect(screen.queryByTestId('portal-results')).toBeNull();

    refuse = false;
    await user.clear(screen.getByTestId('portal-verifier'));
    await user.type(screen.getByTestId('portal-verifier'), '5678');
    await user.click(screen.getByTestId('portal-submit'));
    expect((await screen.findByTestId('portal-empty')).textContent).toMatch(/không có hóa đơn nào cần thanh toán/);
    expect(screen.queryByTestId('portal-error')).toBeNull();
    expect(sent).toHaveLength(2);
  });
});
