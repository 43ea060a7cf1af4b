// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InvoiceRights } from '@/components/invoices/invoice-rights';
import { InvoicesScreen } from '@/components/invoices/invoices-screen';
import { ReasonDialog } from '@/components/invoices/reason-dialog';
import { ToastProvider } from '@/components/ui/toast';
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

const ISSUED = {
  id: 7,
  series: '1C26TAA',
  number: 12,
  customerCode: 'KH007',
  customerName: 'Nguyễn Thị Hằng',
  status: 'ISSUED' as const,
};

describe('cancel dialog (react-hook-form + zod, the server’s reason rule)', () => {
  function renderDialog() {
    const sent: SentOperation[] = [];
    const onDone = vi.fn();
    render(
      <Provider
        value={fakeApiClient(sent, () => ({
          data: { cancelInvoice: { __typename: 'Invoice', id: 7, series: '1C26TAA', number: 12 } },
        }))}
      >
        <ToastProvider>
          <ReasonDialog action="cancel" invoice={ISSUED} onClose={() => {}} onDone={onDone} />
        </ToastProvider>
      </Provider>,
    );
    return { user: userEvent.setup(), sent, onDone };
  }

  it('refuses an empty or too short reason without sending anything', async () => {
    const { user, sent, onDone } = renderDialog();
    await user.click(await screen.findByTestId('reason-save'));
    expect((await screen.findByTestId('error-reason')).textContent).toBe('Nhập lý do (ít nhất 3 ký tự).');

    await user.type(screen.getByTestId('field-reason'), '  a ');
    await user.click(screen.getByTestId('reason-save'));
    expect((await screen.findByTestId('error-reason')).textContent).toBe('Nhập lý do (ít nhất 3 ký tự).');
    expect(sent).toEqual([]);
    expect(onDone).not.toHaveBeenCalled();
  });

  it('sends the invoice id with the trimmed reason and reports the cancelled invoice', async () => {
    const { user, sent, onDone } = renderDialog();
    await user.type(await screen.findByTestId('field-reason'), '  Ghi sai chỉ số mới ');
    await user.keyboard('{Alt>}s{/Alt}');

    await waitFor(() => expect(onDone).toHaveBeenCalledWith(7));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.operationName).toBe('CancelInvoice');
    expect(sent[0]!.variables).toEqual({ id: 7, reason: 'Ghi sai chỉ số mới' });
    expect((await screen.findByTestId('toast-success')).textContent).toBe(
      'Đã hủy hóa đơn 1C26TAA – 00000012 của KH007.',
    );
  });
});

const row = (id: number, seq: number, status: 'DRAFT' | 'ISSUED', needsRecalculation = false) => ({
  __typename: 'InvoiceSummary',
  id,
  bookId: 3,
  period: '2026-10',
  kind: 'REGULAR',
  status,
  sequenceNo: seq,
  customerId: 100 + id,
  customerCode: `KH${String(id).padStart(3, '0')}`,
  customerName: `Khách hàng ${id}`,
  series: status === 'DRAFT' ? null : '1C26TAA',
  number: status === 'DRAFT' ? null : id,
  issuedOn: status === 'DRAFT' ? null : '2026-11-02',
  consumption: 10 * id,
  subtotal: 50_000 * id,
  vat: 2_500 * id,
  total: 60_000 * id,
  amountDue: status === 'DRAFT' ? 0 : 60_000 * id,
  needsRecalculation,
  relatedInvoiceId: null,
});

const ROWS = [row(1, 1, 'ISSUED'), row(2, 2, 'ISSUED'), row(3, 3, 'DRAFT'), row(4, 4, 'DRAFT', true)];

function answer(op: SentOperation): FakeAnswer {
  switch (op.operationName) {
    case 'InvoiceBooks':
      return {
        data: {
          readingBooks: {
            __typename: 'ReadingBookPage',
            rows: [{ __typename: 'ReadingBook', id: 3, code: 'S03', name: 'Sổ phường Bến Nghé' }],
          },
        },
      };
    case 'BookInvoices':
      return {
        data: {
          bookInvoices: {
            __typename: 'InvoicePage',
            total: ROWS.length,
            totalConsumption: 100,
            totalAmount: 600_000,
            rows: ROWS,
          },
        },
      };
    case 'InvoiceDetail': {
      const r = ROWS.find((x) => x.id === op.variables.id)!;
      return {
        data: {
          invoice: {
            ...r,
            __typename: 'Invoice',
            createdAt: '2026-11-01T00:00:00Z',
            environmentFee: 0,
            drainageFee: 0,
            drainageVat: 0,
            totalInWords: 'Một trăm hai mươi nghìn đồng',
            vietQr: '',
            lookupCode: 'ABC123',
            hasEinvoice: true,
            cancelReason: null,
            correctionReason: null,
            lines: [],
            warnings: [],
            chain: [],
            printed: null,
          },
        },
      };
    }
    default:
      return { errors: [{ message: `unexpected ${op.operationName}` }] };
  }
}

