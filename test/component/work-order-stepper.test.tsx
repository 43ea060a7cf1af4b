// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  InstallationStepper,
  currentInstallationStep,
  installationSteps,
} from '@/components/work-orders/installation-stepper';
import { QuoteEditor } from '@/components/work-orders/quote-editor';
import { WorkOrderDocumentsPanel, uploadWorkOrderDocument } from '@/components/work-orders/work-order-documents-panel';
import {
  WorkOrderDetail,
  type WorkOrderActions,
  type WorkOrderCatalogs,
  type WorkOrderView,
} from '@/components/work-orders/work-order-detail';

afterEach(cleanup);

const states = () => screen.getAllByRole('listitem').map((li) => `${li.dataset.testid}:${li.dataset.state}`);

describe('installation stepper', () => {
  it('shows a fresh request waiting for its survey', () => {
    render(<InstallationStepper status="RECEIVED" />);
    expect(states()).toEqual([
      'step-survey:current',
      'step-quote:upcoming',
      'step-contract:upcoming',
      'step-install:upcoming',
      'step-handover:upcoming',
    ]);
    expect(screen.getByTestId('step-survey').getAttribute('aria-current')).toBe('step');
    expect(screen.getByTestId('step-survey').textContent).toContain('đang chờ');
  });

  it('marks the steps behind a quoted request done and puts the form slot under the contract step', () => {
    render(
      <InstallationStepper status="QUOTED">
        <p>Biểu mẫu hợp đồng</p>
      </InstallationStepper>,
    );
    expect(states()).toEqual([
      'step-survey:done',
      'step-quote:done',
      'step-contract:current',
      'step-install:upcoming',
      'step-handover:upcoming',
    ]);
    expect(screen.getByText('Biểu mẫu hợp đồng')).toBeTruthy();
    expect(within(screen.getByTestId('step-quote')).getByText('✓')).toBeTruthy();
  });

  it('has every step done once handed over, and none current', () => {
    render(<InstallationStepper status="DONE" />);
    expect(states().every((s) => s.endsWith(':done'))).toBe(true);
    expect(currentInstallationStep('DONE')).toBeNull();
  });

  it('stops a cancelled request where it was', () => {
    expect(installationSteps('CANCELLED', 2).map((s) => s.state)).toEqual([
      'done',
      'done',
      'stopped',
      'stopped',
      'stopped',
    ]);
    expect(currentInstallationStep('REJECTED')).toBeNull();
    expect(currentInstallationStep('INSTALLED')).toBe('handover');
  });
});

describe('quote editor (lines, amounts and total as typed)', () => {
  it('computes each line and the total in whole đồng, and sends the parsed lines with Alt+S', async () => {
    const onSave = vi.fn();
    render(<QuoteEditor initial={null} busy={false} error={null} onSave={onSave} />);
    const user = userEvent.setup();
    await user.type(screen.getByTestId('quote-name-0'), 'Ống HDPE D25');
    await user.type(screen.getByTestId('quote-unit-0'), 'm');
    await user.clear(screen.getByTestId('quote-quantity-0'));
    await user.type(screen.getByTestId('quote-quantity-0'), '2,5');
    await user.type(screen.getByTestId('quote-price-0'), '15.001');
    // 2.5 × 15 001 = 37 502.5, rounded half up.
    expect(screen.getByTestId('quote-amount-0').textContent).toBe('37.503');

    await user.click(screen.getByTestId('quote-add-line'));
    await user.type(screen.getByTestId('quote-name-1'), 'Công lắp đặt');
    await user.type(screen.getByTestId('quote-unit-1'), 'lần');
    await user.type(screen.getByTestId('quote-price-1'), '500000');
    expect(screen.getByTestId('quote-total').textContent).toBe('537.503');

    await user.keyboard('{Alt>}s{/Alt}');
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0]![0]).toEqual([
      { name: 'Ống HDPE D25', unit: 'm', quantity: 2.5, unitPrice: 15001 },
      { name: 'Công lắp đặt', unit: 'lần', quantity: 1, unitPrice: 500000 },
    ]);
  });

  it('refuses a line without a price and shows why beside it', async () => {
    const onSave = vi.fn();
    render(<QuoteEditor initial={null} busy={false} error={null} onSave={onSave} />);
    const user = userEvent.setup();
    await user.type(screen.getByTestId('quote-name-0'), 'Đồng hồ DN15');
    await user.type(screen.getByTestId('quote-unit-0'), 'cái');
    await user.click(screen.getByTestId('quote-save'));
    expect(await screen.findByText('Nhập đơn giá.')).toBeTruthy();
    expect(onSave).not.toHaveBeenCalled();
  });

  it('opens the saved quote’s PDF from “In báo giá”', () => {
    render(
      <QuoteEditor
        initial={[{ name: 'Đồng hồ DN15', unit: 'cái', quantity: 1, unitPrice: 850_000 }]}
        busy={false}
        error={null}
        onSave={() => {}}
        pdfHref="/api/work-orders/5/quote"
      />,
    );
    expect(screen.getByTestId('quote-total').textContent).toBe('850.000');
    const link = screen.getByTestId('quote-pdf');
    expect(link.getAttribute('href')).toBe('/api/work-orders/5/quote');
    expect(link.getAttribute('target')).toBe('_blank');
  });
});

