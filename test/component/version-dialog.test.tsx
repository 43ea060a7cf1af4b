// @vitest-environment jsdom
import { Provider } from 'urql';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VersionDialog } from '@/components/tariffs/version-dialog';
import type { TariffServiceType, TariffVersion } from '@/components/tariffs/tariffs.documents';
import { fakeApiClient, type SentOperation } from '@/test/helpers/fake-api';

afterEach(cleanup);

const V1: TariffVersion = {
  id: 1,
  serviceTypeId: 2,
  effectiveFrom: '2025-01-01',
  basis: 'household',
  pricesIncludeVat: false,
  vatRateBp: 500,
  prorationMethod: 'split_days',
  minConsumption: null,
  meterSubscription: null,
  environmentFeeBp: 1000,
  drainageBp: 0,
  drainageVatBp: 0,
  note: null,
  isInUse: false,
  tiers: [
    { id: 11, ordinal: 1, upTo: 10, unitPrice: 5973 },
    { id: 12, ordinal: 2, upTo: null, unitPrice: 7052 },
  ],
} as TariffVersion;

const SH: TariffServiceType = {
  id: 2,
  code: 'SH',
  name: 'Sinh hoạt',
  utility: 'water',
  isDomestic: true,
  versions: [V1],
} as TariffServiceType;

function renderDialog() {
  const sent: SentOperation[] = [];
  const onSaved = vi.fn();
  render(
    <Provider
      value={fakeApiClient(sent, () => ({
        data: { createTariffVersion: { __typename: 'TariffVersion', id: 3, effectiveFrom: '2026-12-01' } },
      }))}
    >
      <VersionDialog serviceType={SH} initial={null} copyFrom={V1} onClose={() => {}} onSaved={onSaved} />
    </Provider>,
  );
  return { user: userEvent.setup(), sent, onSaved };
}

describe('tariff version dialog (react-hook-form over the shared version schema)', () => {
  it('refuses a wrong rate, a repeated date and an empty tier price without sending', async () => {
    const { user, sent, onSaved } = renderDialog();
    const date = screen.getByTestId('field-effectiveFrom');
    await user.clear(date);
    await user.type(date, '2025-01-01');
    const vat = screen.getByTestId('field-vat');
    await user.clear(vat);
    await user.type(vat, '5,555');
    await user.clear(screen.getByLabelText('Đơn giá bậc 2'));
    await user.click(screen.getByTestId('dialog-save'));

    expect((await screen.findByTestId('error-vat')).textContent).toBe(
      'Thuế suất GTGT là số phần trăm, tối đa 2 chữ số thập phân (ví dụ 5 hoặc 2,5).',
    );
    expect(screen.getByTestId('tiers-error').textContent).toBe('Bậc 2: Nhập đơn giá (đồng/m3).');
    expect(sent).toEqual([]);
    expect(onSaved).not.toHaveBeenCalled();

    await user.clear(vat);
    await user.type(vat, '5');
    await user.type(screen.getByLabelText('Đơn giá bậc 2'), '8000');
    await user.click(screen.getByTestId('dialog-save'));
    expect((await screen.findByTestId('error-effectiveFrom')).textContent).toBe(
      'Loại dịch vụ này đã có bảng giá hiệu lực từ ngày đó.',
    );
    expect(sent).toEqual([]);
  });

  it('sends a new version with the copied tiers, a tier added before the unlimited one', async () => {
    const { user, sent, onSaved } = renderDialog();
    const date = screen.getByTestId('field-effectiveFrom');
    await user.clear(date);
    await user.type(date, '2026-12-01');
    await user.click(screen.getByTestId('version-add-tier'));
    await user.type(screen.getByLabelText('Giới hạn bậc 2'), '20');
    await user.type(screen.getByLabelText('Đơn giá bậc 2'), '6500');
    await user.click(screen.getByTestId('dialog-save'));

    await waitFor(() =>
      expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ id: 3, effectiveFrom: '2026-12-01' })),
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]!.variables.input).toMatchObject({
      serviceTypeId: 2,
      effectiveFrom: '2026-12-01',
      basis: 'household',
      vatRateBp: 500,
      environmentFeeBp: 1000,
      note: null,
      tiers: [
        { upTo: 10, unitPrice: 5973 },
        { upTo: 20, unitPrice: 6500 },
        { upTo: null, unitPrice: 7052 },
      ],
    });
  });
});
