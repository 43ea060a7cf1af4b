// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CompanyProfileScreen } from '@/components/admin/company-profile-screen';
import { fakeApiClient, type FakeAnswer, type SentOperation } from '@/test/helpers/fake-api';

beforeAll(() => {
  // jsdom has no pointer capture; sonner captures the pointer to let a toast be swiped away.
  Element.prototype.setPointerCapture ??= () => {};
  Element.prototype.releasePointerCapture ??= () => {};
  Element.prototype.hasPointerCapture ??= () => false;
});
afterEach(cleanup);

const PROFILE = {
  __typename: 'CompanyProfile',
  name: 'Công ty Cổ phần Cấp nước Sông Hồng',
  taxCode: '0108123456',
  address: 'Số 18 Đường Thanh Niên, Hà Nội',
  phone: '02438291234',
  hotline: '1900545433',
  email: 'cskh@capnuoc.example.vn',
  officeHours: null as string | null,
};

/** The screen behind a fake API that answers the details query and, for a save, `onSave`. */
function renderScreen(onSave: (op: SentOperation) => FakeAnswer) {
  const sent: SentOperation[] = [];
  const answer = (op: SentOperation): FakeAnswer =>
    op.operationName === 'CompanyProfile' ? { data: { companyProfile: PROFILE } } : onSave(op);
  render(
    <Provider value={fakeApiClient(sent, answer)}>
      <CompanyProfileScreen />
    </Provider>,
  );
  const saves = () => sent.filter((op) => op.operationName === 'UpdateCompanyProfile');
  return { user: userEvent.setup(), saves };
}

const field = (name: string) => screen.getByTestId(`field-${name}`) as HTMLInputElement | HTMLTextAreaElement;

describe('company profile form', () => {
  it('opens filled in, saves multi-line office hours with Alt+S and shows what the server stored', async () => {
    const hours = 'Thứ Hai – Thứ Sáu: 7:30 – 11:30, 13:30 – 17:00\nThứ Bảy: 7:30 – 11:30';
    const { user, saves } = renderScreen((op) => ({
      data: {
        updateCompanyProfile: { ...PROFILE, ...(op.variables.input as object), __typename: 'CompanyProfile' },
      },
    }));
    expect(((await screen.findByTestId('field-name')) as HTMLInputElement).value).toBe(PROFILE.name);
    expect(field('hotline').value).toBe('1900545433');
    expect(field('officeHours').value).toBe('');

    await user.clear(field('hotline'));
    await user.type(field('hotline'), '1900 54 54 33');
    await user.clear(field('taxCode'));
    await user.click(field('officeHours'));
    // Enter in the office hours box starts a new line (in the other boxes it moves to the next field).
    await user.keyboard('Thứ Hai – Thứ Sáu: 7:30 – 11:30, 13:30 – 17:00  {Enter}Thứ Bảy: 7:30 – 11:30');
    expect(screen.getByText('Có thay đổi chưa lưu')).toBeTruthy();
    await user.keyboard('{Alt>}s{/Alt}');

    await waitFor(() => expect(saves()).toHaveLength(1));
    // The schema the server applies again: digits only, an emptied box is null, trailing spaces dropped.
    expect(saves()[0]!.variables).toEqual({
      input: {
        name: PROFILE.name,
        taxCode: null,
        address: PROFILE.address,
        phone: PROFILE.phone,
        hotline: '1900545433',
        email: PROFILE.email,
        officeHours: hours,
      },
    });
    expect((await screen.findByTestId('toast-success')).textContent).toBe('Đã lưu thông tin công ty.');
    expect(field('officeHours').value).toBe(hours);
    expect(field('hotline').value).toBe('1900545433');
    expect(screen.queryByText('Có thay đổi chưa lưu')).toBeNull();
  });

  it('refuses an empty name, a malformed tax code, hotline and e-mail without sending', async () => {
    const { user, saves } = renderScreen(() => ({ data: null }));
    await screen.findByTestId('field-name');
    await user.clear(field('name'));
    await user.clear(field('taxCode'));
    await user.type(field('taxCode'), '01081234');
    await user.clear(field('hotline'));
    await user.type(field('hotline'), '1900 54');
    await user.clear(field('email'));
    await user.type(field('email'), 'cskh@');
    await user.click(screen.getByTestId('company-save'));

    expect((await screen.findByTestId('error-name')).textContent).toBe('Tên công ty là bắt buộc.');
    expect(screen.getByTestId('error-taxCode').textContent).toContain('Mã số thuế phải gồm 10 chữ số');
    expect(screen.getByTestId('error-hotline').textContent).toContain('Số tổng đài không hợp lệ');
    expect(screen.getByTestId('error-email').textContent).toBe('Địa chỉ email không hợp lệ.');
    expect(saves()).toEqual([]);

    // Hoàn tác returns to the stored details and clears the errors' cause.
    await user.click(screen.getByTestId('company-reset'));
    expect(field('name').value).toBe(PROFILE.name);
    expect(field('email').value).toBe(PROFILE.email);
  });

  it('shows the server’s refusal under the field it names and in a toast', async () => {
    const { user, saves } = renderScreen(() => ({
      errors: [
        {
          message: 'Bạn không có quyền sửa thông tin công ty.',
          extensions: { code: 'FORBIDDEN' },
        },
      ],
    }));
    await screen.findByTestId('field-name');
    await user.type(field('address'), ', Ba Đình');
    await user.click(screen.getByTestId('company-save'));
    expect((await screen.findByTestId('company-form-error')).textContent).toBe(
      'Bạn không có quyền sửa thông tin công ty.',
    );
    expect((await screen.findByTestId('toast-error')).textContent).toBe('Bạn không có quyền sửa thông tin công ty.');
    expect(saves()).toHaveLength(1);
    // Nothing was saved: the change is still there to retry.
    expect(field('address').value).toBe(`${PROFILE.address}, Ba Đình`);
  });

  it('puts a field refusal of the server under that field', async () => {
    const { user } = renderScreen(() => ({
      errors: [
        {
          message: 'Giờ làm việc dài tối đa 300 ký tự.',
          extensions: { code: 'VALIDATION_FAILED', field: 'officeHours' },
        },
      ],
    }));
    await screen.findByTestId('field-name');
    await user.type(field('officeHours'), 'Cả tuần');
    await user.click(screen.getByTestId('company-save'));
    expect((await screen.findByTestId('error-officeHours')).textContent).toBe('Giờ làm việc dài tối đa 300 ký tự.');
    expect(screen.queryByTestId('company-form-error')).toBeNull();
  });
});
