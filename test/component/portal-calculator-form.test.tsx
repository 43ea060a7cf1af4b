// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';
import { CalculatorForm } from '@/components/portal/calculator-form';
import { fakeApiClient, type SentOperation } from '@/test/helpers/fake-api';

afterEach(cleanup);

const TYPES = [
  { code: 'HN_SH', name: 'Sinh hoạt hộ gia đình (Hà Nội)', basis: 'household' },
  { code: 'HCM_SH', name: 'Sinh hoạt hộ gia đình (TP.HCM)', basis: 'person' },
];

const ESTIMATE = {
  __typename: 'BillEstimate',
  lines: [
    { __typename: 'BillEstimateLine', description: 'Bậc 1: 0–10 m³', quantity: 10, unitPrice: 5973, amount: 59_730 },
    { __typename: 'BillEstimateLine', description: 'Bậc 2: 10–20 m³', quantity: 10, unitPrice: 7052, amount: 70_520 },
  ],
  subtotal: 130_250,
  vat: 6513,
  environmentFee: 13_025,
  drainageFee: 0,
  drainageVat: 0,
  total: 149_788,
  warnings: [],
};

function renderForm() {
  const sent: SentOperation[] = [];
  render(
    <Provider value={fakeApiClient(sent, () => ({ data: { estimateBill: ESTIMATE } }))}>
      <CalculatorForm types={TYPES} />
    </Provider>,
  );
  return { user: userEvent.setup(), sent };
}

describe('portal bill calculator form', () => {
  it('refuses a missing or fractional consumption and zero households without sending', async () => {
    const { user, sent } = renderForm();
    await user.click(screen.getByTestId('calc-submit'));
    expect((await screen.findByTestId('error-consumption')).textContent).toBe(
      'Nhập lượng nước tiêu thụ trong tháng (m³).',
    );
    await user.type(screen.getByTestId('calc-m3'), '12,5');
    await user.clear(screen.getByTestId('calc-households'));
    await user.type(screen.getByTestId('calc-households'), '0');
    await user.click(screen.getByTestId('calc-submit'));
    expect((await screen.findByTestId('error-consumption')).textContent).toBe('Lượng nước là số nguyên m³, ví dụ 25.');
    expect(screen.getByTestId('error-households').textContent).toBe('Số hộ dùng chung phải từ 1 trở lên.');
    expect(sent).toEqual([]);
  });

  it('asks for the count the tariff uses, sends only it, and shows the lines and the total', async () => {
    const { user, sent } = renderForm();
    expect(screen.queryByTestId('calc-persons')).toBeNull();
    await user.type(screen.getByTestId('calc-m3'), '20');
    await user.click(screen.getByTestId('calc-submit'));
    expect((await screen.findByTestId('calc-total')).textContent).toBe('149.788\u00a0₫');
    expect(sent[0]!.variables).toEqual({
      input: { serviceTypeCode: 'HN_SH', consumption: 20, households: 1, persons: null },
    });

    await user.selectOptions(screen.getByTestId('calc-type'), 'HCM_SH');
    expect(screen.queryByTestId('calc-households')).toBeNull();
    await user.clear(screen.getByTestId('calc-persons'));
    await user.type(screen.getByTestId('calc-persons'), '3');
    await user.click(screen.getByTestId('calc-submit'));
    await screen.findByTestId('calc-total');
    expect(sent.at(-1)!.variables).toEqual({
      input: { serviceTypeCode: 'HCM_SH', consumption: 20, households: null, persons: 3 },
    });
  });
});
