// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportRights } from '@/components/reports/report-rights';
import { ReportsScreen } from '@/components/reports/reports-screen';
import { BarChart, niceCeiling } from '@/components/ui/bar-chart';
import { fakeApiClient, type FakeAnswer, type SentOperation } from '@/test/helpers/fake-api';

afterEach(cleanup);

const ALL = { access: true, print: true, export: true };
const VIEW = { access: true, print: false, export: false };
const TODAY = '2026-06-30';

const row = (id: number, code: string, ages: [number, number, number, number]) => ({
  __typename: 'DebtReportRow',
  id,
  code,
  name: `Sổ ${code}`,
  parentCode: 'T1',
  customers: 2,
  invoices: 3,
  days0To30: ages[0],
  days31To60: ages[1],
  days61To90: ages[2],
  over90Days: ages[3],
  total: ages.reduce((s, v) => s + v, 0),
});

const DEBT = {
  __typename: 'DebtReport',
  asOf: TODAY,
  groupBy: 'BOOK',
  rows: [row(1, 'S01', [330_000, 286_000, 30_000, 40_000]), row(2, 'S02', [99_000, 0, 1_234_567, 0])],
  totals: {
    __typename: 'DebtReportTotals',
    customers: 4,
    invoices: 6,
    days0To30: 429_000,
    days31To60: 286_000,
    days61To90: 1_264_567,
    over90Days: 40_000,
    total: 2_019_567,
  },
};

const amounts = (paid: number, reversed: number) => ({
  paymentCount: paid ? 1 : 0,
  paymentAmount: paid,
  reversalCount: reversed ? 1 : 0,
  reversalAmount: reversed,
  netAmount: paid - reversed,
});

function collections(groupBy: string, from: string, to: string) {
  const rows =
    groupBy === 'COLLECTOR'
      ? [
          { key: '9', label: 'Trần Văn Thu (thungan1)', ...amounts(91_000, 66_000) },
          { key: '', label: 'Không qua thu ngân viên (quầy, đối tác, chuyển khoản)', ...amounts(78_000, 0) },
        ]
      : [
          { key: '2026-06-12', label: '12/06/2026', ...amounts(91_000, 0) },
          { key: '2026-06-13', label: '13/06/2026', ...amounts(0, 66_000) },
        ];
  return {
    __typename: 'CollectionReport',
    from,
    to,
    groupBy,
    rows: rows.map((r) => ({ __typename: 'CollectionReportRow', ...r })),
    totals: { __typename: 'CollectionReportTotals', ...amounts(169_000, 66_000) },
  };
}

const SHEET = {
  __typename: 'CollectorSettlementSheet',
  collector: { __typename: 'SettlementSheetCollector', id: 9, login: 'thungan1', fullName: 'Trần Văn Thu' },
  day: TODAY,
  recorded: 25_000,
  paymentCount: 1,
  reversedCount: 1,
  reversedAmount: 66_000,
  payments: [
    {
      __typename: 'SettlementSheetPayment',
      id: 5,
      receiptNumber: 'PT00000005',
      paidAt: '2026-06-30T01:30:00.000Z',
      customerCode: 'KH000002',
      customerName: 'Lê Thị Bình',
      bookCode: 'S01',
      amount: 25_000,
      reversed: false,
      reversalReason: null,
    },
  ],
  settlement: {
    __typename: 'SettlementSheetSettlement',
    recorded: 25_000,
    paymentCount: 1,
    handedIn: 20_000,
    difference: -5_000,
    note: null,
    confirmedBy: 'Nguyễn Thủ Quỹ',
    confirmedAt: '2026-06-30T10:00:00.000Z',
  },
};

function renderScreen(rights: ReportRights, answer: (op: SentOperation) => FakeAnswer) {
  const sent: SentOperation[] = [];
  render(
    <Provider value={fakeApiClient(sent, answer)}>
      <ReportsScreen rights={rights} today={TODAY} initialTab="debt" />
    </Provider>,
  );
  return { user: userEvent.setup(), sent };
}

