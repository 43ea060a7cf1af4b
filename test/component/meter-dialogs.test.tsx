// @vitest-environment jsdom
import { Provider } from 'urql';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MetersTab } from '@/components/customers/meters-tab';
import type { CustomerDetail } from '@/components/customers/customer-documents';
import { fakeApiClient, type SentOperation } from '@/test/helpers/fake-api';

afterEach(cleanup);

const METER = {
  id: 9,
  serial: 'SR0009',
  meterTypeId: null,
  meterTypeName: null,
  sealNo: null,
  verifiedOn: null,
  installedOn: '2024-03-01',
  initialIndex: 120,
  removedOn: null,
  finalIndex: null,
  isActive: true,
};

const CUSTOMER = { id: 5, code: 'KH005', meters: [METER] } as unknown as CustomerDetail;

function renderTab() {
  const sent: SentOperation[] = [];
  const onChanged = vi.fn();
  render(
    <Provider value={fakeApiClient(sent, () => ({ data: { replaceMeter: { __typename: 'Meter', id: 10 } } }))}>
      <MetersTab customer={CUSTOMER} catalogs={null} canEdit onChanged={onChanged} />
    </Provider>,
  );
  return { user: userEvent.setup(), sent, onChanged };
}

describe('replace-meter dialog (react-hook-form over the shared meter schema)', () => {
  it('refuses a final index below the old meter’s first index and a missing serial without sending', async () => {
    const { user, sent, onChanged } = renderTab();
    await user.click(screen.getByTestId('btn-replace-meter'));
    await user.type(await screen.findByTestId('field-finalIndex'), '100');
    await user.click(screen.getByTestId('replace-meter-save'));

    expect((await screen.findByTestId('error-finalIndex')).textContent).toBe(
      'Chỉ số cuối nhỏ hơn chỉ số đầu của đồng hồ cũ (120).',
    );
    expect(screen.getByTestId('error-serial').textContent).toBe('Số seri đồng hồ không được để trống.');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('field-finalIndex')));
    expect(sent).toEqual([]);
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('sends the old meter’s final index and the new meter', async () => {
    const { user, sent, onChanged } = renderTab();
    await user.click(screen.getByTestId('btn-replace-meter'));
    await user.type(await screen.findByTestId('field-finalIndex'), '480');
    await user.type(screen.getByTestId('field-serial'), 'SR0010');
    await user.keyboard('{Alt>}s{/Alt}');

    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.variables).toMatchObject({
      customerId: 5,
      finalIndex: 480,
      meter: { serial: 'SR0010', sealNo: null, meterTypeId: null, verifiedOn: null, initialIndex: 0 },
    });
  });
});
