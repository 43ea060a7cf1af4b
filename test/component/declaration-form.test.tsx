// @vitest-environment jsdom
import { Provider } from 'urql';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SuspendForm } from '@/components/readings/declaration-suspension-form';
import type { SheetRow } from '@/components/readings/readings.documents';
import { fakeApiClient, type FakeAnswer, type SentOperation } from '@/test/helpers/fake-api';

afterEach(cleanup);

const ROW = { customerId: 5, customerCode: 'KH005', customerName: 'Lê Văn Cường' } as unknown as SheetRow;

const suspension = (input: Record<string, unknown>) => ({
  __typename: 'Suspension',
  id: 1,
  fromPeriod: input.fromPeriod,
  toPeriod: input.toPeriod ?? null,
  reason: input.reason,
  createdAt: '2026-11-30T06:00:00.000Z',
});

function renderForm(declare: (input: Record<string, unknown>) => FakeAnswer) {
  const sent: SentOperation[] = [];
  const onChanged = vi.fn();
  const api = fakeApiClient(sent, (op) =>
    op.operationName === 'CustomerSuspensions'
      ? { data: { customerSuspensions: [] } }
      : declare(op.variables.input as Record<string, unknown>),
  );
  render(
    <Provider value={api}>
      <SuspendForm row={ROW} period="2026-11" disabled={false} onChanged={onChanged} />
    </Provider>,
  );
  const declared = () => sent.filter((op) => op.operationName === 'DeclareSuspension');
  return { user: userEvent.setup(), declared, onChanged };
}

describe('suspension declaration (declaration form shell: react-hook-form + zod)', () => {
  it('refuses a wrong period range and a missing reason without sending, the cursor on the first wrong field', async () => {
    const { user, declared, onChanged } = renderForm((input) => ({ data: { declareSuspension: suspension(input) } }));
    await user.type(screen.getByTestId('field-toPeriod'), '10/2026');
    await user.click(screen.getByTestId('declare-submit'));

    expect((await screen.findByTestId('error-toPeriod')).textContent).toBe('Kỳ kết thúc phải sau kỳ bắt đầu.');
    expect(screen.getByTestId('error-reason').textContent).toBe('Phải nhập lý do tạm dừng.');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('field-toPeriod')));
    expect(declared()).toEqual([]);
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('sends the periods as YYYY-MM and the trimmed reason', async () => {
    const { user, declared, onChanged } = renderForm((input) => ({ data: { declareSuspension: suspension(input) } }));
    await user.type(screen.getByTestId('field-toPeriod'), '2/2027');
    await user.type(screen.getByTestId('field-reason'), '  Nhà đi vắng dài ngày ');
    await user.click(screen.getByTestId('declare-submit'));

    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(declared().map((op) => op.variables.input)).toEqual([
      { customerId: 5, fromPeriod: '2026-11', toPeriod: '2027-02', reason: 'Nhà đi vắng dài ngày' },
    ]);
    expect(onChanged).toHaveBeenCalledWith(null, 'Đã khai báo tạm dừng cho KH005 từ kỳ 11/2026.', true);
  });

  it('shows the server’s refusal above the button when it names no field', async () => {
    const { user, declared, onChanged } = renderForm(() => ({
      errors: [
        { message: 'Khách hàng đã có đợt tạm dừng trùng thời gian.', extensions: { code: 'SUSPENSION_OVERLAP' } },
      ],
    }));
    await user.type(screen.getByTestId('field-reason'), 'Sửa nhà');
    await user.click(screen.getByTestId('declare-submit'));

    expect((await screen.findByTestId('declare-error')).textContent).toBe(
      'Khách hàng đã có đợt tạm dừng trùng thời gian.',
    );
    expect(declared()).toHaveLength(1);
    expect(onChanged).not.toHaveBeenCalled();
  });
});
