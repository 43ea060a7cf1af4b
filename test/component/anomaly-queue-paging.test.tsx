// @vitest-environment jsdom
import { Client, cacheExchange, fetchExchange, Provider } from 'urql';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AnomalyQueueScreen } from '@/components/readings/anomaly-queue-screen';

beforeAll(() => {
  // jsdom has no layout: the grid measures its viewport through ResizeObserver, which jsdom lacks.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterEach(cleanup);

const PERIOD = '2026-04';

function reading(id: number) {
  return {
    __typename: 'Reading',
    id,
    period: PERIOD,
    bookId: 1,
    bookCode: 'S01',
    customerId: id,
    customerCode: `KH0${id}`,
    customerName: `Khách hàng ${id}`,
    address: `${id} Linh Lang`,
    sequenceNo: id * 10,
    meterSerial: `SR${id}`,
    previousIndex: 100,
    currentIndex: 900,
    consumption: 800,
    code: 'normal',
    codeLabel: 'Bình thường',
    anomalies: ['high'],
    anomalyLabels: ['Tiêu thụ cao bất thường'],
    anomalyStatus: 'OPEN',
    note: null,
    enteredAt: '2026-04-20T08:00:00.000Z',
  };
}

interface Sent {
  operationName: string;
  variables: Record<string, unknown>;
}

/**
 * The API as the screen sees it: five open anomalies served two to a page (the server picks the page size; the
 * screen only follows pageInfo), and resolveAnomalies clearing rows out of the queue.
 */
function apiClient(sent: Sent[]) {
  let open = [1, 2, 3, 4, 5];
  const answer = (op: Sent): unknown => {
    switch (op.operationName) {
      case 'ReadingBooks':
        return { readingBooks: { __typename: 'ReadingBookPage', total: 0, rows: [] } };
      case 'AnomalyQueue': {
        const after = op.variables.after as string | null;
        const from = after === null ? 0 : open.findIndex((id) => id > Number(after));
        const rows = from < 0 ? [] : open.slice(from, from + 2);
        const hasNextPage = from >= 0 && from + 2 < open.length;
        return {
          anomalyQueue: {
            __typename: 'AnomalyQueuePage',
            total: open.length,
            pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: rows.length ? String(rows.at(-1)) : null },
            rows: rows.map(reading),
          },
        };
      }
      case 'ReadingHistory':
        return { readingHistory: [] };
      case 'ResolveAnomalies': {
        const ids = op.variables.readingIds as number[];
        open = open.filter((id) => !ids.includes(id));
        return { resolveAnomalies: ids.length };
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

async function openQueue(sent: Sent[]) {
  const user = userEvent.setup();
  render(
    <Provider value={apiClient(sent)}>
      <AnomalyQueueScreen editableBooks={null} initialPeriod={PERIOD} initialBookId={null} />
    </Provider>,
  );
  await screen.findByRole('button', { name: /Tải thêm \(2 \/ 5\)/ });
  return user;
}

const queueAfters = (sent: Sent[]) =>
  sent.filter((s) => s.operationName === 'AnomalyQueue').map((s) => s.variables.after ?? null);

describe('anomaly queue paging', () => {
  it('"Tải thêm" fetches the page after the last one loaded and shows the pages together', async () => {
    const sent: Sent[] = [];
    const user = await openQueue(sent);
    await user.click(screen.getByRole('button', { name: /Tải thêm/ }));
    await screen.findByRole('button', { name: /Tải thêm \(4 \/ 5\)/ });
    await user.click(screen.getByRole('button', { name: /Tải thêm/ }));
    // The last page: every row is loaded, so the button goes.
    await waitFor(() => expect(screen.queryByRole('button', { name: /Tải thêm/ })).toBeNull());
    expect(queueAfters(sent)).toEqual([null, '2', '4']);
    expect(screen.getByTestId('queue-count').textContent).toMatch(/^5 chỉ số chờ duyệt/);
    // The grid holds the three pages: five rows and its header row.
    expect(screen.getByRole('grid').getAttribute('aria-rowcount')).toBe('6');
  });

  it('resolving re-runs every loaded page, and the pages after a moved cursor follow it', async () => {
    const sent: Sent[] = [];
    const user = await openQueue(sent);
    await user.click(screen.getByRole('button', { name: /Tải thêm/ }));
    await screen.findByRole('button', { name: /Tải thêm \(4 \/ 5\)/ });
    // The first row is selected when the queue opens; F2 clears it after the confirmation.
    expect(within(screen.getByTestId('anomaly-detail')).getByText(/KH01/)).toBeTruthy();
    await user.keyboard('{F2}');
    await user.click(await screen.findByRole('button', { name: 'Duyệt' }));
    // KH01 left the queue: page one now ends at KH03, so page two restarts after it and brings KH04 and KH05.
    await waitFor(() => expect(screen.getByTestId('queue-count').textContent).toMatch(/^4 chỉ số chờ duyệt/));
    await waitFor(() => expect(screen.queryByRole('button', { name: /Tải thêm/ })).toBeNull());
    expect(queueAfters(sent).slice(2)).toEqual(expect.arrayContaining([null, '3']));
    expect(queueAfters(sent).at(-1)).toBe('3');
    // Both pages stay loaded (KH02 to KH05), not only the first one.
    expect(screen.getByRole('grid').getAttribute('aria-rowcount')).toBe('5');
  });
});
