// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';
import type { CollectorRights } from '@/components/payments/collector-rights';
import { CollectorScreen } from '@/components/payments/collector-screen';
import { fakeApiClient, type FakeAnswer, type SentOperation } from '@/test/helpers/fake-api';

afterEach(cleanup);

const RIGHTS: CollectorRights = { isAdmin: false, userId: 2, books: { 1: { access: true, edit: true } } };

const payment = (id: number, customerCode: string, amount: number, status: 'POSTED' | 'REVERSED') => ({
  __typename: 'CollectorDayPayment',
  id,
  receiptNumber: `PT${String(id).padStart(8, '0')}`,
  customerId: id,
  customerCode,
  customerName: `Khách ${customerCode}`,
  amount,
  paidAt: '2026-05-04T02:00:00.000Z',
  status,
  reversalReason: status === 'REVERSED' ? 'Ghi nhầm' : null,
});

function day(settlement: null | { handedIn: number; note: string | null }) {
  return {
    __typename: 'CollectorDay',
    collectorId: 9,
    collectorLogin: 'thu01',
    collectorName: 'Trần Văn Thu',
    day: '2026-05-04',
    recorded: 190_000,
    paymentCount: 2,
    isSettled: settlement !== null,
    payments: [payment(1, 'KH001', 150_000, 'POSTED'), payment(2, 'KH002', 40_000, 'POSTED')],
    reversed: [payment(3, 'KH002', 20_000, 'REVERSED')],
    settlement: settlement && {
      __typename: 'CollectorSettlement',
      id: 1,
      recorded: 190_000,
      paymentCount: 2,
      handedIn: settlement.handedIn,
      difference: settlement.handedIn - 190_000,
      note: settlement.note,
      confirmedByName: 'Người dùng clerk',
      confirmedAt: '2026-05-04T10:00:00.000Z',
    },
  };
}

function renderScreen(answer: (op: SentOperation) => FakeAnswer) {
  const sent: SentOperation[] = [];
  render(
    <Provider value={fakeApiClient(sent, answer)}>
      <CollectorScreen rights={RIGHTS} initialBookId={1} initialDay="2026-05-04" />
    </Provider>,
  );
  return { user: userEvent.setup(), sent };
}

function api(op: SentOperation): FakeAnswer {
  switch (op.operationName) {
    case 'CollectorReadingBooks':
      return {
        data: {
          readingBooks: {
            __typename: 'ReadingBookPage',
            rows: [{ __typename: 'ReadingBook', id: 1, code: 'S01', name: 'Sổ 01' }],
          },
        },
      };
    case 'BookCollectors':
      return {
        data: {
          bookCollectors: [
            {
              __typename: 'BookCollector',
              userId: 9,
              login: 'thu01',
              fullName: 'Trần Văn Thu',
              isAssigned: true,
              canCollect: true,
            },
          ],
        },
      };
    case 'CollectorDay':
      return { data: { collectorDay: day(null) } };
    case 'SettleCollectorDay':
      return {
        data: {
          settleCollectorDay: day({
            handedIn: op.variables.handedIn as number,
            note: (op.variables.note as string | null) ?? null,
          }),
        },
      };
    default:
      return { errors: [{ message: `unexpected ${op.operationName}`, extensions: { code: 'INTERNAL' } }] };
  }
}

describe('a collector’s day on the collectors screen', () => {
  it('shows recorded, the payments and the reversed ones apart', async () => {
    renderScreen(api);
    expect((await screen.findByTestId('day-recorded')).textContent).toBe('190.000\u00a0₫');
    expect(screen.getByTestId('day-count').textContent).toBe('2');
    expect(within(screen.getByTestId('collector-payments')).getAllByRole('row')).toHaveLength(3);
    expect(within(screen.getByTestId('collector-reversed')).getByText('Ghi nhầm')).toBeTruthy();
    expect(screen.queryByTestId('collector-day-locked')).toBeNull();
  });

  it('a difference needs a note; the settlement is confirmed, sent once and the day shows locked', async () => {
    let settled = false;
    const { user, sent } = renderScreen((op) => {
      if (op.operationName === 'SettleCollectorDay') settled = true;
      if (op.operationName === 'CollectorDay' && settled)
        return { data: { collectorDay: day({ handedIn: 180_000, note: 'Thiếu 10.000 đ' }) } };
      return api(op);
    });
    const amount = await screen.findByTestId('field-handedIn');
    await user.clear(amount);
    await user.type(amount, '180.000');
    await user.keyboard('{Alt>}s{/Alt}');
    expect((await screen.findByTestId('error-note')).textContent).toBe(
      'Số tiền nộp khác số đã thu: ghi rõ lý do chênh lệch.',
    );
    expect(sent.some((s) => s.operationName === 'SettleCollectorDay')).toBe(false);

    await user.type(screen.getByTestId('field-note'), 'Thiếu 10.000 đ');
    await user.click(screen.getByTestId('btn-settle'));
    await user.click(await screen.findByTestId('confirm-ok'));
    await waitFor(() => expect(screen.getByTestId('collector-day-locked')).toBeTruthy());
    const settles = sent.filter((s) => s.operationName === 'SettleCollectorDay');
    expect(settles).toHaveLength(1);
    expect(settles[0]!.variables).toEqual({
      collectorId: 9,
      day: '2026-05-04',
      handedIn: 180_000,
      note: 'Thiếu 10.000 đ',
    });
    expect(screen.getByTestId('day-difference').textContent).toBe('-10.000\u00a0₫');
    expect(screen.queryByTestId('settle-form')).toBeNull();
  });

  it('the collector never sees a settle button they could use on their own day', async () => {
    const sent: SentOperation[] = [];
    render(
      <Provider value={fakeApiClient(sent, api)}>
        <CollectorScreen rights={{ ...RIGHTS, userId: 9 }} initialBookId={1} initialDay="2026-05-04" />
      </Provider>,
    );
    const button = await screen.findByTestId('btn-settle');
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(button.getAttribute('title')).toBe('Nhân viên thu không tự quyết toán ngày thu của mình.');
  });
});
