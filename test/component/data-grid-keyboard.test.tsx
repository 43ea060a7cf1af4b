// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DataGrid, type DataGridColumn } from '@/components/ui/data-grid';

/** Height of the grid's scroll box in these tests: 10 rows of 30 px. */
const VIEWPORT = 300;

beforeAll(() => {
  // jsdom has no layout: the grid measures its viewport through ResizeObserver, which jsdom lacks.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  // ...nor scrolling: give the grid a viewport, a content height (its rowgroup's inline height) and a scrollTo that
  // moves scrollTop within bounds and fires `scroll`, as a browser does.
  const isGrid = (el: HTMLElement) => el.getAttribute('role') === 'grid';
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return isGrid(this) ? VIEWPORT : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return isGrid(this)
        ? parseFloat(this.querySelector<HTMLElement>('[role="rowgroup"]')?.style.height ?? '0') || 0
        : 0;
    },
  });
  HTMLElement.prototype.scrollTo = function (this: HTMLElement, opts?: ScrollToOptions | number, y?: number) {
    const top = typeof opts === 'number' ? (y ?? 0) : (opts?.top ?? this.scrollTop);
    this.scrollTop = Math.max(0, Math.min(top, this.scrollHeight - this.clientHeight));
    this.dispatchEvent(new Event('scroll'));
  } as HTMLElement['scrollTo'];
});
afterEach(cleanup);

interface Row {
  id: number;
  code: string;
}
const ROWS: Row[] = [1, 2, 3, 4, 5].map((id) => ({ id, code: `KH0${id}` }));
const COLUMNS: DataGridColumn<Row>[] = [{ key: 'code', header: 'Mã', value: (r) => r.code }];

/** The grid controlled as the screens control it, with the selection shown for the assertions. */
function Grid({ onActivate = () => {} }: { onActivate?: (r: Row) => void }) {
  const [sel, setSel] = useState<{ keys: Set<string>; active: string | null }>({ keys: new Set(), active: null });
  return (
    <DataGrid<Row>
      rows={ROWS}
      columns={COLUMNS}
      getRowKey={(r) => String(r.id)}
      label="Danh sách khách hàng"
      selectedKeys={sel.keys}
      activeKey={sel.active}
      onSelectionChange={(keys, active) => setSel({ keys, active })}
      onRowActivate={onActivate}
      data-testid="grid"
    />
  );
}

const rowsEls = () => screen.getAllByTestId('grid-row');
const selectedCodes = () =>
  rowsEls()
    .filter((r) => r.getAttribute('data-selected') === 'true')
    .map((r) => r.textContent);

describe('DataGrid keyboard and mouse', () => {
  it('arrows move the cursor row and select it; Shift+arrow extends the selection', async () => {
    const user = userEvent.setup();
    render(<Grid />);
    await user.click(rowsEls()[0]!);
    expect(selectedCodes()).toEqual(['KH01']);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(selectedCodes()).toEqual(['KH03']);
    await user.keyboard('{ArrowUp}');
    expect(selectedCodes()).toEqual(['KH02']);
    await user.keyboard('{Shift>}{ArrowDown}{ArrowDown}{/Shift}');
    expect(selectedCodes()).toEqual(['KH02', 'KH03', 'KH04']);
    await user.keyboard('{End}');
    expect(selectedCodes()).toEqual(['KH05']);
    await user.keyboard('{Home}');
    expect(selectedCodes()).toEqual(['KH01']);
  });

  it('Enter opens the cursor row, after arrows moved it', async () => {
    const user = userEvent.setup();
    const onActivate = vi.fn();
    render(<Grid onActivate={onActivate} />);
    await user.click(rowsEls()[0]!);
    await user.keyboard('{ArrowDown}{Enter}');
    expect(onActivate).toHaveBeenCalledTimes(1);
    expect(onActivate.mock.calls[0]![0]).toEqual({ id: 2, code: 'KH02' });
  });

  it('Ctrl+click adds and removes single rows; Shift+click selects the range from the anchor', async () => {
    const user = userEvent.setup();
    render(<Grid />);
    await user.click(rowsEls()[1]!);
    await user.keyboard('{Control>}');
    await user.click(rowsEls()[3]!);
    await user.keyboard('{/Control}');
    expect(selectedCodes()).toEqual(['KH02', 'KH04']);
    await user.keyboard('{Control>}');
    await user.click(rowsEls()[1]!);
    await user.keyboard('{/Control}');
    expect(selectedCodes()).toEqual(['KH04']);

    await user.click(rowsEls()[0]!);
    await user.keyboard('{Shift>}');
    await user.click(rowsEls()[2]!);
    await user.keyboard('{/Shift}');
    expect(selectedCodes()).toEqual(['KH01', 'KH02', 'KH03']);
  });

  it('double-click opens the row', async () => {
    const user = userEvent.setup();
    const onActivate = vi.fn();
    render(<Grid onActivate={onActivate} />);
    await user.dblClick(rowsEls()[4]!);
    expect(onActivate).toHaveBeenCalledWith({ id: 5, code: 'KH05' });
  });
});

