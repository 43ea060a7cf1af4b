'use client';

import { Fragment, useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Button } from '@/components/ui/button';
import { useConfirm } from '@/components/ui/confirm';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { useLatestRef } from '@/components/ui/use-latest-ref';
import { errorMessage } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import {
  PermissionMatrixQuery,
  PermissionRowFragment,
  SetPermissionsMutation,
  type Branch,
  type PermissionGroup,
  type PermissionRow,
  type UserSummary,
} from './admin.documents';
import { RIGHT_LABELS, RIGHTS, type Right } from './admin-rules';
import { TriCheckbox } from './tri-checkbox';

const GROUP_FALLBACK: Record<string, string> = { document: 'Chứng từ', catalog: 'Danh mục', report: 'Báo cáo' };

/** Ticking a right ticks "Truy cập"; unticking "Truy cập" clears the row (every right needs access, SPEC §11). */
function applyRight(row: PermissionRow, right: Right, on: boolean): PermissionRow {
  if (right === 'access') {
    return on
      ? { ...row, access: true }
      : { ...row, access: false, add: false, edit: false, delete: false, print: false, export: false };
  }
  return on ? { ...row, [right]: true, access: true } : { ...row, [right]: false };
}

const setAll = (row: PermissionRow, on: boolean): PermissionRow => ({
  ...row,
  access: on,
  add: on,
  edit: on,
  delete: on,
  print: on,
  export: on,
});

const keyOf = (r: { group: string; object: string }) => `${r.group}:${r.object}`;
const snapshot = (rows: readonly PermissionRow[]) =>
  JSON.stringify(rows.map((r) => [keyOf(r), ...RIGHTS.map((x) => r[x])]));

function tally(rows: readonly PermissionRow[], right: Right) {
  const n = rows.filter((r) => r[right]).length;
  return { checked: rows.length > 0 && n === rows.length, indeterminate: n > 0 && n < rows.length };
}

export interface PermissionMatrixProps {
  user: UserSummary;
  branches: readonly Branch[];
  groups: readonly PermissionGroup[];
  /** Tells the parent there are unsaved ticks (to confirm before switching user). */
  onDirtyChange: (dirty: boolean) => void;
}

