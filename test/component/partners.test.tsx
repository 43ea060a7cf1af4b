// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PartnersDialog } from '@/components/payments/partners-dialog';
import { PartnersSecret } from '@/components/payments/partners-secret';
import { fakeApiClient, type FakeAnswer, type SentOperation } from '@/test/helpers/fake-api';

afterEach(cleanup);

const PARTNER = {
  __typename: 'Partner',
  id: 7,
  code: 'VIETINBANK',
  name: 'VietinBank',
  allowList: ['203.0.113.0/24', '2001:db8::1'],
  allowOverpayment: false,
  notifiesBank: false,
  active: true,
  createdAt: '2026-05-01T00:00:00.000Z',
};

function renderDialog(answer: (op: SentOperation) => FakeAnswer, partner: typeof PARTNER | null = null) {
  const sent: SentOperation[] = [];
  const onSaved = vi.fn();
  render(
    <Provider value={fakeApiClient(sent, answer)}>
      <PartnersDialog partner={partner as never} onCancel={() => {}} onSaved={onSaved} />
    </Provider>,
  );
  return { user: userEvent.setup(), sent, onSaved };
}

describe('partner dialog', () => {
  it('refuses a malformed code and a host name in the allow-list without sending', async () => {
    const { user, sent, onSaved } = renderDialog(() => ({ data: null }));
    await user.type(await screen.findByTestId('field-code'), 'ngân hàng');
    await user.type(screen.getByTestId('field-name'), 'Ngân hàng thử');
    await user.type(screen.getByTestId('field-allowList'), '203.0.113.10\nnganhang.vn');
    await user.click(screen.getByTestId('partner-save'));
    expect((await screen.findByTestId('error-code')).textContent).toBe(
      'Mã đối tác gồm 2–32 ký tự A–Z, 0–9 hoặc dấu gạch dưới.',
    );
    expect(screen.getByTestId('error-allowList').textContent).toContain('«nganhang.vn»');
    expect(sent).toEqual([]);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('adds a partner with the code in capitals and one address a line, and hands back the secret once', async () => {
    const { user, sent, onSaved } = renderDialog(() => ({
      data: { createPartner: { __typename: 'PartnerSecret', secret: 's3cr3t-value', partner: PARTNER } },
    }));
    await user.type(await screen.findByTestId('field-code'), 'vietinbank');
    await user.type(screen.getByTestId('field-name'), 'VietinBank');
    await user.type(screen.getByTestId('field-allowList'), '203.0.113.0/24\n\n 2001:db8::1 ');
    await user.click(screen.getByTestId('partner-save'));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(sent[0]!.variables).toEqual({
      input: {
        code: 'VIETINBANK',
        name: 'VietinBank',
        allowList: ['203.0.113.0/24', '2001:db8::1'],
        allowOverpayment: false,
        notifiesBank: false,
        active: true,
      },
    });
    expect(onSaved.mock.calls[0]![0]).toMatchObject({ code: 'VIETINBANK' });
    expect(onSaved.mock.calls[0]![1]).toBe('s3cr3t-value');
  });

  it('keeps the code of an existing partner and shows the server’s refusal under the allow-list', async () => {
    const { user, sent } = renderDialog(
      () => ({
        errors: [
          {
            message: '«203.0.113.999» không phải địa chỉ IP hoặc dải CIDR hợp lệ.',
            extensions: { code: 'VALIDATION_FAILED', field: 'allowList' },
          },
        ],
      }),
      PARTNER,
    );
    const code = (await screen.findByTestId('field-code')) as HTMLInputElement;
    expect(code.readOnly).toBe(true);
    expect((screen.getByTestId('field-allowList') as HTMLTextAreaElement).value).toBe('203.0.113.0/24\n2001:db8::1');
    await user.type(screen.getByTestId('field-allowList'), '\n203.0.113.999');
    await user.click(screen.getByTestId('partner-save'));
    expect((await screen.findByTestId('error-allowList')).textContent).toContain('203.0.113.999');
    expect(sent[0]!.operationName).toBe('UpdatePartner');
    expect(sent[0]!.variables).toMatchObject({
      id: 7,
      input: { allowList: ['203.0.113.0/24', '2001:db8::1', '203.0.113.999'] },
    });
  });
});

describe('the new secret', () => {
  it('is shown once with a copy button that puts it on the clipboard', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const onClose = vi.fn();
    render(<PartnersSecret code="VIETINBANK" secret="s3cr3t-value" reason="rotated" onClose={onClose} />);
    expect((await screen.findByTestId('partner-secret')).textContent).toBe('s3cr3t-value');
    expect(screen.getByRole('status').textContent).toContain('Khóa cũ đã ngừng hoạt động ngay.');
    await user.click(screen.getByTestId('partner-secret-copy'));
    expect(writeText).toHaveBeenCalledWith('s3cr3t-value');
    expect(screen.getByTestId('partner-secret-copy').textContent).toContain('Đã sao chép');
    await user.click(screen.getByTestId('partner-secret-close'));
    expect(onClose).toHaveBeenCalled();
  });
});
