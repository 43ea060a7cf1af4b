// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_FILTER, filterFromParams, filterToParams } from '@/components/work-orders/work-order-filter-params';
import { WorkOrderFilters } from '@/components/work-orders/work-order-filters';
import { WorkOrderList, type WorkOrderListRow } from '@/components/work-orders/work-order-list';
import { WorkOrdersScreen } from '@/components/work-orders/work-orders-screen';
import { fakeApiClient, type FakeAnswer, type SentOperation } from '@/test/helpers/fake-api';

afterEach(cleanup);

const TODAY = '2026-12-10';

const row = (id: number, over: Partial<WorkOrderListRow>): WorkOrderListRow => ({
  id,
  trackingCode: `YC0000000${id}`,
  kind: 'METER_CHECK',
  status: 'RECEIVED',
  source: 'PHONE',
  applicantName: `Người yêu cầu ${id}`,
  applicantPhone: '0901234567',
  address: '12 Lê Lợi, Phường Bến Nghé',
  customerCode: `KH00${id}`,
  branchName: 'Chi nhánh Quận 1',
  teamName: null,
  receivedAt: '2026-12-01T02:00:00.000Z',
  deadline: '2026-12-06',
  ...over,
});

const ROWS = [
  row(1, { deadline: '2026-12-07' }),
  row(2, { kind: 'BILL_DISPUTE', deadline: '2026-12-10', teamName: 'Đội 1' }),
  row(3, { kind: 'RELOCATION', deadline: '2026-12-05', status: 'DONE' }),
  row(4, { kind: 'INSTALLATION', deadline: '2026-12-30', customerCode: null, source: 'PORTAL' }),
];

function renderList(over: Partial<React.ComponentProps<typeof WorkOrderList>> = {}) {
  const props = {
    rows: ROWS,
    total: 4,
    fetching: false,
    error: null,
    onRetry: vi.fn(),
    page: 1,
    hasPrevious: false,
    hasNext: true,
    onPrevious: vi.fn(),
    onNext: vi.fn(),
    today: TODAY,
    ...over,
  };
  render(<WorkOrderList {...props} />);
  return props;
}

describe('work order list', () => {
  it('shows every row with its kind, applicant, team and a link to its file', () => {
    renderList();
    const rows = screen.getAllByTestId('work-order-row');
    expect(rows.map((r) => r.dataset.trackingCode)).toEqual(['YC00000001', 'YC00000002', 'YC00000003', 'YC00000004']);
    const first = within(rows[0]!);
    expect(first.getByText('Kiểm định đồng hồ')).toBeTruthy();
    expect(first.getByText('Điện thoại')).toBeTruthy();
    expect(first.getByText('Chưa giao đội')).toBeTruthy();
    expect(first.getByTestId('work-order-link').getAttribute('href')).toBe('/work-orders/1');
    expect(within(rows[1]!).getByText('Khiếu nại hóa đơn')).toBeTruthy();
    expect(within(rows[1]!).getByText('Đội 1')).toBeTruthy();
    expect(within(rows[3]!).getByText('Cổng trực tuyến')).toBeTruthy();
    // 02:00 UTC is 09:00 in Vietnam.
    expect(within(rows[0]!).getByText('01/12/2026 09:00')).toBeTruthy();
  });

  it('paints an open request past its deadline red and says so; today and closed ones are not overdue', () => {
    renderList();
    const deadlines = screen.getAllByTestId('work-order-deadline');
    expect(deadlines.map((d) => d.dataset.overdue)).toEqual(['true', 'false', 'false', 'false']);
    expect(deadlines[0]!.className).toContain('text-red-700');
    expect(deadlines[0]!.textContent).toBe('Quá hạn: 07/12/2026 · quá hạn 3 ngày');
    expect(deadlines[1]!.textContent).toBe('10/12/2026 · hạn hôm nay');
    // Done on time or late, a closed request shows its date only.
    expect(deadlines[2]!.textContent).toBe('05/12/2026');
    expect(deadlines[3]!.textContent).toBe('30/12/2026 · còn 20 ngày');
    expect(screen.getAllByTestId('work-order-row')[0]!.dataset.overdue).toBe('true');
  });

  it('pages with the buttons and shows the total', async () => {
    const props = renderList({ page: 2, hasPrevious: true, hasNext: false });
    expect(screen.getByTestId('work-order-total').textContent).toBe('4 phiếu · trang 2');
    expect((screen.getByTestId('page-next') as HTMLButtonElement).disabled).toBe(true);
    await userEvent.setup().click(screen.getByTestId('page-previous'));
    expect(props.onPrevious).toHaveBeenCalledTimes(1);
  });

  it('has a loading, an empty and an error state', async () => {
    renderList({ rows: null });
    expect(screen.getByRole('status').textContent).toContain('Đang tải phiếu yêu cầu');
    cleanup();
    renderList({ rows: [], emptyAction: <button type="button">Tiếp nhận yêu cầu</button> });
    expect(screen.getByTestId('work-orders-empty').textContent).toContain('Không có phiếu yêu cầu nào');
    expect(screen.getByText('Tiếp nhận yêu cầu')).toBeTruthy();
    cleanup();
    const props = renderList({ rows: null, error: 'Bạn không có quyền xem phiếu yêu cầu.' });
    expect(screen.getByRole('alert').textContent).toContain('Bạn không có quyền xem phiếu yêu cầu.');
    await userEvent.setup().click(screen.getByText('Thử lại'));
    expect(props.onRetry).toHaveBeenCalled();
  });
});

