// @vitest-environment jsdom
import { Provider } from 'urql';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BankRights } from '@/components/payments/bank-format';
import { BankScreen } from '@/components/payments/bank-screen';
import { fakeApiClient, type FakeAnswer, type SentOperation } from '@/test/helpers/fake-api';

beforeAll(() => {
  // jsdom has no layout: the grid measures its viewport through ResizeObserver, which jsdom lacks.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterEach(cleanup);

type Sent = SentOperation;

interface Line {
  id: number;
  status: string;
  description: string;
  amount: number;
  suggested: boolean;
  note: string | null;
  customerCode: string | null;
}

const CUSTOMER = {
  __typename: 'BankCustomer',
  id: 7,
  code: 'KH000123',
  name: 'Nguyễn Văn An',
  address: '12 Phố Huế',
  totalDue: 230_000,
  credit: 0,
};

function row(l: Line) {
  return {
    __typename: 'BankTransaction',
    id: l.id,
    externalId: `FT${l.id}`,
    amount: l.amount,
    receivedAt: '2026-03-20T02:15:00.000Z',
    description: l.description,
    source: 'WEBHOOK',
    status: l.status,
    paymentId: l.customerCode ? 100 + l.id : null,
    receiptNumber: l.customerCode ? `PT000001${l.id}` : null,
    customer: l.customerCode
      ? { __typename: 'BankTransactionCustomer', id: 7, code: l.customerCode, name: CUSTOMER.name }
      : null,
    suggestedCustomer: l.suggested && l.status === 'SUSPENSE' ? CUSTOMER : null,
    resolvedByName: l.status === 'SUSPENSE' ? null : 'Thu ngân',
    resolvedAt: null,
    resolutionNote: l.note,
  };
}

/** The API as the screen sees it: two lines in suspense (one naming KH000123), resolutions moving them on. */
function apiClient(sent: Sent[]) {
  const lines: Line[] = [
    {
      id: 1,
      status: 'SUSPENSE',
      description: 'chuyen tien nuoc KH000123',
      amount: 230_000,
      suggested: true,
      note: null,
      customerCode: null,
    },
    {
      id: 2,
      status: 'SUSPENSE',
      description: 'HOAN TIEN',
      amount: 50_000,
      suggested: false,
      note: null,
      customerCode: null,
    },
  ];
  const answer = (op: Sent): FakeAnswer => {
    const v = op.variables;
    switch (op.operationName) {
      case 'BankTransactions': {
        const status = (v.filter as { status: string }).status;
        const rows = lines.filter((l) => l.status === status);
        return {
          data: {
            bankTransactions: {
              __typename: 'BankTransactionPage',
              totalCount: rows.length,
              totalAmount: rows.reduce((s, l) => s + l.amount, 0),
              pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
              rows: rows.map(row),
            },
          },
        };
      }
      case 'BankAllocationPreview':
        if (v.customerCode !== CUSTOMER.code)
          return { errors: [{ message: 'Không tìm thấy khách hàng.', extensions: { code: 'NOT_FOUND' } }] };
        return {
          data: {
            bankAllocationPreview: {
              __typename: 'BankAllocationPreview',
              customer: CUSTOMER,
              invoicePeriod: null,
              creditAfter: 0,
            },
          },
        };
      case 'AllocateBankTransaction': {
        const line = lines.find((l) => l.id === v.id)!;
        Object.assign(line, { status: 'ALLOCATED', customerCode: v.customerCode, note: v.note });
        return { data: { allocateBankTransaction: row(line) } };
      }
      case 'IgnoreBankTransaction': {
        const line = lines.find((l) => l.id === v.id)!;
        Object.assign(line, { status: 'IGNORED', note: v.note });
        return { data: { ignoreBankTransaction: row(line) } };
      }
      default:
        throw new Error(`unexpected operation ${op.operationName}`);
    }
  };
  return fakeApiClient(sent, answer);
}

const ALL: BankRights = { list: true, allocate: true, ignore: true };

async function openScreen(sent: Sent[], rights = ALL) {
  const user = userEvent.setup();
  render(
    <Provider value={apiClient(sent)}>
      <BankScreen rights={rights} initialFilter={{ status: 'SUSPENSE', from: '', to: '', search: '' }} />
    </Provider>,
  );
  await waitFor(() => expect(screen.getByTestId('bank-count').textContent).toMatch(/^2 giao dịch chờ xử lý/));
  return user;
}

const sentOf = (sent: Sent[], name: string) => sent.filter((s) => s.operationName === name);

describe('bank transfers screen', () => {
  it('F2 allocates the selected line: the suggested code is filled in, the customer and debt show before Alt+S', async () => {
    const sent: Sent[] = [];
    const user = await openScreen(sent);
    // The first line is selected when the list opens; its suggestion is in the detail panel.
    expect(within(screen.getByTestId('bank-detail')).getByText(/KH000123 – Nguyễn Văn An/)).toBeTruthy();
    await user.keyboard('{F2}');
    const dialog = await screen.findByTestId('bank-allocate-dialog');
    expect((within(dialog).getByTestId('field-customerCode') as HTMLInputElement).value).toBe('KH000123');
    const preview = await within(dialog).findByTestId('bank-preview');
    expect(preview.textContent).toContain('Nguyễn Văn An');
    expect(within(dialog).getByTestId('bank-preview-due').textContent).toMatch(/230\.000/);
    await user.type(within(dialog).getByTestId('field-note'), 'Khách gọi xác nhận');
    await user.keyboard('{Alt>}s{/Alt}');
    await waitFor(() => expect(sentOf(sent, 'AllocateBankTransaction')).toHaveLength(1));
    expect(sentOf(sent, 'AllocateBankTransaction')[0]!.variables).toEqual({
      id: 1,
      customerCode: 'KH000123',
      note: 'Khách gọi xác nhận',
    });
    // The list is asked again and the line has left the suspense tab.
    await waitFor(() => expect(screen.getByTestId('bank-count').textContent).toMatch(/^1 giao dịch chờ xử lý/));
    expect(screen.queryByTestId('bank-allocate-dialog')).toBeNull();
  });

  it('an unknown code shows the server’s answer and cannot be confirmed', async () => {
    const sent: Sent[] = [];
    const user = await openScreen(sent);
    await user.keyboard('{F2}');
    const dialog = await screen.findByTestId('bank-allocate-dialog');
    const code = within(dialog).getByTestId('field-customerCode');
    await user.clear(code);
    await user.type(code, 'kh999{Enter}');
    expect((await within(dialog).findByTestId('bank-preview-error')).textContent).toBe('Không tìm thấy khách hàng.');
    expect((within(dialog).getByTestId('bank-allocate-save') as HTMLButtonElement).disabled).toBe(true);
    expect(sentOf(sent, 'BankAllocationPreview').at(-1)!.variables.customerCode).toBe('KH999');
    expect(sentOf(sent, 'AllocateBankTransaction')).toHaveLength(0);
  });

  it('F3 ignores a line only with a reason', async () => {
    const sent: Sent[] = [];
    const user = await openScreen(sent);
    await user.click(screen.getByText('HOAN TIEN'));
    await user.keyboard('{F3}');
    const dialog = await screen.findByTestId('bank-ignore-dialog');
    await user.keyboard('{Alt>}s{/Alt}');
    expect((await within(dialog).findByTestId('error-note')).textContent).toContain('ít nhất 3 ký tự');
    expect(sentOf(sent, 'IgnoreBankTransaction')).toHaveLength(0);
    await user.type(within(dialog).getByTestId('field-note'), 'Tiền hoàn dự án');
    await user.keyboard('{Alt>}s{/Alt}');
    await waitFor(() => expect(sentOf(sent, 'IgnoreBankTransaction')).toHaveLength(1));
    expect(sentOf(sent, 'IgnoreBankTransaction')[0]!.variables).toEqual({ id: 2, note: 'Tiền hoàn dự án' });
    await waitFor(() => expect(screen.getByTestId('bank-count').textContent).toMatch(/^1 giao dịch chờ xử lý/));
  });

  it('Alt+4 shows the ignored tab; a user without the right gets no dialog', async () => {
    const sent: Sent[] = [];
    const user = await openScreen(sent, { list: true, allocate: false, ignore: false });
    expect((screen.getByTestId('btn-bank-allocate') as HTMLButtonElement).disabled).toBe(true);
    await user.keyboard('{F2}');
    await user.keyboard('{F4}');
    expect(screen.queryByTestId('bank-allocate-dialog')).toBeNull();
    expect(screen.queryByTestId('bank-statement-dialog')).toBeNull();
    await user.keyboard('{Alt>}4{/Alt}');
    await waitFor(() =>
      expect(sentOf(sent, 'BankTransactions').at(-1)!.variables.filter).toMatchObject({ status: 'IGNORED' }),
    );
    await waitFor(() => expect(screen.getByTestId('bank-count').textContent).toMatch(/^0 giao dịch đã bỏ qua/));
  });
});
