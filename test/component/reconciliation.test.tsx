// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ReconciliationScreen } from '@/components/payments/reconciliation-screen';
import { fakeApiClient, type FakeAnswer, type SentOperation } from '@/test/helpers/fake-api';

beforeAll(() => {
  // jsdom has no layout: the grid measures its viewport through ResizeObserver, which jsdom lacks.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  HTMLElement.prototype.scrollTo ??= function () {} as HTMLElement['scrollTo'];
});
afterEach(cleanup);

const exception = (id: number, kind: string, transactionId: string, resolution: string | null = null) => ({
  __typename: 'ReconciliationException',
  id,
  reconciliationId: 5,
  partnerCode: 'DEMO_BANK',
  businessDay: '2026-05-04',
  kind,
  transactionId,
  isBankCredit: transactionId === '(bank-credit)',
  customerDiffers: false,
  customerId: transactionId === '(bank-credit)' ? null : 11,
  customerCode: transactionId === '(bank-credit)' ? null : 'KH000011',
  customerName: transactionId === '(bank-credit)' ? null : 'Trần Thị Lệch',
  partnerAmount: 55_000,
  ourAmount: 50_000,
  paymentId: 3,
  receiptNumber: 'PT00000003',
  resolvedAt: resolution ? '2026-05-05T02:00:00.000Z' : null,
  resolvedByName: resolution ? 'Người dùng clerk' : null,
  resolution,
});

function api(resolved: { done: boolean }) {
  return (op: SentOperation): FakeAnswer => {
    switch (op.operationName) {
      case 'PaymentPartners':
        return {
          data: {
            paymentPartners: [
              { __typename: 'PaymentPartner', id: 1, code: 'DEMO_BANK', name: 'Ngân hàng', active: true },
            ],
          },
        };
      case 'Reconciliations':
        return {
          data: {
            reconciliations: [
              {
                __typename: 'Reconciliation',
                id: 5,
                partnerId: 1,
                partnerCode: 'DEMO_BANK',
                partnerName: 'Ngân hàng',
                businessDay: '2026-05-04',
                fileName: 'demo.csv',
                importedByName: 'Người dùng clerk',
                importedAt: '2026-05-05T01:00:00.000Z',
                matched: 2,
                exceptions: 2,
                openExceptions: resolved.done ? 1 : 2,
              },
            ],
          },
        };
      case 'ReconciliationExceptions':
        return {
          data: {
            reconciliationExceptions: [
              exception(7, 'AMOUNT_DIFFERS', 'FT-AMOUNT', resolved.done ? 'Đối tác ghi nhầm' : null),
              exception(8, 'AMOUNT_DIFFERS', '(bank-credit)'),
            ],
          },
        };
      case 'ResolveReconciliationException':
        resolved.done = true;
        return {
          data: { resolveReconciliationException: exception(7, 'AMOUNT_DIFFERS', 'FT-AMOUNT', 'Đối tác ghi nhầm') },
        };
      default:
        return { errors: [{ message: `unexpected ${op.operationName}`, extensions: { code: 'INTERNAL' } }] };
    }
  };
}

describe('the reconciliation screen', () => {
  it('lists the exceptions with their meaning and resolves one with a note (double-click, Alt+S)', async () => {
    const sent: SentOperation[] = [];
    render(
      <Provider value={fakeApiClient(sent, api({ done: false }))}>
        <ReconciliationScreen rights={{ canEdit: true }} />
      </Provider>,
    );
    const rows = await screen.findAllByTestId('exception-row');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('Lệch số tiền'),
      expect.stringContaining('Tiền về tài khoản khác tổng tệp'),
    ]);
    const user = userEvent.setup();
    await user.dblClick(rows[0]!);
    await user.click(await screen.findByTestId('resolve-save'));
    expect((await screen.findByTestId('error-resolution')).textContent).toBe('Ghi cách xử lý (ít nhất 3 ký tự).');
    await user.type(screen.getByTestId('field-resolution'), 'Đối tác ghi nhầm');
    await user.keyboard('{Alt>}s{/Alt}');
    await waitFor(() => expect(screen.queryByTestId('resolve-exception-dialog')).toBeNull());
    const resolves = sent.filter((s) => s.operationName === 'ResolveReconciliationException');
    expect(resolves).toHaveLength(1);
    expect(resolves[0]!.variables).toEqual({ id: 7, resolution: 'Đối tác ghi nhầm' });
    await waitFor(() => expect(screen.getAllByTestId('exception-row')[0]!.textContent).toContain('Đối tác ghi nhầm'));
  });

  it('a user without the edit right sees no upload form', async () => {
    render(
      <Provider value={fakeApiClient([], api({ done: false }))}>
        <ReconciliationScreen rights={{ canEdit: false }} />
      </Provider>,
    );
    expect(await screen.findByTestId('read-only-badge')).toBeTruthy();
    expect(screen.queryByTestId('reconciliation-upload')).toBeNull();
  });
});
