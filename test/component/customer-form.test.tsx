// @vitest-environment jsdom
import { Provider } from 'urql';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CustomerForm } from '@/components/customers/customer-form';
import type { BookOption } from '@/components/customers/customer-documents';
import { fakeApiClient, type FakeAnswer, type SentOperation } from '@/test/helpers/fake-api';

afterEach(cleanup);

const BOOKS = [
  { id: 7, code: 'S07', name: 'Sổ Linh Lang', customersCount: 0, routeName: 'T01', branchName: 'Ba Đình' },
] as unknown as BookOption[];

function renderForm(answer: (op: SentOperation) => FakeAnswer) {
  const sent: SentOperation[] = [];
  const onSaved = vi.fn();
  render(
    <Provider value={fakeApiClient(sent, answer)}>
      <CustomerForm
        formId="customer-form"
        mode="add"
        customer={null}
        defaultBookId={7}
        books={BOOKS}
        catalogs={null}
        onSaved={onSaved}
        onReload={() => {}}
      />
    </Provider>,
  );
  return { user: userEvent.setup(), sent, onSaved };
}

const created = (): FakeAnswer => ({
  data: { createCustomer: { __typename: 'Customer', id: 41, code: 'KH000041', bookId: 7, sequenceNo: 10 } },
});

describe('customer form (react-hook-form over the shared customer schema)', () => {
  it('refuses an invalid customer without sending it: Vietnamese errors under the fields, cursor on the first', async () => {
    const { user, sent, onSaved } = renderForm(created);
    await user.type(screen.getByTestId('field-name'), '   ');
    await user.type(screen.getByTestId('field-citizenId'), '123');
    await user.keyboard('{Alt>}s{/Alt}');

    expect(await screen.findByTestId('error-name')).toHaveProperty(
      'textContent',
      'Tên khách hàng không được để trống.',
    );
    expect(screen.getByTestId('error-address').textContent).toBe('Địa chỉ không được để trống.');
    expect(screen.getByTestId('error-citizenId').textContent).toBe('Số CCCD phải gồm 12 chữ số.');
    expect(screen.getByTestId('form-error').textContent).toContain('Dữ liệu chưa hợp lệ');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('field-name')));
    expect(sent).toEqual([]);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('sends a valid customer with its first contract and reports the saved one', async () => {
    const { user, sent, onSaved } = renderForm(created);
    await user.type(screen.getByTestId('field-name'), 'Nguyễn Văn An');
    await user.type(screen.getByTestId('field-address'), '12 Linh Lang, Ba Đình');
    await user.type(screen.getByTestId('field-phone'), '0912 345 678');
    await user.keyboard('{Alt>}s{/Alt}');

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(41, 7));
    expect(sent).toHaveLength(1);
    const op = sent[0]!;
    expect(op.operationName).toBe('CreateCustomer');
    expect(op.variables.input).toMatchObject({
      bookId: 7,
      name: 'Nguyễn Văn An',
      address: '12 Linh Lang, Ba Đình',
      customerType: 'INDIVIDUAL',
      status: 'IN_SERVICE',
      wastewaterFeeMode: 'STANDARD',
      households: 1,
      persons: 1,
      phone: '0912345678',
    });
    // No meter serial typed: no meter; the contract is signed today by default.
    expect(op.variables.meter).toBeNull();
    expect(op.variables.contract).toMatchObject({ address: null });
  });

  it('shows a server refusal under the field it names', async () => {
    const { user, sent, onSaved } = renderForm(() => ({
      errors: [
        {
          message: 'Số điện thoại đã dùng cho khách hàng khác.',
          extensions: { code: 'DUPLICATE_PHONE', field: 'phone' },
        },
      ],
    }));
    await user.type(screen.getByTestId('field-name'), 'Trần Thị Bình');
    await user.type(screen.getByTestId('field-address'), '3 Đội Cấn');
    await user.type(screen.getByTestId('field-phone'), '0912345678');
    await user.keyboard('{Alt>}s{/Alt}');

    expect((await screen.findByTestId('error-phone')).textContent).toBe('Số điện thoại đã dùng cho khách hàng khác.');
    expect(screen.getByTestId('form-error').textContent).toContain('Số điện thoại đã dùng cho khách hàng khác.');
    expect(sent).toHaveLength(1);
    expect(onSaved).not.toHaveBeenCalled();
  });
});