const FULL = { access: true, add: true, edit: true, delete: true, print: true };
const READ = { access: true, add: false, edit: false, delete: false, print: false };

const CATALOGS: WorkOrderCatalogs = {
  teams: [{ id: 1, code: 'DTC01', name: 'Đội thi công số 1' }],
  meterTypes: [{ id: 2, code: 'DN15', name: 'Đồng hồ DN15' }],
  wards: [{ id: 3, name: 'Phường Kim Mã', district: 'Ba Đình' }],
  books: [{ id: 4, code: 'S04', name: 'Sổ 04' }],
};

const order = (over: Partial<WorkOrderView>): WorkOrderView => ({
  id: 5,
  trackingCode: 'YC7K3M9P2Q',
  kind: 'INSTALLATION',
  status: 'RECEIVED',
  source: 'PORTAL',
  receivedAt: '2026-11-20T03:00:00.000Z',
  deadline: '2099-12-20',
  closedAt: null,
  resolution: null,
  applicantName: 'Lê Thị Mới',
  applicantPhone: '0987654321',
  applicantEmail: null,
  citizenId: null,
  address: '15 Phố Lắp Mới',
  wardName: 'Phường Kim Mã',
  latitude: '21.030000',
  longitude: '105.810000',
  customer: null,
  branchName: 'CN Ba Đình',
  teamId: null,
  teamName: null,
  serviceTypeName: 'Sinh hoạt',
  households: 1,
  persons: 4,
  complaintKindName: null,
  description: null,
  details: {},
  quote: null,
  events: [
    {
      id: 1,
      at: '2026-11-20T03:00:00.000Z',
      userName: null,
      byPortal: true,
      fromStatus: null,
      toStatus: 'RECEIVED',
      note: null,
    },
  ],
  documents: [],
  ...over,
});

function actions(): WorkOrderActions {
  const ok = vi.fn(async () => null);
  return {
    assign: ok,
    changeStatus: ok,
    close: ok,
    note: ok,
    survey: vi.fn(async () => null),
    quote: vi.fn(async () => null),
    contract: ok,
    install: ok,
    handover: vi.fn(async () => null),
    complete: vi.fn(async () => null),
    upload: vi.fn(async () => {}),
  };
}