const ADMIN: InvoiceRights = { isAdmin: true, books: {} };

function renderScreen(rights: InvoiceRights = ADMIN) {
  const sent: SentOperation[] = [];
  render(
    <Provider value={fakeApiClient(sent, answer)}>
      <InvoicesScreen rights={rights} initialBookId={3} initialPeriod="2026-10" />
    </Provider>,
  );
  return { user: userEvent.setup(), sent };
}

const selectedCodes = () =>
  screen
    .getAllByTestId('invoice-row')
    .filter((r) => r.getAttribute('data-selected') === 'true')
    .map((r) => r.getAttribute('data-code'));

describe('invoice grid keyboard', () => {
  it('moves the selection with the arrows and opens the detail with Enter', async () => {
    const { user } = renderScreen();
    const grid = await screen.findByTestId('invoice-grid');
    await screen.findAllByTestId('invoice-row');
    grid.focus();
    await user.keyboard('{ArrowDown}');
    expect(selectedCodes()).toEqual(['KH001']);
    await user.keyboard('{ArrowDown}');
    expect(selectedCodes()).toEqual(['KH002']);
    await user.keyboard('{ArrowUp}{ArrowDown}{ArrowDown}');
    expect(selectedCodes()).toEqual(['KH003']);

    await user.keyboard('{Enter}');
    const detail = await screen.findByTestId('invoice-detail');
    expect(detail.getAttribute('data-invoice-id')).toBe('3');
    expect(within(detail).getByTestId('invoice-detail-title').textContent).toBe('Hóa đơn nháp');

    // The open detail follows the cursor; Escape closes it.
    grid.focus();
    await user.keyboard('{ArrowUp}');
    await waitFor(() => expect(screen.getByTestId('invoice-detail').getAttribute('data-invoice-id')).toBe('2'));
    expect(screen.getByTestId('invoice-detail-title').textContent).toBe('Hóa đơn 1C26TAA – 00000002');
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('invoice-detail')).toBeNull();
  });

  it('opens the cancel dialog with Delete, the PDF preview with Ctrl+P and the issue dialog with F9', async () => {
    const { user } = renderScreen();
    const grid = await screen.findByTestId('invoice-grid');
    await screen.findAllByTestId('invoice-row');
    grid.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(selectedCodes()).toEqual(['KH002']);

    await user.keyboard('{Delete}');
    const cancel = await screen.findByTestId('cancel-invoice-dialog');
    expect(cancel.textContent).toContain('1C26TAA – 00000002');
    await user.click(within(cancel).getByTestId('reason-close'));
    await waitFor(() => expect(screen.queryByTestId('cancel-invoice-dialog')).toBeNull());

    grid.focus();
    await user.keyboard('{Control>}p{/Control}');
    const preview = await screen.findByTestId('pdf-preview-dialog');
    expect(within(preview).getByTestId('pdf-frame').getAttribute('src')).toBe('/api/invoices/2/pdf');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('pdf-preview-dialog')).toBeNull());

    await user.keyboard('{F9}');
    const issue = await screen.findByTestId('issue-dialog');
    // Two drafts: one to number, one held back until it is recalculated.
    expect(within(issue).getByTestId('issue-counts').textContent).toBe(
      'Sổ S03 – Sổ phường Bến Nghé: 1 hóa đơn nháp sẽ được phát hành; 1 hóa đơn cần tính lại sẽ bị giữ lại.',
    );
  });

  it('shows “Chỉ xem” to a user without the rights, disables the commands with a reason and opens no cancel dialog', async () => {
    const viewer: InvoiceRights = {
      isAdmin: false,
      books: { 3: { access: true, add: false, edit: false, delete: false, print: true, export: false } },
    };
    const { user } = renderScreen(viewer);
    const grid = await screen.findByTestId('invoice-grid');
    await screen.findAllByTestId('invoice-row');
    expect(screen.getByTestId('read-only-badge')).toBeTruthy();
    expect(screen.getByTestId('btn-issue').getAttribute('title')).toBe(
      'Bạn không có quyền phát hành hóa đơn của sổ này.',
    );
    grid.focus();
    await user.keyboard('{ArrowDown}{Delete}');
    expect(selectedCodes()).toEqual(['KH001']);
    expect(screen.queryByTestId('cancel-invoice-dialog')).toBeNull();
    expect((screen.getByTestId('btn-cancel') as HTMLButtonElement).disabled).toBe(true);
  });
});
