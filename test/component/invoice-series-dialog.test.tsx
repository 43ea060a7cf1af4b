// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SeriesDialog } from '@/components/invoices/series-dialog';
import { ToastProvider } from '@/components/ui/toast';
import { fakeApiClient, type SentOperation } from '@/test/helpers/fake-api';

afterEach(cleanup);

function renderDialog() {
  const sent: SentOperation[] = [];
  const onSaved = vi.fn();
  render(
    <Provider
      value={fakeApiClient(sent, () => ({
        data: { createInvoiceSeries: { __typename: 'InvoiceSeries', id: 4, series: '1K27TAB' } },
      }))}
    >
      <ToastProvider>
        <SeriesDialog series={null} onClose={() => {}} onSaved={onSaved} />
      </ToastProvider>
    </Provider>,
  );
  return { user: userEvent.setup(), sent, onSaved };
}

describe('invoice series dialog (the symbol rules of domain/invoices/series.ts in the browser)', () => {
  it('refuses a template symbol outside 1–9 and an invoice symbol with a wrong type letter without sending', async () => {
    const { user, sent, onSaved } = renderDialog();
    const template = await screen.findByTestId('field-templateSymbol');
    await user.clear(template);
    await user.type(template, '0');
    await user.type(screen.getByTestId('field-invoiceSymbol'), 'c27xab');
    await user.click(screen.getByTestId('series-save'));

    expect((await screen.findByTestId('error-templateSymbol')).textContent).toBe(
      'Ký hiệu mẫu số hóa đơn phải là một chữ số từ 1 đến 9 (1 là hóa đơn giá trị gia tăng).',
    );
    expect(screen.getByTestId('error-invoiceSymbol').textContent).toMatch(/^Ký tự thứ tư của ký hiệu hóa đơn/);
    expect(sent).toEqual([]);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('sends a valid series with the symbol in capitals', async () => {
    const { user, sent, onSaved } = renderDialog();
    await user.type(await screen.findByTestId('field-invoiceSymbol'), 'k27tab');
    await user.click(screen.getByTestId('series-save'));

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(4));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.variables).toEqual({
      input: { templateSymbol: '1', invoiceSymbol: 'K27TAB', isDefault: true, active: true, note: null },
    });
  });
});
