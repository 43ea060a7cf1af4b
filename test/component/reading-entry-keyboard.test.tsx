// @vitest-environment jsdom
import { Client, cacheExchange, fetchExchange, Provider } from 'urql';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ReadingsScreen } from '@/components/readings/readings-screen';
import { currentPeriod } from '@/components/readings/format';

beforeAll(() => {
  // jsdom has no layout: the grid measures its viewport through ResizeObserver, which jsdom lacks.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterEach(cleanup);

const PERIOD = currentPeriod();

function sheetRow(i: number) {
  return {
    __typename: 'ReadingSheetRow',
    key: `${i}:${i}`,
    customerId: i,
    customerCode: `KH0${i}`,
    customerName: `Khách hàng ${i}`,
    address: `${i} Linh Lang`,
    sequenceNo: i * 10,
    meterId: i,
    meterSerial: `SR${i}`,
    meterMaxIndex: 99_999,
    isOutgoingMeter: false,
    readingId: null,
    previousIndex: 100 * i,
    currentIndex: null,
    suggestedCurrentIndex: null,
    fixedCurrentIndex: null,
    consumption: null,
    code: 'normal',
    isEstimated: false,
    anomalies: [],
    anomalyStatus: 'NONE',
    average3: 10,
    recentConsumptions: [10, 10, 10],
    estimatedPending: 0,
    notices: [],
    note: null,
    version: null,
  };
}
const ROWS = [1, 2, 3].map(sheetRow);

interface Sent {
  operationName: string;
  variables: Record<string, unknown>;
}

/**
 * The API as the screen sees it, behind urql's own fetch exchange: the books, the sheet, an empty history, and
 * saveReading answering with the saved row. Every operation the screen sends is recorded.
 */
function apiClient(sent: Sent[]): Client {
  const answer = (op: Sent): unknown => {
    switch (op.operationName) {
      case 'ReadingBooks':
        return {
          readingBooks: {
            __typename: 'ReadingBookPage',
            total: 1,
            rows: [
              { __typename: 'ReadingBook', id: 1, code: 'S01', name: 'Sổ 01', routeName: 'T01', branchName: 'Ba Đình' },
            ],
          },
        };
      case 'ReadingSheet':
        return {
          readingSheet: {
            __typename: 'ReadingSheet',
            bookId: 1,
            period: op.variables.period,
            highFactorPct: 151,
            lowFactorPct: 51,
            total: 3,
            read: 0,
            unread: 3,
            anomalies: 0,
            openAnomalies: 0,
            lock: { __typename: 'PeriodLockState', isLocked: false, explicit: false, implicit: false, message: null },
            rows: ROWS,
          },
        };
      case 'ReadingHistory':
        return { readingHistory: [] };
      case 'SaveReading': {
        const input = op.variables.input as { customerId: number; currentIndex: number };
        const row = ROWS.find((r) => r.customerId === input.customerId)!;
        return {
          saveReading: {
            ...row,
            readingId: 1000 + row.customerId,
            currentIndex: input.currentIndex,
            consumption: input.currentIndex - row.previousIndex,
            version: 1,
          },
        };
      }
      default:
        throw new Error(`unexpected operation ${op.operationName}`);
    }
  };
  const fakeFetch: typeof fetch = async (_url, init) => {
    const body = JSON.parse(String(init?.body)) as Sent;
    sent.push(body);
    return new Response(JSON.stringify({ data: answer(body) }), { headers: { 'content-type': 'application/json' } });
  };
  return new Client({
    url: 'http://test/api/graphql',
    exchanges: [cacheExchange, fetchExchange],
    fetch: fakeFetch,
    preferGetMethod: false,
  });
}

async function openSheet(sent: Sent[] = []) {
  const user = userEvent.setup();
  render(
    <Provider value={apiClient(sent)}>
      <ReadingsScreen
        rights={{ isAdmin: true, books: {} }}
        initialBookId={1}
        initialPeriod={null}
        initialCustomer={null}
      />
    </Provider>,
  );
  // The sheet opens with the cursor in the first row not read yet.
  const first = await screen.findByTestId('reading-input-KH01');
  await waitFor(() => expect(document.activeElement).toBe(first));
  return { user, sent };
}

const input = (code: string) => screen.getByTestId(`reading-input-${code}`) as HTMLInputElement;
const saves = (sent: Sent[]) => sent.filter((s) => s.operationName === 'SaveReading').map((s) => s.variables.input);

describe('reading entry keyboard', () => {
  it('typing an index shows its m3 at once, before anything is saved', async () => {
    const { user, sent } = await openSheet();
    await user.keyboard('112');
    expect(input('KH01').value).toBe('112');
    expect(screen.getByTestId('consumption-KH01').textContent).toContain('12');
    expect(screen.getByTestId('save-status').getAttribute('data-state')).toBe('dirty');
    expect(saves(sent)).toEqual([]);
  });

  it('Enter saves the row and moves to the next row', async () => {
    const { user, sent } = await openSheet();
    await user.keyboard('115{Enter}');
    expect(document.activeElement).toBe(input('KH02'));
    await waitFor(() => expect(screen.getByTestId('row-status-KH01').getAttribute('data-state')).toBe('saved'));
    expect(saves(sent)).toEqual([
      expect.objectContaining({ customerId: 1, period: PERIOD, meterId: 1, currentIndex: 115, code: 'normal' }),
    ]);
    // The typed row keeps the server's answer: its index and m3.
    expect(input('KH01').value).toBe('115');
    expect(screen.getByTestId('consumption-KH01').textContent).toContain('15');
  });

  it('arrows move between rows; a typed row is saved on the way, an untouched one is not', async () => {
    const { user, sent } = await openSheet();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(input('KH02'));
    expect(saves(sent)).toEqual([]);
    await user.keyboard('208{ArrowDown}');
    expect(document.activeElement).toBe(input('KH03'));
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(input('KH01'));
    await waitFor(() => expect(saves(sent)).toEqual([expect.objectContaining({ customerId: 2, currentIndex: 208 })]));
  });

  it('Escape takes the typed value back and saves nothing', async () => {
    const { user, sent } = await openSheet();
    await user.keyboard('999');
    expect(screen.getByTestId('save-status').getAttribute('data-state')).toBe('dirty');
    await user.keyboard('{Escape}');
    expect(input('KH01').value).toBe('');
    expect(screen.getByTestId('save-status').getAttribute('data-state')).toBe('idle');
    // Moving on after Escape saves nothing: the row holds nothing typed.
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(input('KH02'));
    expect(saves(sent)).toEqual([]);
  });
});