describe('work order detail: the step of the status, the completion of the kind', () => {
  it('puts the survey form under a fresh installation and sends the coordinates as decimal text', async () => {
    const a = actions();
    render(
      <WorkOrderDetail
        order={order({})}
        rights={{ installations: FULL, complaints: FULL }}
        catalogs={CATALOGS}
        actions={a}
      />,
    );
    expect(screen.getByTestId('step-survey').dataset.state).toBe('current');
    const user = userEvent.setup();
    await user.type(screen.getByTestId('field-notes'), 'Đấu nối từ ống D100');
    await user.clear(screen.getByTestId('field-latitude'));
    await user.type(screen.getByTestId('field-latitude'), '21,031234');
    await user.click(screen.getByTestId('survey-save'));
    await waitFor(() =>
      expect(a.survey).toHaveBeenCalledWith({
        latitude: '21.031234',
        longitude: '105.810000',
        notes: 'Đấu nối từ ống D100',
      }),
    );
    // The timeline says the portal took it.
    expect(screen.getByTestId('timeline-event').textContent).toContain('khách hàng (cổng trực tuyến)');
  });

  it('shows the quote editor at the quote step, then the quote and its PDF once quoted', () => {
    const { rerender } = render(
      <WorkOrderDetail
        order={order({ status: 'SURVEYED' })}
        rights={{ installations: FULL, complaints: FULL }}
        catalogs={CATALOGS}
        actions={actions()}
      />,
    );
    expect(screen.getByTestId('quote-editor')).toBeTruthy();
    const quote = {
      lines: [{ name: 'Đồng hồ', unit: 'cái', quantity: 1, unitPrice: 850_000, amount: 850_000 }],
      total: 850_000,
    };
    rerender(
      <WorkOrderDetail
        order={order({ status: 'QUOTED', quote })}
        rights={{ installations: FULL, complaints: FULL }}
        catalogs={CATALOGS}
        actions={actions()}
      />,
    );
    expect(screen.queryByTestId('quote-editor')).toBeNull();
    expect(screen.getByTestId('contract-form')).toBeTruthy();
    expect(screen.getByTestId('quote-summary').textContent).toBe('850.000 đồng');
    expect(screen.getByTestId('quote-pdf').getAttribute('href')).toBe('/api/work-orders/5/quote');
  });

  it('redoes the quote until the contract is signed, starting from the saved lines', async () => {
    const a = actions();
    const quote = {
      lines: [{ name: 'Đồng hồ', unit: 'cái', quantity: 1, unitPrice: 850_000, amount: 850_000 }],
      total: 850_000,
    };
    render(
      <WorkOrderDetail
        order={order({ status: 'QUOTED', quote })}
        rights={{ installations: FULL, complaints: FULL }}
        catalogs={CATALOGS}
        actions={a}
      />,
    );
    const user = userEvent.setup();
    await user.click(screen.getByTestId('requote'));
    expect((screen.getByTestId('quote-price-0') as HTMLInputElement).value).toBe('850.000');
    await user.clear(screen.getByTestId('quote-price-0'));
    await user.type(screen.getByTestId('quote-price-0'), '900000');
    await user.click(screen.getByTestId('quote-save'));
    await waitFor(() =>
      expect(a.quote).toHaveBeenCalledWith([{ name: 'Đồng hồ', unit: 'cái', quantity: 1, unitPrice: 900_000 }]),
    );
    await waitFor(() => expect(screen.queryByTestId('quote-editor')).toBeNull());
    expect(screen.getByTestId('contract-form')).toBeTruthy();
  });

  it('hands over into the chosen book at the last step', async () => {
    const a = actions();
    render(
      <WorkOrderDetail
        order={order({ status: 'INSTALLED' })}
        rights={{ installations: FULL, complaints: FULL }}
        catalogs={CATALOGS}
        actions={a}
      />,
    );
    const user = userEvent.setup();
    await user.click(screen.getByTestId('handover-save'));
    expect(await screen.findByTestId('error-bookId')).toBeTruthy();
    await user.selectOptions(screen.getByTestId('field-bookId'), '4');
    await user.click(screen.getByTestId('handover-save'));
    await waitFor(() => expect(a.handover).toHaveBeenCalledTimes(1));
    expect(vi.mocked(a.handover).mock.calls[0]![0]).toMatchObject({ bookId: 4, customerType: 0, taxCode: null });
  });

  it('asks for a team before a received request can be worked on', () => {
    render(
      <WorkOrderDetail
        order={order({ kind: 'LEAK_REPORT', status: 'RECEIVED' })}
        rights={{ installations: FULL, complaints: FULL }}
        catalogs={CATALOGS}
        actions={actions()}
      />,
    );
    const start = screen.getByTestId('action-status') as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    expect(start.title).toBe('Giao đội trước khi xử lý.');
    expect((screen.getByTestId('action-assign') as HTMLButtonElement).disabled).toBe(false);
  });

  it('offers “Bắt đầu xử lý” to an assigned request and the meter form when a replacement is in progress', () => {
    const rights = { installations: FULL, complaints: FULL };
    const { rerender } = render(
      <WorkOrderDetail
        order={order({ kind: 'METER_REPLACEMENT', status: 'ASSIGNED' })}
        rights={rights}
        catalogs={CATALOGS}
        actions={actions()}
      />,
    );
    expect(screen.queryByTestId('installation-stepper')).toBeNull();
    expect(screen.getByTestId('action-status').textContent).toContain('Bắt đầu xử lý');
    expect(screen.getByTestId('action-status').textContent).toContain('Bắt đầu xử lý');
    expect(screen.queryByTestId('completion-form')).toBeNull();
    rerender(
      <WorkOrderDetail
        order={order({ kind: 'METER_REPLACEMENT', status: 'IN_PROGRESS' })}
        rights={rights}
        catalogs={CATALOGS}
        actions={actions()}
      />,
    );
    expect(screen.getByTestId('completion-form').dataset.completion).toBe('replacement');
    expect(screen.getByTestId('field-finalIndex')).toBeTruthy();
    expect(screen.getByTestId('field-meter.serial')).toBeTruthy();
  });

  it('gives a user without the edit right no forms and says why the buttons are off', () => {
    render(
      <WorkOrderDetail
        order={order({ kind: 'BILL_DISPUTE', status: 'IN_PROGRESS' })}
        rights={{ installations: FULL, complaints: READ }}
        catalogs={CATALOGS}
        actions={actions()}
      />,
    );
    expect(screen.queryByTestId('completion-form')).toBeNull();
    expect(screen.queryByTestId('note-form')).toBeNull();
    const assign = screen.getByTestId('action-assign') as HTMLButtonElement;
    expect(assign.disabled).toBe(true);
    expect(assign.title).toBe('Bạn không có quyền xử lý loại yêu cầu này.');
  });
});

