// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ToastProvider, useToast } from '@/components/ui/toast';

beforeAll(() => {
  // jsdom has no pointer capture; sonner captures the pointer to let a toast be swiped away.
  Element.prototype.setPointerCapture ??= () => {};
  Element.prototype.releasePointerCapture ??= () => {};
  Element.prototype.hasPointerCapture ??= () => false;
});
afterEach(cleanup);

function Screen() {
  const toast = useToast();
  return (
    <>
      <button type="button" onClick={() => toast.success('Đã lưu người dùng nv02.')}>
        Lưu
      </button>
      <button type="button" onClick={() => toast.error('Không lưu được.')}>
        Lỗi
      </button>
    </>
  );
}

describe('toasts (sonner behind the ToastProvider API)', () => {
  it('shows success as a status and errors as an alert, with the test ids the browser tests use; a click dismisses', async () => {
    const user = userEvent.setup();
    render(
      <ToastProvider>
        <ToastProvider>
          <Screen />
        </ToastProvider>
      </ToastProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    const ok = await screen.findByTestId('toast-success');
    expect(ok.getAttribute('role')).toBe('status');
    expect(ok.textContent).toBe('Đã lưu người dùng nv02.');
    // Nested providers share the outer one: one toast, not two.
    expect(screen.getAllByTestId('toast-success')).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Lỗi' }));
    expect((await screen.findByTestId('toast-error')).getAttribute('role')).toBe('alert');

    await user.click(screen.getByTestId('toast-success'));
    await waitFor(() => expect(screen.queryByTestId('toast-success')).toBeNull());
  });
});
