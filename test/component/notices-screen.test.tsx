// @vitest-environment jsdom
import { Provider } from 'urql';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NoticesScreen } from '@/components/notices/notices-screen';
import { fakeApiClient, type FakeAnswer, type SentOperation } from '@/test/helpers/fake-api';

beforeAll(() => {
  // jsdom has no layout: the grid measures its viewport through ResizeObserver, which jsdom lacks.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterEach(cleanup);

type Sent = SentOperation;

function message(id: number, status: string, channel: string, lastError: string | null = null) {
  return {
    __typename: 'NoticeMessage',
    id,
    channel,
    template: 'BILL',
    customerId: 7,
    customerCode: 'KH000123',
    customerName: 'Nguyễn Thị Hoa',
    period: '2026-11',
    recipient: channel === 'EMAIL' ? 'hoa@example.vn' : '0912345678',
    status,
    attempts: 1,
    lastError,
    providerMessageId: null,
    createdAt: '2026-11-30T02:00:00.000Z',
    sentAt: status === 'SENT' ? '2026-11-30T02:01:00.000Z' : null,
  };
}

/** The API as the screen sees it: three bill notices (one failed), their run's stats, two templates. */
function apiClient(sent: Sent[]) {
  const messages = [
    message(1, 'SENT', 'EMAIL'),
    message(2, 'FAILED', 'SMS', 'SMS 500 Provider unavailable'),
    message(3, 'SKIPPED', 'ZNS', 'Khách hàng đã từ chối nhận thông báo qua kênh này.'),
  ];
  let reminded = false;
  const answer = (op: Sent): FakeAnswer => {
    const v = op.variables;
    switch (op.operationName) {
      case 'NoticeMessages': {
        const filter = (v.filter ?? {}) as { status?: string | null; channel?: string | null };
        const rows = messages.filter(
          (m) => (!filter.status || m.status === filter.status) && (!filter.channel || m.channel === filter.channel),
        );
        return {
          data: {
            messages: {
              __typename: 'NoticeMessagePage',
              totalCount: rows.length,
              pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
              rows,
            },
          },
        };
      }
      case 'MessageRunStats':
        return {
          data: {
            messageRunStats: {
              __typename: 'MessageRunStats',
              period: (v.period as string | null) ?? '2026-11',
              messageCount: 40,
              sent: 38,
              failed: 2,
              skipped: 0,
              pending: 0,
              deliveryRate: 0.95,
            },
          },
        };
      case 'NoticeTemplates':
        return {
          data: {
            noticeTemplates: [
              {
                __typename: 'NoticeTemplate',
                id: 'BILL',
                title: 'Thông báo tiền nước',
                hasZns: true,
                znsTemplateId: '1',
              },
              {
                __typename: 'NoticeTemplate',
                id: 'DISCONNECTION',
                title: 'Thông báo ngừng cấp nước do chưa thanh toán',
                hasZns: false,
                znsTemplateId: null,
              },
            ],
          },
        };
      case 'PreviewNotice':
        return {
          data: {
            previewNotice: {
              __typename: 'NoticePreview',
              template: v.template,
              subject: 'Thông báo ngừng cấp nước — KH0000123',
              html: '<html><body><p>Kính gửi quý khách Nguyễn Thị Hoa</p></body></html>',
              text: 'Kính gửi quý khách Nguyễn Thị Hoa',
              sms: 'Cap nuoc: ngung cap nuoc sau 04/01/2027',
              zns: null,
              znsTemplateId: null,
            },
          },
        };
      case 'ResendMessage': {
        const m = messages.find((x) => x.id === v.id)!;
        Object.assign(m, { status: 'QUEUED', attempts: 0, lastError: null });
        return {
          data: {
            resendMessage: { __typename: 'NoticeMessage', id: m.id, status: m.status, attempts: 0, lastError: null },
          },
        };
      }
      case 'QueueOverdueReminders': {
        const n = reminded ? 0 : 2;
        reminded = true;
        return { data: { queueOverdueReminders: n } };
      }
      default:
        throw new Error(`unexpected operation ${op.operationName}`);
    }
  };
  return fakeApiClient(sent, answer);
}

async function openScreen(sent: Sent[], rights = { canResend: true, canQueueReminders: true }) {
  const user = userEvent.setup();
  render(
    <Provider value={apiClient(sent)}>
      <NoticesScreen {...rights} />
    </Provider>,
  );
  await waitFor(() => expect(screen.getByText('3 thông báo')).toBeTruthy());
  return user;
}

const sentOf = (sent: Sent[], name: string) => sent.filter((s) => s.operationName === name);
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

describe('notices screen', () => {
  it('shows the last run’s delivery rate and the messages', async () => {
    const sent: Sent[] = [];
    await openScreen(sent);
    await waitFor(() => expect(screen.getByTestId('delivery-rate').textContent).toBe('95.0 %'));
    expect(screen.getByText('SMS 500 Provider unavailable')).toBeTruthy();
    expect(sentOf(sent, 'MessageRunStats')[0]!.variables).toEqual({ period: null });
  });

  it('filters by period, status and channel when “Lọc” is pressed', async () => {
    const sent: Sent[] = [];
    const user = await openScreen(sent);
    await user.type(screen.getByPlaceholderText('2026-11'), '2026-11');
    await user.selectOptions(screen.getByLabelText('Trạng thái'), 'FAILED');
    await user.selectOptions(screen.getByLabelText('Kênh'), 'SMS');
    // Nothing is asked until the filter is applied.
    expect(sentOf(sent, 'NoticeMessages')).toHaveLength(1);
    await user.click(button('Lọc'));
    await waitFor(() => expect(screen.getByText('1 thông báo')).toBeTruthy());
    expect(sentOf(sent, 'NoticeMessages').at(-1)!.variables).toEqual({
      first: 200,
      filter: { period: '2026-11', status: 'FAILED', channel: 'SMS', customerId: null },
    });
    expect(sentOf(sent, 'MessageRunStats').at(-1)!.variables).toEqual({ period: '2026-11' });
  });

  it('resends a failed message and reloads the list', async () => {
    const sent: Sent[] = [];
    const user = await openScreen(sent);
    // Only the failed and the skipped message can be resent.
    expect(screen.getAllByRole('button', { name: 'Gửi lại' })).toHaveLength(2);
    await user.click(screen.getAllByRole('button', { name: 'Gửi lại' })[0]!);
    await waitFor(() => expect(sentOf(sent, 'ResendMessage')).toHaveLength(1));
    expect(sentOf(sent, 'ResendMessage')[0]!.variables).toEqual({ id: 2 });
    expect(await screen.findByText('Đã đưa thông báo vào hàng đợi gửi lại.')).toBeTruthy();
    await waitFor(() => expect(screen.getAllByRole('button', { name: 'Gửi lại' })).toHaveLength(1));
  });

  it('without the rights, resend and reminders are disabled', async () => {
    const sent: Sent[] = [];
    await openScreen(sent, { canResend: false, canQueueReminders: false });
    for (const b of screen.getAllByRole('button', { name: 'Gửi lại' }))
      expect((b as HTMLButtonElement).disabled).toBe(true);
    expect(button('Gửi nhắc nợ').disabled).toBe(true);
  });

  it('“Gửi nhắc nợ” queues the reminders and shows how many', async () => {
    const sent: Sent[] = [];
    const user = await openScreen(sent);
    await user.click(button('Gửi nhắc nợ'));
    await waitFor(() => expect(screen.getByTestId('overdue-queued').textContent).toBe('Đã xếp hàng 2 nhắc nợ'));
    expect(await screen.findByText('Đã đưa 2 nhắc nợ vào hàng đợi gửi.')).toBeTruthy();
    await user.click(button('Gửi nhắc nợ'));
    await waitFor(() => expect(screen.getByTestId('overdue-queued').textContent).toBe('Đã xếp hàng 0 nhắc nợ'));
    expect(await screen.findByText('Không có nhắc nợ mới nào cần gửi hôm nay.')).toBeTruthy();
    expect(sentOf(sent, 'QueueOverdueReminders')).toHaveLength(2);
  });

  it('previews a template in a sandboxed iframe', async () => {
    const sent: Sent[] = [];
    const user = await openScreen(sent);
    await user.click(await screen.findByRole('button', { name: 'Thông báo ngừng cấp nước do chưa thanh toán' }));
    const frame = (await screen.findByTitle(
      'Xem trước email: Thông báo ngừng cấp nước — KH0000123',
    )) as HTMLIFrameElement;
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc')).toContain('Kính gửi quý khách Nguyễn Thị Hoa');
    expect(sentOf(sent, 'PreviewNotice')[0]!.variables).toEqual({ template: 'DISCONNECTION' });
    expect(screen.getByText('Chưa có mẫu ZNS được Zalo duyệt cho thông báo này.')).toBeTruthy();
  });
});
