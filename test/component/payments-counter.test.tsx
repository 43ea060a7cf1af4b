// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { toast } from 'sonner';
import { Provider } from 'urql';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentRights } from '@/components/payments/counter-rights';
import { CounterScreen } from '@/components/payments/counter-screen';
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
// sonner keeps its toasts in a module-wide list: each test starts without the previous one's.
afterEach(() => {
  cleanup();
  toast.dismiss();
});

const row = (invoiceId: number, seq: number, amountDue: number, otherDue = 0) => ({
  __typename: 'CounterRow',
  invoiceId,
  customerId: 100 + invoiceId,
  customerCode: `KH${String(invoiceId).padStart(3, '0')}`,
  customerName: `Khách hàng ${invoiceId}`,
  address: `${invoiceId} Phố Huế`,
  sequenceNo: seq,
  kind: 'REGULAR',
  status: 'ISSUED',
  series: '1C26TAA',
  number: invoiceId,
  total: 150_000,
  amountDue,
  otherDue,
  credit: 0,
  payments: [] as unknown[],
});

/** One row already paid (nothing to fill), three that owe. */
const ROWS = [row(1, 10, 150_000), row(2, 20, 0), row(3, 30, 120_500, 40_000), row(4, 40, 99_000)];

const payment = (invoiceId: number, amount: number, id: number) => ({
  __typename: 'Payment',
  id,
  receiptNumber: `PT${String(id).padStart(8, '0')}`,
  customerId: 100 + invoiceId,
  customerCode: `KH${String(invoiceId).padStart(3, '0')}`,
  customerName: `Khách hàng ${invoiceId}`,
  channel: 'COUNTER',
  status: 'POSTED',
  amount,
  allocated: amount,
  credit: 0,
  paidAt: '2026-11-02T03:00:00.000Z',
  businessDay: '2026-11-02',
  recordedByName: 'Thu ngân',
  collectorName: null,
  partnerName: null,
  reversal: null,
  holdings: [],
});

function answers(save: (op: SentOperation) => FakeAnswer) {
  return (op: SentOperation): FakeAnswer => {
    switch (op.operationName) {
      case 'CounterBooks':
        return {
          data: {
            readingBooks: {
              __typename: 'ReadingBookPage',
              rows: [{ __typename: 'ReadingBook', id: 3, code: 'S03', name: 'Sổ phường Bến Nghé' }],
            },
          },
        };
      case 'CounterSheet':
        return {
          data: {
            counterSheet: {
              __typename: 'CounterSheet',
              bookId: 3,
              period: '2026-10',
              totals: {
                __typename: 'CounterTotals',
                count: ROWS.length,
                total: 600_000,
                amountDue: 369_500,
                otherDue: 40_000,
                credit: 0,
                paidCount: 1,
              },
              rows: ROWS,
            },
          },
        };
      case 'PayAtCounter':
        return save(op);
      default:
        return { errors: [{ message: `unexpected ${op.operationName}` }] };
    }
  };
}

const ADMIN: PaymentRights = { isAdmin: true, books: {} };

function renderScreen(save: (op: SentOperation) => FakeAnswer, rights: PaymentRights = ADMIN) {
  const sent: SentOperation[] = [];
  render(
    <Provider value={fakeApiClient(sent, answers(save))}>
      <CounterScreen rights={rights} initialBookId={3} initialPeriod="2026-10" />
    </Provider>,
  );
  return { user: userEvent.setup(), sent };
}

const amountOf = (invoiceId: number) => screen.getByTestId(`amount-${invoiceId}`) as HTMLInputElement;
const saves = (sent: SentOperation[]) => sent.filter((o) => o.operationName === 'PayAtCounter');

const accepted = (op: SentOperation): FakeAnswer => {
  const input = op.variables.input as { entries: { invoiceId: number; amount: number }[] };
  return {
    data: {
      payAtCounter: {
        __typename: 'PayAtCounterResult',
        replayed: false,
        total: input.entries.reduce((s, e) => s + e.amount, 0),
        entries: input.entries.map((e, i) => ({
          __typename: 'CounterSavedEntry',
          invoiceId: e.invoiceId,
          payment: payment(e.invoiceId, e.amount, 500 + i),
        })),
      },
    },
  };
};

