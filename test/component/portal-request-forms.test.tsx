// @vitest-environment jsdom
import { createHash } from 'node:crypto';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';
import { RegistrationForm } from '@/components/portal/registration-form';
import { ServiceRequestForm } from '@/components/portal/service-request-form';
import { TrackingForm } from '@/components/portal/tracking-form';
import { meetsDifficulty, proofMessage } from '@/domain/portal/proof-of-work';
import { fakeApiClient, type FakeAnswer, type SentOperation } from '@/test/helpers/fake-api';

afterEach(cleanup);

const WARDS = [
  { __typename: 'PortalWard', id: 3, name: 'Phường Phúc Xá', district: 'Ba Đình' },
  { __typename: 'PortalWard', id: 4, name: 'Phường Kim Mã', district: 'Ba Đình' },
];
const TYPES = [{ __typename: 'PortalServiceType', code: 'HN_SH', name: 'Sinh hoạt', basis: 'household' }];
const CHALLENGE = '4.1999999999.AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB';

/** Answers like the server: a challenge of difficulty 4, then the submission's tracking code. */
function answer(op: SentOperation): FakeAnswer {
  if (op.operationName === 'PortalChallenge') {
    return {
      data: {
        portalChallenge: {
          __typename: 'PortalChallenge',
          challenge: CHALLENGE,
          difficulty: 4,
          expiresAt: '2033-05-18T03:33:19.000Z',
        },
      },
    };
  }
  if (op.operationName === 'SubmitConnectionRequest') {
    return { data: { submitConnectionRequest: { __typename: 'PortalSubmission', trackingCode: 'YC7K2M9QH4' } } };
  }
  if (op.operationName === 'SubmitServiceRequest') {
    return { data: { submitServiceRequest: { __typename: 'PortalSubmission', trackingCode: 'YC0000ABCD' } } };
  }
  return { errors: [{ message: 'unexpected', extensions: { code: 'INTERNAL' } }] };
}

function renderWith(ui: React.ReactNode, respond: (op: SentOperation) => FakeAnswer = answer) {
  const sent: SentOperation[] = [];
  render(<Provider value={fakeApiClient(sent, respond)}>{ui}</Provider>);
  return { user: userEvent.setup(), sent };
}

const solves = (proof: { challenge: string; nonce: string }, difficulty: number) =>
  meetsDifficulty(createHash('sha256').update(proofMessage(proof.challenge, proof.nonce)).digest(), difficulty);