const answerAll = (op: SentOperation): FakeAnswer => {
  if (op.operationName === 'DebtReport') return { data: { debtReport: DEBT } };
  if (op.operationName === 'CollectionReport')
    return {
      data: {
        collectionReport: collections(String(op.variables.groupBy), String(op.variables.from), String(op.variables.to)),
      },
    };
  return { data: { collectorSettlementSheet: SHEET } };
};

describe('payment reports screen', () => {
  it('opens on the debt report of today: chart stacked by age, table and totals as 1.234.567, file links', async () => {
    const { sent } = renderScreen({ debt: ALL, collection: ALL }, answerAll);
    const table = await screen.findByTestId('debt-table');
    expect(sent[0]).toMatchObject({ operationName: 'DebtReport', variables: { asOf: TODAY, groupBy: 'BOOK' } });
    expect(within(table).getByText('1.234.567')).toBeTruthy();
    expect(screen.getByTestId('debt-total').textContent).toBe('2.019.567');
    // Two books, each with its non-zero age buckets stacked.
    const chart = screen.getByTestId('debt-chart');
    expect(chart.querySelector('svg')!.getAttribute('aria-label')).toBe(
      'Công nợ theo sổ đọc và tuổi nợ, tính đến ngày 30/06/2026',
    );
    expect([...chart.querySelectorAll('rect')].map((r) => r.getAttribute('data-series'))).toEqual([
      'days0To30',
      'days31To60',
      'days61To90',
      'over90Days',
      'days0To30',
      'days61To90',
    ]);
    expect(screen.getByTestId('report-pdf').getAttribute('href')).toBe(
      '/api/reports/debt?asOf=2026-06-30&groupBy=book&format=pdf',
    );
    expect(screen.getByTestId('report-xlsx').getAttribute('href')).toBe(
      '/api/reports/debt?asOf=2026-06-30&groupBy=book&format=xlsx',
    );
  });

  it('without the print and export rights the file buttons say why instead of linking', async () => {
    renderScreen({ debt: VIEW, collection: { access: false, print: false, export: false } }, answerAll);
    await screen.findByTestId('debt-table');
    expect(screen.queryByTestId('report-pdf')).toBeNull();
    expect(screen.getByTitle('Bạn không có quyền in báo cáo này.').textContent).toBe('In PDF');
    expect(screen.getByTitle('Bạn không có quyền xuất báo cáo này ra Excel.').textContent).toBe('Xuất Excel');
    // Only the tab the user may open is offered.
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Công nợ (Alt+1)']);
  });

  it('shows the empty and the error states', async () => {
    renderScreen({ debt: ALL, collection: ALL }, () => ({
      data: { debtReport: { ...DEBT, rows: [], totals: { ...DEBT.totals, total: 0 } } },
    }));
    expect((await screen.findByTestId('report-empty')).textContent).toContain('Không có khoản nợ nào');
    cleanup();
    renderScreen({ debt: ALL, collection: ALL }, () => ({
      errors: [{ message: 'Bạn không có quyền xem báo cáo công nợ.', extensions: { code: 'FORBIDDEN' } }],
    }));
    expect((await screen.findByTestId('report-error')).textContent).toContain(
      'Bạn không có quyền xem báo cáo công nợ.',
    );
  });

  it('says so when the user may read no report at all', () => {
    const none = { access: false, print: false, export: false };
    renderScreen({ debt: none, collection: none }, answerAll);
    expect(screen.getByText('Bạn chưa có quyền xem báo cáo công nợ, thu tiền')).toBeTruthy();
  });

  it('Alt+2 opens collections of this month by day: bars up for money in, down for reversals', async () => {
    const { user, sent } = renderScreen({ debt: ALL, collection: ALL }, answerAll);
    await screen.findByTestId('debt-table');
    await user.keyboard('{Alt>}2{/Alt}');
    const table = await screen.findByTestId('collections-table');
    expect(screen.getByRole('tab', { selected: true }).textContent).toContain('Thu tiền');
    expect(sent.at(-1)).toMatchObject({
      operationName: 'CollectionReport',
      variables: { from: '2026-06-01', to: TODAY, groupBy: 'DAY' },
    });
    expect(within(table).getByText('-66.000')).toBeTruthy();
    expect(screen.getByTestId('collections-net').textContent).toBe('103.000');
    const bars = [...screen.getByTestId('collections-chart').querySelectorAll('rect')];
    expect(bars.map((b) => b.getAttribute('data-series'))).toEqual(['paid', 'reversed']);
    expect(screen.getAllByTestId('report-pdf').at(-1)!.getAttribute('href')).toBe(
      '/api/reports/collections?from=2026-06-01&to=2026-06-30&groupBy=day&format=pdf',
    );
  });

  it('refuses a range that ends before it starts without asking the server', async () => {
    const { user, sent } = renderScreen({ debt: ALL, collection: ALL }, answerAll);
    await user.click(await screen.findByTestId('report-tab-collections'));
    await screen.findByTestId('collections-table');
    const before = sent.length;
    const to = screen.getByTestId('field-collections-to') as HTMLInputElement;
    await user.clear(to);
    await user.type(to, '2026-05-01');
    expect(await screen.findByText('Ngày cuối phải sau hoặc bằng ngày đầu.')).toBeTruthy();
    expect(sent.slice(before).filter((op) => op.variables.to === '2026-05-01')).toEqual([]);
  });

  it('the settlement tab offers the day’s collectors and shows the sheet with the difference', async () => {
    const { user, sent } = renderScreen({ debt: ALL, collection: ALL }, answerAll);
    await screen.findByTestId('debt-table');
    await user.keyboard('{Alt>}3{/Alt}');
    const sheet = await screen.findByTestId('settlement-sheet');
    const collector = screen.getByTestId('field-settlement-collector') as HTMLSelectElement;
    expect([...collector.options].map((o) => [o.value, o.text])).toEqual([['9', 'Trần Văn Thu (thungan1)']]);
    await waitFor(() =>
      expect(sent.some((op) => op.operationName === 'CollectorSettlementSheet' && op.variables.collectorId === 9)).toBe(
        true,
      ),
    );
    expect(within(sheet).getByTestId('settlement-recorded').textContent).toBe('25.000');
    expect(within(sheet).getByTestId('settlement-difference').textContent).toBe('-5.000');
    expect(within(sheet).getByText('Đã quyết toán, khóa sổ')).toBeTruthy();
    expect(within(sheet).getByText('PT00000005')).toBeTruthy();
  });
});

describe('bar chart', () => {
  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 7, 10, 11, 199, 201, 686_000, 2_019_567].map(niceCeiling)).toEqual([
      0, 10, 10, 20, 200, 500, 1_000_000, 5_000_000,
    ]);
  });

  it('draws bars in proportion, negative values below the zero line', () => {
    render(
      <BarChart
        label="Thử"
        categories={['A', 'B']}
        series={[{ key: 'x', label: 'X', color: '#000' }]}
        values={[[50], [-25]]}
        formatValue={String}
        height={130}
      />,
    );
    const [up, down] = [...document.querySelectorAll('rect')];
    // Axis 50 … −50 over 100 px (130 − 8 top − 22 labels): 50 is 50 px tall above the middle, −25 is 25 px below it.
    expect(Number(up!.getAttribute('height'))).toBeCloseTo(50);
    expect(Number(down!.getAttribute('height'))).toBeCloseTo(25);
    expect(Number(down!.getAttribute('y'))).toBeCloseTo(Number(up!.getAttribute('y')) + 50);
    expect(up!.querySelector('title')!.textContent).toBe('A – X: 50');
  });
});