describe('the counter', () => {
  it('“Thu đủ cả sổ” fills every owing row with its amount due, and clears them again', async () => {
    const { user } = renderScreen(accepted);
    await screen.findAllByTestId('counter-row');
    await waitFor(() => expect(amountOf(1)).toBeTruthy());
    await user.click(screen.getByTestId('counter-fill-all'));
    expect([1, 2, 3, 4].map((id) => amountOf(id).value)).toEqual(['150.000', '', '120.500', '99.000']);
    expect((screen.getByTestId(`full-3`) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId('counter-typed-sum').textContent).toBe('369.500');
    expect(screen.getByTestId('counter-typed').textContent).toContain('3 khoản');
    await user.click(screen.getByTestId('counter-fill-all'));
    expect([1, 3, 4].map((id) => amountOf(id).value)).toEqual(['', '', '']);
  });

  it('moves between amount cells with Enter and the arrows, and “=” fills a row’s due', async () => {
    const { user } = renderScreen(accepted);
    await screen.findAllByTestId('counter-row');
    await user.click(amountOf(1));
    await user.keyboard('50.000{Enter}');
    expect(document.activeElement).toBe(amountOf(2));
    await user.keyboard('{ArrowDown}=');
    expect(amountOf(3).value).toBe('120.500');
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(amountOf(1));
    expect(amountOf(1).value).toBe('50.000');
  });

  it('Alt+S sends ONE request with the typed entries and an idempotency key, then clears them', async () => {
    const { user, sent } = renderScreen(accepted);
    await screen.findAllByTestId('counter-row');
    await user.click(amountOf(1));
    await user.keyboard('150000{Enter}{Enter}');
    await user.keyboard('70.000');
    // Pressed twice in a row (an impatient cashier): the second press while saving sends nothing.
    await user.keyboard('{Alt>}s{/Alt}{Alt>}s{/Alt}');
    await waitFor(() =>
      expect(screen.getByTestId('toast-success').textContent).toBe('Đã thu 2 khoản, tổng 220.000 đồng.'),
    );
    expect(saves(sent)).toHaveLength(1);
    const input = saves(sent)[0]!.variables.input as Record<string, unknown>;
    expect(input).toMatchObject({
      bookId: 3,
      period: '2026-10',
      entries: [
        { invoiceId: 1, amount: 150_000 },
        { invoiceId: 3, amount: 70_000 },
      ],
    });
    expect(input.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{8,40}$/);
    await waitFor(() => expect(amountOf(1).value).toBe(''));
    expect(amountOf(3).value).toBe('');
  });

  it('a refused save shows the server’s message and marks the row; a retry of the same entries reuses the key', async () => {
    let calls = 0;
    const { user, sent } = renderScreen(() => {
      calls++;
      return {
        errors: [
          {
            message: 'Số tiền phải là số nguyên dương (đồng), tối đa 100 tỷ.',
            extensions: { code: 'PAYMENT_INVALID_AMOUNT', field: 'entries.1.amount' },
          },
        ],
      };
    });
    await screen.findAllByTestId('counter-row');
    await user.click(amountOf(1));
    await user.keyboard('10.000{Enter}{Enter}20.000');
    await user.click(screen.getByTestId('counter-save'));
    const alert = await screen.findByTestId('counter-error');
    expect(alert.textContent).toBe('Số tiền phải là số nguyên dương (đồng), tối đa 100 tỷ.');
    // The second entry sent is invoice 3: its cell is marked and gets the cursor.
    await waitFor(() => expect(amountOf(3).getAttribute('aria-invalid')).toBe('true'));
    expect(document.activeElement).toBe(amountOf(3));
    // Nothing was cleared: the cashier corrects or sends again.
    expect(amountOf(1).value).toBe('10.000');
    await user.keyboard('{Alt>}s{/Alt}');
    await waitFor(() => expect(calls).toBe(2));
    const [first, second] = saves(sent).map((o) => (o.variables.input as { idempotencyKey: string }).idempotencyKey);
    expect(second).toBe(first);
  });

  it('refuses a typed amount that is not whole đồng before sending anything', async () => {
    const { user, sent } = renderScreen(accepted);
    await screen.findAllByTestId('counter-row');
    await user.click(amountOf(4));
    await user.keyboard('12,5');
    expect(amountOf(4).getAttribute('aria-invalid')).toBe('true');
    await user.keyboard('{Alt>}s{/Alt}');
    expect(await screen.findByTestId('toast-error')).toBeTruthy();
    expect(saves(sent)).toHaveLength(0);
  });

  it('a user without the add right sees “Chỉ xem” and cannot type or save', async () => {
    const viewer: PaymentRights = {
      isAdmin: false,
      books: { 3: { access: true, add: false, delete: false, print: true } },
    };
    const { user, sent } = renderScreen(accepted, viewer);
    await screen.findAllByTestId('counter-row');
    expect(screen.getByTestId('read-only-badge')).toBeTruthy();
    expect(amountOf(1).readOnly).toBe(true);
    expect((screen.getByTestId('counter-save') as HTMLButtonElement).disabled).toBe(true);
    await user.keyboard('{Alt>}s{/Alt}');
    expect(saves(sent)).toHaveLength(0);
  });
});