describe('the registration form', () => {
  it('checks every required field in the browser and sends nothing while one is wrong', async () => {
    const { user, sent } = renderWith(<RegistrationForm wards={WARDS} serviceTypes={TYPES} />);
    await user.click(screen.getByTestId('request-submit'));
    expect((await screen.findByTestId('error-reg-name')).textContent).toBe('Họ và tên người đăng ký quá ngắn.');
    expect(screen.getByTestId('error-reg-citizen-id').textContent).toBe('Số căn cước công dân gồm 12 chữ số.');
    expect(screen.getByTestId('error-reg-phone').textContent).toBe('Nhập số điện thoại.');
    expect(screen.getByTestId('error-reg-address').textContent).toBe('Số nhà, tên đường (thôn, xóm) quá ngắn.');
    expect(screen.getByTestId('error-reg-ward').textContent).toBe('Chọn phường, xã.');
    expect(screen.getByTestId('error-reg-persons').textContent).toBe('Nhập số nhân khẩu.');
    // Only one coordinate: both or neither.
    await user.type(screen.getByTestId('reg-lat'), '21.04');
    await user.click(screen.getByTestId('request-submit'));
    expect((await screen.findByTestId('error-reg-lng')).textContent).toBe(
      'Nhập cả vĩ độ và kinh độ, hoặc để trống cả hai.',
    );
    expect(sent).toEqual([]);
  });

  it('reserves the map’s box from the first paint and keeps the coordinates as plain inputs', () => {
    renderWith(<RegistrationForm wards={WARDS} serviceTypes={TYPES} />);
    expect(screen.getByTestId('map-box').className).toMatch(/\bh-64\b/);
    // No Leaflet in the first render: it loads only when the box is in view.
    expect(screen.queryByTestId('leaflet-map')).toBeNull();
    expect(screen.getByTestId('reg-lat').tagName).toBe('INPUT');
  });

  it('solves a challenge, sends the typed values as the server’s input and shows the tracking code', async () => {
    const { user, sent } = renderWith(<RegistrationForm wards={WARDS} serviceTypes={TYPES} />);
    await user.type(screen.getByTestId('reg-name'), 'Nguyễn Thị Mai');
    await user.type(screen.getByTestId('reg-citizen-id'), '0011 9001 2345');
    await user.type(screen.getByTestId('reg-phone'), '0912 888 246');
    await user.type(screen.getByTestId('reg-email'), 'mai@example.com');
    await user.type(screen.getByTestId('reg-address'), '25 ngõ 10 Phúc Xá');
    await user.selectOptions(screen.getByTestId('reg-ward'), '4');
    await user.type(screen.getByTestId('reg-persons'), '4');
    await user.type(screen.getByTestId('reg-lat'), '21,0452');
    await user.type(screen.getByTestId('reg-lng'), '105.8471');
    await user.click(screen.getByTestId('request-submit'));
    expect((await screen.findByTestId('tracking-code')).textContent).toBe('YC7K2M9QH4');
    expect(screen.getByTestId('request-received').textContent).toContain('mai@example.com');
    expect(screen.getByTestId('go-tracking').getAttribute('href')).toBe('/theo-doi?ma=YC7K2M9QH4');

    expect(sent.map((o) => o.operationName)).toEqual(['PortalChallenge', 'SubmitConnectionRequest']);
    const input = sent[1]!.variables.input as Record<string, any>;
    expect(input).toMatchObject({
      applicantName: 'Nguyễn Thị Mai',
      applicantPhone: '0912888246',
      applicantEmail: 'mai@example.com',
      citizenId: '001190012345',
      contactName: null,
      contactPhone: null,
      address: '25 ngõ 10 Phúc Xá',
      wardId: 4,
      serviceTypeCode: 'HN_SH',
      households: 1,
      persons: 4,
      latitude: 21.0452,
      longitude: 105.8471,
      description: null,
      documents: [],
    });
    expect(input.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(input.proof.challenge).toBe(CHALLENGE);
    expect(input.proof.website).toBe('');
    expect(solves(input.proof, 4)).toBe(true);
  });

  it('shows the server’s refusal and keeps the form', async () => {
    const { user } = renderWith(<RegistrationForm wards={WARDS} serviceTypes={TYPES} />, (op) =>
      op.operationName === 'PortalChallenge'
        ? answer(op)
        : { errors: [{ message: 'Bạn đã gửi quá nhiều yêu cầu.', extensions: { code: 'RATE_LIMITED' } }] },
    );
    await user.type(screen.getByTestId('reg-name'), 'Nguyễn Thị Mai');
    await user.type(screen.getByTestId('reg-citizen-id'), '001190012345');
    await user.type(screen.getByTestId('reg-phone'), '0912888246');
    await user.type(screen.getByTestId('reg-address'), '25 ngõ 10 Phúc Xá');
    await user.selectOptions(screen.getByTestId('reg-ward'), '3');
    await user.type(screen.getByTestId('reg-persons'), '2');
    await user.click(screen.getByTestId('request-submit'));
    const error = await screen.findByTestId('request-error');
    expect([error.textContent, error.dataset.code]).toEqual(['Bạn đã gửi quá nhiều yêu cầu.', 'RATE_LIMITED']);
    expect(screen.queryByTestId('tracking-code')).toBeNull();
  });
});

describe('the service request form', () => {
  it('asks each kind for its own details and sends nothing until they are there', async () => {
    const { user, sent } = renderWith(<ServiceRequestForm initialKind="NAME_CHANGE" />);
    expect(screen.queryByTestId('svc-new-address')).toBeNull();
    await user.type(screen.getByTestId('svc-code'), 'kh0001234');
    await user.type(screen.getByTestId('svc-verifier'), '5678');
    await user.type(screen.getByTestId('svc-name'), 'Phạm Văn Hùng');
    await user.type(screen.getByTestId('svc-phone'), '0912345678');
    await user.click(screen.getByTestId('request-submit'));
    expect((await screen.findByTestId('error-svc-new-name')).textContent).toBe('Nhập tên mới trên hợp đồng.');
    await user.selectOptions(screen.getByTestId('svc-kind'), 'RELOCATION');
    expect(screen.queryByTestId('svc-new-name')).toBeNull();
    await user.click(screen.getByTestId('request-submit'));
    expect((await screen.findByTestId('error-svc-new-address')).textContent).toBe('Mô tả vị trí mới muốn đặt đồng hồ.');
    expect(sent).toEqual([]);
  });

  it('sends a relocation with the customer proof, its details and a solved challenge', async () => {
    const { user, sent } = renderWith(<ServiceRequestForm initialKind="RELOCATION" />);
    await user.type(screen.getByTestId('svc-code'), 'kh0001234');
    await user.type(screen.getByTestId('svc-verifier'), '5678');
    await user.type(screen.getByTestId('svc-name'), 'Phạm Văn Hùng');
    await user.type(screen.getByTestId('svc-phone'), '0912345678');
    await user.type(screen.getByTestId('svc-new-address'), 'Trước cổng số 12');
    await user.click(screen.getByTestId('request-submit'));
    expect((await screen.findByTestId('tracking-code')).textContent).toBe('YC0000ABCD');
    const input = sent[1]!.variables.input as Record<string, any>;
    expect(input).toMatchObject({
      customerCode: 'KH0001234',
      verifier: '5678',
      kind: 'RELOCATION',
      applicantPhone: '0912345678',
      details: { newAddress: 'Trước cổng số 12', fromDate: null, newName: null },
    });
    expect(solves(input.proof, 4)).toBe(true);
  });
});

describe('the tracking form', () => {
  const STATUS = {
    __typename: 'PortalRequestStatus',
    trackingCode: 'YC7K2M9QH4',
    kind: 'RELOCATION',
    kindLabel: 'Di dời đồng hồ',
    status: 'ASSIGNED',
    statusLabel: 'Đã phân công',
    receivedAt: '2026-11-30T02:00:00.000Z',
    deadline: '2026-12-07',
    isClosed: false,
    timeline: [
      {
        __typename: 'PortalRequestStep',
        status: 'RECEIVED',
        statusLabel: 'Đã tiếp nhận',
        at: '2026-11-30T02:00:00.000Z',
      },
      {
        __typename: 'PortalRequestStep',
        status: 'ASSIGNED',
        statusLabel: 'Đã phân công',
        at: '2026-11-30T04:30:00.000Z',
      },
    ],
  };

  it('refuses a malformed code before sending, then shows the status and its history', async () => {
    const { user, sent } = renderWith(<TrackingForm initialCode="" />, () => ({ data: { requestStatus: STATUS } }));
    await user.type(screen.getByTestId('track-code'), 'abc');
    await user.type(screen.getByTestId('track-verifier'), '12');
    await user.click(screen.getByTestId('track-submit'));
    expect((await screen.findByTestId('error-track-code')).textContent).toMatch(/“YC” và 8 ký tự/);
    expect(screen.getByTestId('error-track-verifier').textContent).toMatch(/4 số cuối/);
    expect(sent).toEqual([]);

    await user.clear(screen.getByTestId('track-code'));
    await user.type(screen.getByTestId('track-code'), 'yc7k-2m9q-h4');
    await user.clear(screen.getByTestId('track-verifier'));
    await user.type(screen.getByTestId('track-verifier'), '8246');
    await user.click(screen.getByTestId('track-submit'));
    expect((await screen.findByTestId('track-status')).textContent).toBe('Đã phân công');
    expect(sent[0]!.variables).toEqual({ trackingCode: 'YC7K2M9QH4', verifier: '8246' });
    expect(screen.getByTestId('track-deadline').textContent).toBe('07/12/2026');
    expect(screen.getByTestId('track-timeline').textContent).toContain('Đã tiếp nhận');
  });

  it('shows the one refusal for an unknown code or a wrong verifier', async () => {
    const { user } = renderWith(<TrackingForm initialCode="YC7K2M9QH4" />, () => ({
      errors: [
        {
          message: 'Mã theo dõi hoặc 4 số cuối điện thoại không đúng.',
          extensions: { code: 'PORTAL_TRACKING_FAILED' },
        },
      ],
    }));
    await user.type(screen.getByTestId('track-verifier'), '0000');
    await user.click(screen.getByTestId('track-submit'));
    await waitFor(() => expect(screen.getByTestId('track-error').dataset.code).toBe('PORTAL_TRACKING_FAILED'));
  });
});