/** Rights of one user on one branch: objects grouped Chứng từ / Danh mục / Báo cáo × six rights. */
export function PermissionMatrix({ user, branches, groups, onDirtyChange }: PermissionMatrixProps) {
  const toast = useToast();
  const { confirm, confirmElement } = useConfirm();
  const [branchId, setBranchId] = useState<number | null>(branches[0]?.id ?? null);

  // The stored rights come from the cache (saving re-runs the query: setPermissions returns PermissionRow);
  // the ticks are a draft over the stored rows they started from, dropped as soon as those rows change.
  const [matrix] = useQuery({
    query: PermissionMatrixQuery,
    variables: { userId: user.id, branchId: branchId ?? 0 },
    pause: branchId === null,
  });
  const stored = useMemo(
    () =>
      matrix.data
        ? (readFragment(PermissionRowFragment, matrix.data.permissionMatrix) as readonly PermissionRow[])
        : null,
    [matrix.data],
  );
  const [draft, setDraft] = useState<{ base: readonly PermissionRow[]; rows: readonly PermissionRow[] } | null>(null);
  const rows = draft && draft.base === stored ? draft.rows : stored;
  const [saving, executeSave] = useMutation(SetPermissionsMutation);
  const error = saving.error ?? matrix.error;

  const dirty = rows !== null && stored !== null && snapshot(rows) !== snapshot(stored);
  const dirtyRef = useLatestRef(onDirtyChange);
  useEffect(() => dirtyRef.current(dirty), [dirty, dirtyRef]);
  useEffect(() => () => dirtyRef.current(false), [dirtyRef]);

  const grouped = useMemo(() => {
    if (!rows) return [];
    const order = groups.length > 0 ? groups.map((g) => g.group) : [...new Set(rows.map((r) => r.group))];
    return order
      .map((g) => ({
        group: g,
        label: groups.find((x) => x.group === g)?.label ?? GROUP_FALLBACK[g] ?? g,
        rows: rows.filter((r) => r.group === g),
      }))
      .filter((g) => g.rows.length > 0);
  }, [rows, groups]);

  const update = (fn: (r: PermissionRow) => PermissionRow, which?: (r: PermissionRow) => boolean) => {
    if (!rows || !stored) return;
    setDraft({ base: stored, rows: rows.map((r) => (!which || which(r) ? fn(r) : r)) });
  };

  async function changeBranch(id: number) {
    if (
      dirty &&
      !(await confirm({
        title: 'Chưa lưu phân quyền',
        message: 'Các thay đổi trên đơn vị này chưa được lưu. Bỏ các thay đổi và chuyển đơn vị?',
        confirmLabel: 'Bỏ thay đổi',
      }))
    )
      return;
    setDraft(null);
    setBranchId(id);
  }

  async function save() {
    if (!rows || branchId === null || saving.fetching) return;
    const input = {
      userId: user.id,
      branchId,
      rows: rows.map(({ group, object, access, add, edit, delete: del, print, export: exp }) => ({
        group,
        object,
        access,
        add,
        edit,
        delete: del,
        print,
        export: exp,
      })),
    };
    const result = await executeSave({ input });
    if (result.error) return;
    // The draft stays until the re-run query brings the stored rows (the cache re-runs it on this result).
    const branch = branches.find((b) => b.id === branchId);
    toast.success(`Đã lưu phân quyền của ${user.login} trên ${branch?.name ?? 'đơn vị'}.`);
  }

  useHotkeys({ 'Alt+S': () => void save() }, rows !== null);

  if (branches.length === 0)
    return (
      <EmptyState
        title="Chưa có đơn vị cơ sở nào"
        description="Quyền được cấp theo từng đơn vị cơ sở. Hãy thêm đơn vị ở Danh mục › Đơn vị cơ sở trước."
        data-testid="perm-no-branch"
      />
    );

  const cell = 'border-b border-slate-100 px-1 py-1.5 text-center';
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3" data-testid="permission-matrix">
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-2 text-sm">
          <span className="font-medium text-slate-700">Đơn vị cơ sở</span>
          <select
            data-testid="perm-branch"
            value={branchId ?? ''}
            onChange={(e) => void changeBranch(Number(e.target.value))}
            className="max-w-56 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            {branches.map((b) => (
              <option key={b.id} value={b.id}>
                {b.code} – {b.name}
              </option>
            ))}
          </select>
        </label>
        <span className="flex-1" />
        {dirty && (
          <span className="text-sm text-amber-700" data-testid="perm-dirty">
            Chưa lưu
          </span>
        )}
        <Button onClick={() => setDraft(null)} disabled={!dirty || saving.fetching} data-testid="perm-revert">
          Hoàn tác
        </Button>
        <Button
          variant="primary"
          onClick={() => void save()}
          disabled={!rows || saving.fetching}
          shortcut="Alt+S"
          data-testid="perm-save"
        >
          {saving.fetching ? 'Đang lưu…' : 'Lưu phân quyền'}
        </Button>
      </div>

      {user.isAdmin && (
        <p
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800"
          data-testid="perm-admin-note"
        >
          {user.fullName} là quản trị viên nên có toàn quyền trên mọi đơn vị; bảng dưới chỉ có tác dụng khi bỏ quyền
          quản trị.
        </p>
      )}
      {error && (
        <p
          role="alert"
          data-testid="perm-error"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {errorMessage(error, 'Không tải được phân quyền.')}
        </p>
      )}

      {!rows ? (
        matrix.fetching ? (
          <div className="py-10 text-center">
            <Spinner label="Đang tải phân quyền…" />
          </div>
        ) : null
      ) : (
        <div className="min-h-0 flex-1 overflow-auto rounded-md border border-slate-200 bg-white">
          <table
            className="w-full border-separate border-spacing-0 text-sm"
            aria-label={`Phân quyền của ${user.login}`}
          >
            <thead className="sticky top-0 z-10 bg-slate-100 text-xs text-slate-600">
              <tr>
                <th
                  scope="col"
                  className="min-w-56 border-b border-slate-300 bg-slate-100 px-3 py-2 text-left font-semibold"
                >
                  Đối tượng
                </th>
                {RIGHTS.map((r) => (
                  <th
                    key={r}
                    scope="col"
                    className="w-16 border-b border-slate-300 bg-slate-100 px-1 py-2 font-semibold"
                  >
                    {RIGHT_LABELS[r]}
                  </th>
                ))}
                <th scope="col" className="w-16 border-b border-slate-300 bg-slate-100 px-1 py-2 font-semibold">
                  Tất cả
                </th>
              </tr>
              <tr className="bg-slate-50">
                <th
                  scope="row"
                  className="whitespace-nowrap border-b border-slate-300 bg-slate-50 px-3 py-1 text-left text-xs font-normal italic text-slate-500"
                >
                  Chọn cả cột
                </th>
                {RIGHTS.map((r) => {
                  const t = tally(rows, r);
                  return (
                    <td key={r} className={`${cell} border-slate-300 bg-slate-50`}>
                      <TriCheckbox
                        {...t}
                        onChange={(on) => update((row) => applyRight(row, r, on))}
                        aria-label={`${RIGHT_LABELS[r]}: chọn cả cột`}
                        data-testid={`perm-col-${r}`}
                      />
                    </td>
                  );
                })}
                <td className={`${cell} border-slate-300 bg-slate-50`}>
                  <TriCheckbox
                    checked={RIGHTS.every((r) => tally(rows, r).checked)}
                    indeterminate={rows.some((row) => row.access)}
                    onChange={(on) => update((row) => setAll(row, on))}
                    aria-label="Chọn tất cả quyền"
                    data-testid="perm-all"
                  />
                </td>
              </tr>
            </thead>
            <tbody>
              {grouped.map((g) => (
                <Fragment key={g.group}>
                  <tr className="bg-brand-50/60" data-testid={`perm-group-${g.group}`}>
                    <th
                      scope="rowgroup"
                      className="whitespace-nowrap border-b border-slate-200 px-3 py-1.5 text-left text-xs font-bold uppercase tracking-wide text-brand-700"
                    >
                      {g.label}
                    </th>
                    {RIGHTS.map((r) => {
                      const t = tally(g.rows, r);
                      return (
                        <td key={r} className={cell}>
                          <TriCheckbox
                            {...t}
                            onChange={(on) =>
                              update(
                                (row) => applyRight(row, r, on),
                                (row) => row.group === g.group,
                              )
                            }
                            aria-label={`${g.label} – ${RIGHT_LABELS[r]}: chọn cả nhóm`}
                            data-testid={`perm-${g.group}-all-${r}`}
                          />
                        </td>
                      );
                    })}
                    <td className={cell}>
                      <TriCheckbox
                        checked={g.rows.every((row) => RIGHTS.every((r) => row[r]))}
                        indeterminate={g.rows.some((row) => row.access)}
                        onChange={(on) =>
                          update(
                            (row) => setAll(row, on),
                            (row) => row.group === g.group,
                          )
                        }
                        aria-label={`${g.label}: chọn tất cả quyền của nhóm`}
                        data-testid={`perm-group-${g.group}-all`}
                      />
                    </td>
                  </tr>
                  {g.rows.map((row) => {
                    const n = RIGHTS.filter((r) => row[r]).length;
                    return (
                      <tr
                        key={keyOf(row)}
                        className="hover:bg-slate-50"
                        data-testid={`perm-row-${row.group}-${row.object}`}
                      >
                        <th
                          scope="row"
                          className="border-b border-slate-100 py-1.5 pl-6 pr-3 text-left font-normal whitespace-nowrap text-slate-800"
                        >
                          {row.label}
                        </th>
                        {RIGHTS.map((r) => (
                          <td key={r} className={cell}>
                            <TriCheckbox
                              checked={row[r]}
                              onChange={(on) =>
                                update(
                                  (x) => applyRight(x, r, on),
                                  (x) => keyOf(x) === keyOf(row),
                                )
                              }
                              aria-label={`${row.label} – ${RIGHT_LABELS[r]}`}
                              data-testid={`perm-${row.group}-${row.object}-${r}`}
                            />
                          </td>
                        ))}
                        <td className={cell}>
                          <TriCheckbox
                            checked={n === RIGHTS.length}
                            indeterminate={n > 0}
                            onChange={(on) =>
                              update(
                                (x) => setAll(x, on),
                                (x) => keyOf(x) === keyOf(row),
                              )
                            }
                            aria-label={`${row.label}: chọn cả dòng`}
                            data-testid={`perm-${row.group}-${row.object}-all`}
                          />
                        </td>
                      </tr>
                    );
                  })}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {confirmElement}
    </div>
  );
}