describe('work order filters', () => {
  it('changes status, kind, branch and overdue at once, and the search after typing stops', async () => {
    const onChange = vi.fn();
    render(
      <WorkOrderFilters
        value={EMPTY_FILTER}
        onChange={onChange}
        branches={[
          { id: 1, name: 'Chi nhánh Quận 1' },
          { id: 2, name: 'Chi nhánh Quận 3' },
        ]}
      />,
    );
    const user = userEvent.setup();
    await user.selectOptions(screen.getByTestId('filter-status'), 'IN_PROGRESS');
    expect(onChange).toHaveBeenLastCalledWith({ ...EMPTY_FILTER, status: 'IN_PROGRESS' });
    await user.selectOptions(screen.getByTestId('filter-kind'), 'BILL_DISPUTE');
    expect(onChange).toHaveBeenLastCalledWith({ ...EMPTY_FILTER, kind: 'BILL_DISPUTE' });
    await user.selectOptions(screen.getByTestId('filter-branch'), '2');
    expect(onChange).toHaveBeenLastCalledWith({ ...EMPTY_FILTER, branchId: 2 });
    await user.click(screen.getByTestId('filter-overdue'));
    expect(onChange).toHaveBeenLastCalledWith({ ...EMPTY_FILTER, overdueOnly: true });
    onChange.mockClear();
    await user.type(screen.getByTestId('filter-search'), ' YC12 ');
    await waitFor(() => expect(onChange).toHaveBeenCalledWith({ ...EMPTY_FILTER, search: 'YC12' }));
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('hides the branch filter for a user of one branch', () => {
    render(<WorkOrderFilters value={EMPTY_FILTER} onChange={() => {}} branches={[{ id: 1, name: 'CN1' }]} />);
    expect(screen.queryByTestId('filter-branch')).toBeNull();
  });

  it('round-trips through the address bar (?overdue=1 opens the overdue list)', () => {
    const f = filterFromParams((k) => new URLSearchParams('overdue=1&kind=LEAK_REPORT&branch=3&q=Lê').get(k));
    expect(f).toEqual({ status: null, kind: 'LEAK_REPORT', branchId: 3, overdueOnly: true, search: 'Lê' });
    expect(filterToParams(f).toString()).toBe('kind=LEAK_REPORT&branch=3&overdue=1&q=L%C3%AA');
    expect(filterToParams(EMPTY_FILTER).toString()).toBe('');
  });
});

const routerPush = vi.fn();
vi.mock('next/navigation', () => ({
  useRouter: () => ({ push: routerPush }),
  usePathname: () => '/work-orders',
}));

const ALL_RIGHTS = { access: true, add: true, edit: true, delete: true, print: true };
const NONE = { access: true, add: false, edit: false, delete: false, print: false };

const apiRow = (r: WorkOrderListRow) => ({
  __typename: 'WorkOrder',
  customerId: r.customerCode ? 100 + r.id : null,
  overdue: false,
  ...r,
});

function answerScreen(op: SentOperation): FakeAnswer {
  switch (op.operationName) {
    case 'WorkOrders':
      return {
        data: {
          workOrders: {
            __typename: 'WorkOrderPage',
            rows: (op.variables.after ? [row(9, {})] : ROWS).map(apiRow),
            pageInfo: {
              __typename: 'PageInfo',
              endCursor: op.variables.after ? null : 'c1',
              hasNextPage: !op.variables.after,
            },
          },
        },
      };
    case 'WorkOrderCounts':
      return {
        data: {
          workOrderCounts: [
            { __typename: 'WorkOrderCount', kind: 'METER_CHECK', open: 3, overdue: 1 },
            { __typename: 'WorkOrderCount', kind: 'BILL_DISPUTE', open: 2, overdue: 0 },
          ],
        },
      };
    case 'WorkOrderCatalogs': {
      const page = (t: string, rows: object[]) => ({
        __typename: `${t}Page`,
        rows: rows.map((r) => ({ __typename: t, ...r })),
      });
      return {
        data: {
          branches: page('Branch', [{ id: 1, name: 'CN Ba Đình' }]),
          wards: page('Ward', [{ id: 4, name: 'Phường Kim Mã', district: 'Ba Đình' }]),
          serviceTypes: page('ServiceType', [{ id: 1, code: 'SH', name: 'Sinh hoạt' }]),
          complaintKinds: page('ComplaintKind', [{ id: 2, code: 'DH', name: 'Đồng hồ chạy sai' }]),
          installationTeams: page('InstallationTeam', [{ id: 1, code: 'DTC01', name: 'Đội 1' }]),
          meterTypes: page('MeterType', [{ id: 1, code: 'DN15', name: 'Đồng hồ DN15' }]),
          readingBooks: page('ReadingBook', [{ id: 3, code: 'S03', name: 'Sổ 03' }]),
        },
      };
    }
    case 'SearchCustomers':
      return {
        data: {
          searchCustomers: [
            {
              __typename: 'Customer',
              id: 501,
              code: 'KH0000501',
              bookId: 3,
              sequenceNo: 12,
              name: 'Trần Thị Mai',
              address: '25 Kim Mã, Ba Đình',
              phone: '0987654321',
              version: 1,
              bookCode: 'S03',
              meterSerial: 'DH123',
              inCurrentBook: false,
            },
          ],
        },
      };
    case 'CreateWorkOrder':
      return { data: { createWorkOrder: { __typename: 'WorkOrder', id: 77, trackingCode: 'YC7K3M9P2Q' } } };
    default:
      return { errors: [{ message: `unexpected ${op.operationName}` }] };
  }
}

function renderScreen(rights = { installations: ALL_RIGHTS, complaints: ALL_RIGHTS }, filter = EMPTY_FILTER) {
  const sent: SentOperation[] = [];
  render(
    <Provider value={fakeApiClient(sent, answerScreen)}>
      <WorkOrdersScreen rights={rights} initialFilter={filter} />
    </Provider>,
  );
  return { user: userEvent.setup(), sent };
}

describe('work orders screen (fake API)', () => {
  afterEach(() => {
    routerPush.mockReset();
    window.history.replaceState(null, '', '/');
  });

  it('lists the first page with the counts per kind, pages on, and filters by a count', async () => {
    const { user, sent } = renderScreen();
    await screen.findAllByTestId('work-order-row');
    expect(screen.getByTestId('count-METER_CHECK').textContent).toBe('Kiểm định đồng hồ: 3 (1 quá hạn)');
    expect(screen.getByTestId('overdue-count').textContent).toBe('1');
    const first = sent.find((o) => o.operationName === 'WorkOrders')!;
    expect(first.variables).toEqual({
      first: 50,
      after: null,
      filter: { statuses: null, kinds: null, branchId: null, overdueOnly: null, search: null },
    });

    await user.click(screen.getByTestId('page-next'));
    await waitFor(() => expect(screen.getAllByTestId('work-order-row').map((r) => r.dataset.id)).toEqual(['9']));
    expect(sent.at(-1)!.variables.after).toBe('c1');
    expect(screen.getByTestId('work-order-total').textContent).toBe('Trang 2 · 1 phiếu');

    await user.click(screen.getByTestId('count-BILL_DISPUTE'));
    await waitFor(() =>
      expect(sent.at(-1)!.variables).toMatchObject({ after: null, filter: { kinds: ['BILL_DISPUTE'] } }),
    );
    expect(window.location.search).toBe('?kind=BILL_DISPUTE');

    await user.click(screen.getByTestId('tab-overdue'));
    await waitFor(() => expect(sent.at(-1)!.variables).toMatchObject({ filter: { overdueOnly: true } }));
    expect(window.location.search).toBe('?kind=BILL_DISPUTE&overdue=1');
  });

  it('takes a phone request for an existing customer with F4 and Alt+S, then opens it', async () => {
    const { user, sent } = renderScreen();
    await screen.findAllByTestId('work-order-row');
    await user.keyboard('{F4}');
    const dialog = await screen.findByTestId('intake-dialog');
    await user.selectOptions(within(dialog).getByTestId('field-kind'), 'METER_CHECK');
    await user.type(within(dialog).getByTestId('field-description'), 'Đồng hồ quay khi không dùng nước');

    // Without a customer nothing is sent, and the picker says why.
    await user.keyboard('{Alt>}s{/Alt}');
    expect((await within(dialog).findByTestId('error-customerId')).textContent).toBe('Chọn khách hàng của yêu cầu.');
    expect(sent.some((o) => o.operationName === 'CreateWorkOrder')).toBe(false);

    await user.type(within(dialog).getByTestId('customer-search'), 'Mai');
    await user.click(await within(dialog).findByTestId('customer-hit'));
    expect(within(dialog).getByTestId('picked-customer').dataset.customerId).toBe('501');
    // The customer on file fills the caller.
    expect((within(dialog).getByTestId('field-applicantName') as HTMLInputElement).value).toBe('Trần Thị Mai');
    expect((within(dialog).getByTestId('field-applicantPhone') as HTMLInputElement).value).toBe('0987654321');
    await user.keyboard('{Alt>}s{/Alt}');

    await waitFor(() => expect(routerPush).toHaveBeenCalledWith('/work-orders/77'));
    const create = sent.find((o) => o.operationName === 'CreateWorkOrder')!;
    expect(create.variables.input).toMatchObject({
      kind: 'METER_CHECK',
      source: 'PHONE',
      customerId: 501,
      applicantName: 'Trần Thị Mai',
      applicantPhone: '0987654321',
      description: 'Đồng hồ quay khi không dùng nước',
      address: '25 Kim Mã, Ba Đình',
      households: null,
    });
    expect(String((create.variables.input as { idempotencyKey: string }).idempotencyKey)).toMatch(
      /^staff-[0-9a-f-]{36}$/,
    );
    expect((await screen.findByTestId('toast-success')).textContent).toBe('Đã tiếp nhận yêu cầu YC7K3M9P2Q.');
  });

  it('offers no intake to a user without the add right', async () => {
    renderScreen({ installations: NONE, complaints: NONE });
    await screen.findAllByTestId('work-order-row');
    expect((screen.getByTestId('intake-open') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('read-only-badge')).toBeTruthy();
    await userEvent.setup().keyboard('{F4}');
    expect(screen.queryByTestId('intake-dialog')).toBeNull();
  });
});
