// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfirmDialog } from '@/components/ui/confirm';
import { Dialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/form-field';
import { useHotkeys } from '@/components/ui/use-hotkeys';

afterEach(cleanup);

/** A screen as the catalogs build it: F4 opens an add form whose first field may be read-only or arrive late. */
function Screen({ late = false, readOnlyFirst = false }: { late?: boolean; readOnlyFirst?: boolean }) {
  const [open, setOpen] = useState(false);
  useHotkeys({ F4: () => setOpen(true) }, !open);
  return (
    <>
      <button type="button">Thêm</button>
      <Dialog open={open} title="Thêm phường, xã" onClose={() => setOpen(false)} data-testid="dlg">
        {late ? <LateFields /> : <Fields readOnlyFirst={readOnlyFirst} />}
      </Dialog>
    </>
  );
}

function Fields({ readOnlyFirst }: { readOnlyFirst: boolean }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  return (
    <form>
      {readOnlyFirst && <TextField name="login" label="Tên đăng nhập" value="nva" readOnly />}
      <TextField name="code" label="Mã" value={code} onChange={(e) => setCode(e.target.value)} />
      <TextField name="name" label="Tên" value={name} onChange={(e) => setName(e.target.value)} />
    </form>
  );
}

/** Fields that render one moment after the dialog opens (options fetched first). */
function LateFields() {
  const [ready, setReady] = useState(false);
  const [code, setCode] = useState('');
  useState(() => setTimeout(() => setReady(true), 20));
  return ready ? (
    <TextField name="code" label="Mã" value={code} onChange={(e) => setCode(e.target.value)} />
  ) : (
    <p>Đang tải…</p>
  );
}

describe('Dialog initial focus', () => {
  it('F4 opens the form with the cursor in the first field, so typing at once fills it', async () => {
    const user = userEvent.setup();
    render(<Screen />);
    await user.keyboard('{F4}');
    const code = await screen.findByTestId('field-code');
    await waitFor(() => expect(document.activeElement).toBe(code));
    await user.keyboard('P01');
    expect(code).toHaveProperty('value', 'P01');
    expect(document.activeElement).not.toBe(screen.getByRole('button', { name: 'Đóng' }));
  });

  it('skips a read-only first field (the login of a user being edited)', async () => {
    const user = userEvent.setup();
    render(<Screen readOnlyFirst />);
    await user.keyboard('{F4}');
    const code = await screen.findByTestId('field-code');
    await waitFor(() => expect(document.activeElement).toBe(code));
  });

  it('gives the cursor to a field that appears after the dialog opened', async () => {
    const user = userEvent.setup();
    render(<Screen late />);
    await user.keyboard('{F4}');
    const code = await screen.findByTestId('field-code');
    await waitFor(() => expect(document.activeElement).toBe(code));
    await user.keyboard('X');
    expect(code).toHaveProperty('value', 'X');
  });

  it('Escape closes the dialog and gives focus back to where it was', async () => {
    const user = userEvent.setup();
    render(<Screen />);
    const opener = screen.getByRole('button', { name: 'Thêm' });
    act(() => opener.focus());
    await user.keyboard('{F4}');
    await screen.findByTestId('dlg');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('dlg')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });

  it('a confirmation over a form: the cursor starts on its safe button, Escape closes only the confirmation', async () => {
    function Nested() {
      const [asking, setAsking] = useState(false);
      const [open, setOpen] = useState(true);
      return (
        <Dialog open={open} title="Sửa người dùng" onClose={() => setOpen(false)} data-testid="outer">
          <button type="button" onClick={() => setAsking(true)}>
            Xóa
          </button>
          <ConfirmDialog
            open={asking}
            title="Xóa người dùng"
            message="Xóa nv02?"
            danger
            onConfirm={() => setAsking(false)}
            onCancel={() => setAsking(false)}
          />
        </Dialog>
      );
    }
    const user = userEvent.setup();
    render(<Nested />);
    const remove = await screen.findByRole('button', { name: 'Xóa' });
    await user.click(remove);
    const cancel = await screen.findByTestId('confirm-cancel');
    await waitFor(() => expect(document.activeElement).toBe(cancel));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull());
    expect(screen.getByTestId('outer')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(remove));
  });
});
