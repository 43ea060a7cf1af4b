// @vitest-environment jsdom
import { Provider } from 'urql';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CatalogForm } from '@/components/catalogs/catalog-form';
import type { CatalogColumn, CatalogRow } from '@/components/catalogs/catalog-columns';
import { catalogDocuments, type CatalogInfo } from '@/components/catalogs/catalog-documents';
import { fakeApiClient, type FakeAnswer, type SentOperation } from '@/test/helpers/fake-api';

afterEach(cleanup);

const INFO = {
  name: 'readingBooks',
  label: 'Sổ đọc',
  typeName: 'ReadingBook',
  canAdd: true,
  canEdit: true,
  canDelete: true,
  canExport: true,
} as CatalogInfo;

const column = (c: Partial<CatalogColumn> & Pick<CatalogColumn, 'name' | 'label' | 'kind'>): CatalogColumn => ({
  ref: null,
  required: false,
  nullable: false,
  readOnly: false,
  options: [],
  ...c,
});

/** The writable columns of the reading books, as `catalogColumns` describes them. */
const COLUMNS = [
  column({ name: 'code', label: 'Mã', kind: 'string', required: true }),
  column({ name: 'name', label: 'Tên sổ', kind: 'string', required: true }),
  column({ name: 'routeId', label: 'Tuyến', kind: 'ref', ref: 'routes', required: true }),
  column({ name: 'readerName', label: 'Người ghi chỉ số', kind: 'string', nullable: true }),
  column({ name: 'readingDay', label: 'Ngày ghi', kind: 'int', nullable: true }),
];

const ROUTES = new Map([['routes', [{ id: 3, code: 'T03', name: 'Tuyến Đội Cấn' }]]]);

function renderForm(answer: (op: SentOperation) => FakeAnswer, row: CatalogRow | null = null) {
  const sent: SentOperation[] = [];
  const onSaved = vi.fn();
  render(
    <Provider value={fakeApiClient(sent, answer)}>
      <CatalogForm
        info={INFO}
        columns={COLUMNS}
        row={row}
        documents={catalogDocuments('readingBooks')}
        refOptions={ROUTES}
        refProblems={new Map()}
        onSaved={onSaved}
        onCancel={() => {}}
      />
    </Provider>,
  );
  return { user: userEvent.setup(), sent, onSaved };
}

const saved = (): FakeAnswer => ({ data: { row: { __typename: 'ReadingBook', id: 12 } } });

describe('catalog form (schema built from the column descriptions)', () => {
  it('refuses missing and malformed values without sending, the cursor on the first wrong field', async () => {
    const { user, sent, onSaved } = renderForm(saved);
    await user.type(screen.getByTestId('field-name'), 'Sổ Đội Cấn');
    await user.type(screen.getByTestId('field-readingDay'), '1a');
    await user.click(screen.getByTestId('form-save'));

    expect((await screen.findByTestId('error-code')).textContent).toBe('Mã là bắt buộc.');
    expect(screen.getByTestId('error-routeId').textContent).toBe('Chưa chọn tuyến.');
    expect(screen.getByTestId('error-readingDay').textContent).toBe('Ngày ghi phải là số nguyên.');
    expect(screen.queryByTestId('error-name')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('field-code')));
    expect(sent).toEqual([]);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('sends the typed row converted by column kind (ids and integers as numbers, empty as null)', async () => {
    const { user, sent, onSaved } = renderForm(saved);
    await user.type(screen.getByTestId('field-code'), ' S21 ');
    await user.type(screen.getByTestId('field-name'), 'Sổ Đội Cấn');
    await user.selectOptions(screen.getByTestId('field-routeId'), '3');
    await user.type(screen.getByTestId('field-readingDay'), '15');
    await user.keyboard('{Alt>}s{/Alt}');

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(12));
    expect(sent.map((op) => [op.operationName, op.variables.input])).toEqual([
      ['CreateReadingBook', { code: 'S21', name: 'Sổ Đội Cấn', routeId: 3, readerName: null, readingDay: 15 }],
    ]);
  });

  it('puts the server’s refusal under the column it names', async () => {
    const { user, sent, onSaved } = renderForm(() => ({
      errors: [{ message: 'Mã S01 đã có.', extensions: { code: 'DUPLICATE_CODE', field: 'input.code' } }],
    }));
    await user.type(screen.getByTestId('field-code'), 'S01');
    await user.type(screen.getByTestId('field-name'), 'Sổ 1');
    await user.selectOptions(screen.getByTestId('field-routeId'), '3');
    await user.click(screen.getByTestId('form-save'));

    expect((await screen.findByTestId('error-code')).textContent).toBe('Mã S01 đã có.');
    expect(screen.queryByTestId('form-error')).toBeNull();
    expect(sent).toHaveLength(1);
    expect(onSaved).not.toHaveBeenCalled();
  });
});