describe('documents of a request', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('uploads a paper to the route handler and shows the server’s refusal', async () => {
    const sent: { url: string; file: File; kind: string }[] = [];
    let refuse = false;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        const form = init.body as FormData;
        sent.push({ url, file: form.get('file') as File, kind: String(form.get('kind')) });
        return refuse
          ? Response.json(
              { code: 'FILE_TYPE_NOT_ALLOWED', message: 'Chỉ nhận tệp PDF hoặc ảnh JPEG, PNG, WebP.' },
              { status: 400 },
            )
          : Response.json({ id: 9 }, { status: 201 });
      }),
    );
    const upload = vi.fn((file: File, kind: string) => uploadWorkOrderDocument(5, file, kind));
    render(
      <WorkOrderDocumentsPanel
        documents={[
          {
            id: 3,
            kind: 'CITIZEN_ID',
            fileName: 'cccd.jpg',
            mimeType: 'image/jpeg',
            sizeBytes: 204_800,
            uploadedAt: '2026-11-20T03:00:00.000Z',
            uploadedByName: null,
          },
        ]}
        canUpload
        onUpload={upload}
      />,
    );
    const link = screen.getByRole('link', { name: 'cccd.jpg' });
    expect(link.getAttribute('href')).toBe('/api/work-order-documents/3');
    expect(screen.getByTestId('work-order-document').textContent).toContain('Căn cước công dân');

    const user = userEvent.setup();
    const file = new File(['%PDF-1.4'], 'so-do.pdf', { type: 'application/pdf' });
    await user.upload(screen.getByTestId('field-file'), file);
    await user.selectOptions(screen.getByTestId('field-documentKind'), 'LAND_PAPER');
    await user.click(screen.getByTestId('upload-document'));
    await waitFor(() => expect(upload).toHaveBeenCalledTimes(1));
    expect(sent[0]).toMatchObject({ url: '/api/work-orders/5/documents', kind: 'LAND_PAPER' });
    expect(sent[0]!.file.name).toBe('so-do.pdf');

    refuse = true;
    await user.upload(screen.getByTestId('field-file'), new File(['x'], 'anh.png', { type: 'image/png' }));
    await user.click(screen.getByTestId('upload-document'));
    expect((await screen.findByTestId('error-file')).textContent).toBe('Chỉ nhận tệp PDF hoặc ảnh JPEG, PNG, WebP.');
  });
});