const BOOK: Row[] = Array.from({ length: 2000 }, (_, i) => ({
  id: i + 1,
  code: `KH${String(i + 1).padStart(4, '0')}`,
}));

/** A 2,000-customer book, as in S01; `initialActive` is a cursor row set by the screen (e.g. after a search). */
function BookGrid({ initialActive = null }: { initialActive?: string | null }) {
  const [sel, setSel] = useState<{ keys: Set<string>; active: string | null }>({
    keys: new Set(initialActive ? [initialActive] : []),
    active: initialActive,
  });
  return (
    <DataGrid<Row>
      rows={BOOK}
      columns={COLUMNS}
      getRowKey={(r) => String(r.id)}
      label="Khách hàng sổ S01"
      selectedKeys={sel.keys}
      activeKey={sel.active}
      onSelectionChange={(keys, active) => setSel({ keys, active })}
      data-testid="grid"
    />
  );
}

const rowByCode = (code: string) => rowsEls().find((r) => r.textContent === code);

describe('DataGrid virtualisation (2,000-row book)', () => {
  it('renders only the rows around the viewport, and every row announces its position', () => {
    render(<BookGrid />);
    const grid = screen.getByRole('grid', { name: 'Khách hàng sổ S01' });
    expect(grid.getAttribute('aria-rowcount')).toBe('2001');
    const rendered = rowsEls();
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(50);
    expect(rendered[0]!.getAttribute('aria-rowindex')).toBe('2');
    expect(rowByCode('KH2000')).toBeUndefined();
  });

  it('arrowing down past the viewport keeps the cursor row rendered, selected and announced', async () => {
    const user = userEvent.setup();
    render(<BookGrid />);
    await user.click(rowByCode('KH0001')!);
    await user.keyboard('{ArrowDown>30/}');
    const cursor = rowByCode('KH0031');
    expect(cursor).toBeDefined();
    expect(cursor!.getAttribute('aria-selected')).toBe('true');
    expect(cursor!.getAttribute('aria-rowindex')).toBe('32');
    const grid = screen.getByTestId('grid');
    expect(grid.scrollTop).toBeGreaterThan(0);
    expect(grid.getAttribute('aria-activedescendant')).toBe(cursor!.id);
    expect(rowsEls().length).toBeLessThan(50);

    await user.keyboard('{End}');
    const last = rowByCode('KH2000');
    expect(last?.getAttribute('aria-selected')).toBe('true');
    expect(last?.getAttribute('aria-rowindex')).toBe('2001');
    expect(rowByCode('KH0031')).toBeUndefined();

    await user.keyboard('{PageUp}');
    // A page is the rows that fit in the viewport less one: 10 - 1 = 9.
    expect(rowByCode('KH1991')?.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Home}');
    expect(rowByCode('KH0001')?.getAttribute('aria-selected')).toBe('true');
    expect(grid.scrollTop).toBe(0);
  });

  it('scrolls a cursor row set by the screen into view', () => {
    render(<BookGrid initialActive="1500" />);
    const cursor = rowByCode('KH1500');
    expect(cursor?.getAttribute('aria-selected')).toBe('true');
    expect(cursor?.getAttribute('aria-rowindex')).toBe('1501');
  });

  it('Shift+arrow extends the selection across rows scrolled out of view', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(
      <DataGrid<Row>
        rows={BOOK}
        columns={COLUMNS}
        getRowKey={(r) => String(r.id)}
        label="Khách hàng sổ S01"
        onSelectionChange={onChange}
        data-testid="grid"
      />,
    );
    await user.click(rowByCode('KH0001')!);
    await user.keyboard('{Shift>}{ArrowDown>25/}{/Shift}');
    const [keys, active] = onChange.mock.calls.at(-1)!;
    expect((keys as Set<string>).size).toBe(26);
    expect(active).toBe('26');
    expect(rowByCode('KH0026')?.getAttribute('aria-selected')).toBe('true');
  });

  it('a header click sorts by the column (Vietnamese, numeric-aware), again reverses, a third time restores the order', async () => {
    const user = userEvent.setup();
    const rows: Row[] = [
      { id: 1, code: 'Đông 10' },
      { id: 2, code: 'An 2' },
      { id: 3, code: 'Đông 9' },
    ];
    render(<DataGrid<Row> rows={rows} columns={COLUMNS} getRowKey={(r) => String(r.id)} label="Sắp xếp" />);
    const codes = () => rowsEls().map((r) => r.textContent);
    const header = screen.getByRole('columnheader', { name: /Mã/ });
    await user.click(screen.getByTitle('Sắp xếp theo Mã'));
    expect(codes()).toEqual(['An 2', 'Đông 9', 'Đông 10']);
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    await user.click(screen.getByTitle('Sắp xếp theo Mã'));
    expect(codes()).toEqual(['Đông 10', 'Đông 9', 'An 2']);
    expect(header.getAttribute('aria-sort')).toBe('descending');
    await user.click(screen.getByTitle('Sắp xếp theo Mã'));
    expect(codes()).toEqual(['Đông 10', 'An 2', 'Đông 9']);
  });
});
