'use client';

import { useCallback, useMemo, useRef, useState } from 'react';
import { useClient, useMutation, useQuery, type SSRData } from 'urql';
import { Button } from '@/components/ui/button';
import { useConfirm } from '@/components/ui/confirm';
import { DataGrid, type DataGridColumn } from '@/components/ui/data-grid';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { Toolbar, ToolbarButton } from '@/components/ui/toolbar';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { errorMessage } from '@/lib/graphql/errors';
import { readFragment } from '@/lib/graphql/graphql';
import { useHydrate } from '@/lib/graphql/provider';
import {
  DeleteUserMutation,
  ORG_TREE_VARIABLES,
  OrgTreeQuery,
  orgTreeIncomplete,
  UserFieldsFragment,
  UsersQuery,
  type OrgTree,
  type UserSummary,
} from './admin.documents';
import { BookAssignment } from './book-assignment';
import { PermissionMatrix } from './permission-matrix';
import { UserDialog } from './user-dialog';

/** Users and permissions (SPEC §11, admins only): the list, add / edit / delete, rights per branch, books and routes. */
export interface UsersScreenProps {
  meId: number;
  /** The users and the organisation tree, executed by the Server Component through the same documents. */
  initialData?: SSRData;
}

export function UsersScreen(props: UsersScreenProps) {
  return (
    <ToastProvider>
      <UsersScreenInner {...props} />
    </ToastProvider>
  );
}

const NO_USERS: readonly UserSummary[] = [];

type Tab = 'permissions' | 'books';

function UsersScreenInner({ meId, initialData }: UsersScreenProps) {
  const requestPolicy = useHydrate(initialData);
  const client = useClient();
  const toast = useToast();
  const { confirm, confirmElement } = useConfirm();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [dialog, setDialog] = useState<{ user: UserSummary | null } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('permissions');

  // The cache owns loading, errors and refreshing: a saved or created user re-runs the list (its result is a
  // User), a deletion names `User` itself. Both lists come from the server render on the first visit.
  const [usersResult, reexecuteUsers] = useQuery({ query: UsersQuery, requestPolicy });
  const [treeResult] = useQuery({ query: OrgTreeQuery, variables: ORG_TREE_VARIABLES, requestPolicy });
  const [removal, executeDelete] = useMutation(DeleteUserMutation);
  const users = usersResult.data ? readFragment(UserFieldsFragment, usersResult.data.users) : null;
  const loadError = usersResult.error ? errorMessage(usersResult.error, 'Không tải được danh sách người dùng.') : null;
  const refreshUsers = useCallback(() => reexecuteUsers({ requestPolicy: 'network-only' }), [reexecuteUsers]);
  const treeData = treeResult.data;
  const tree = useMemo<OrgTree | null>(
    () =>
      treeData
        ? { branches: treeData.branches.rows, routes: treeData.routes.rows, books: treeData.readingBooks.rows }
        : null,
    [treeData],
  );
  const groups = treeData?.permissionObjects ?? [];
  const refError = treeResult.error
    ? errorMessage(treeResult.error, 'Không tải được danh mục đơn vị, tuyến, sổ đọc.')
    : null;

  const dirty = useRef(false);
  const setDirty = useCallback((d: boolean) => {
    dirty.current = d;
  }, []);

  // The chosen user while they are in the list, else the first one (a deleted user's place goes to the first).
  const selected = users?.find((u) => u.id === selectedId) ?? users?.[0] ?? null;

  const guardDirty = async () =>
    !dirty.current ||
    (await confirm({
      title: 'Chưa lưu thay đổi',
      message: 'Các thay đổi phân quyền hoặc sổ đọc chưa được lưu. Bỏ các thay đổi đó?',
      confirmLabel: 'Bỏ thay đổi',
    }));

  async function select(id: number | null) {
    if (id === (selected?.id ?? null)) return;
    if (!(await guardDirty())) return;
    dirty.current = false;
    setSelectedId(id);
  }

  async function switchTab(t: Tab) {
    if (t === tab) return;
    if (!(await guardDirty())) return;
    dirty.current = false;
    setTab(t);
  }

  async function remove() {
    if (!selected || removal.fetching) return;
    if (selected.id === meId) {
      setActionError('Không thể xóa tài khoản của chính mình.');
      return;
    }
    const ok = await confirm({
      title: 'Xóa người dùng',
      message: (
        <>
          Xóa người dùng <strong>{selected.login}</strong> ({selected.fullName})? Người dùng đã có dữ liệu (ghi chỉ số,
          lịch sử…) sẽ được khóa thay vì xóa hẳn.
        </>
      ),
      confirmLabel: 'Xóa',
      danger: true,
    });
    if (!ok) return;
    setActionError(null);
    const target = selected;
    const result = await executeDelete({ id: target.id }, { additionalTypenames: ['User'] });
    if (result.error) {
      setActionError(errorMessage(result.error, 'Không xóa được người dùng.'));
      return;
    }
    dirty.current = false;
    // A user who authored records is locked rather than deleted (same answer): the fresh list tells which.
    const after = await client.query(UsersQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    const list = after.data ? readFragment(UserFieldsFragment, after.data.users) : NO_USERS;
    if (list.some((u) => u.id === target.id)) {
      toast.info(`Người dùng ${target.login} đã có dữ liệu nên được khóa thay vì xóa.`);
    } else {
      toast.success(`Đã xóa người dùng ${target.login}.`);
      setSelectedId(null);
    }
  }

  const openAdd = () => {
    setActionError(null);
    setDialog({ user: null });
  };
  const openEdit = () => {
    if (!selected) return;
    setActionError(null);
    setDialog({ user: selected });
  };

  useHotkeys({ F4: openAdd, F2: openEdit, F3: () => void remove() }, dialog === null);

  const columns = useMemo<DataGridColumn<UserSummary>[]>(
    () => [
      { key: 'login', header: 'Tên đăng nhập', width: 110, value: (u) => u.login },
      { key: 'fullName', header: 'Họ tên', width: 'minmax(120px,1fr)', value: (u) => u.fullName },
      {
        key: 'role',
        header: 'Vai trò',
        width: 85,
        value: (u) => (u.isAdmin ? 'Quản trị' : 'Nhân viên'),
        render: (u) => (u.isAdmin ? <span className="font-medium text-brand-700">Quản trị</span> : 'Nhân viên'),
      },
      {
        key: 'status',
        header: 'Trạng thái',
        width: 90,
        value: (u) => (u.isActive ? 'Hoạt động' : 'Đã khóa'),
        render: (u) => (u.isActive ? 'Hoạt động' : <span className="text-red-700">Đã khóa</span>),
      },
    ],
    [],
  );

  return (
    <div className="flex h-full min-h-0 flex-col gap-3 p-4" data-testid="users-screen">
      <header className="flex items-baseline gap-3">
        <h1 className="text-lg font-bold text-slate-900">Người dùng, phân quyền</h1>
        <span className="text-sm text-slate-500">Hệ thống</span>
      </header>

      {actionError && (
        <div
          role="alert"
          data-testid="action-error"
          className="flex items-start justify-between gap-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          <p>{actionError}</p>
          <button
            type="button"
            aria-label="Đóng thông báo lỗi"
            onClick={() => setActionError(null)}
            className="px-1 text-red-500 hover:text-red-800"
          >
            ×
          </button>
        </div>
      )}

      <div className="flex min-h-0 flex-1 gap-4">
        <section aria-label="Danh sách người dùng" className="flex w-[28rem] shrink-0 flex-col gap-2">
          <Toolbar label="Lệnh người dùng">
            <ToolbarButton label="Thêm" shortcut="F4" variant="primary" onClick={openAdd} data-testid="btn-add-user" />
            <ToolbarButton
              label="Sửa"
              shortcut="F2"
              onClick={openEdit}
              disabledReason={!selected ? 'Chọn một người dùng để sửa.' : null}
              data-testid="btn-edit-user"
            />
            <ToolbarButton
              label={removal.fetching ? 'Đang xóa…' : 'Xóa'}
              shortcut="F3"
              onClick={() => void remove()}
              disabled={removal.fetching}
              disabledReason={
                !selected
                  ? 'Chọn một người dùng để xóa.'
                  : selected.id === meId
                    ? 'Không thể xóa tài khoản của chính mình.'
                    : null
              }
              data-testid="btn-delete-user"
            />
            <ToolbarButton label="Làm mới" onClick={refreshUsers} data-testid="btn-refresh-users" />
          </Toolbar>
          <div className="min-h-0 flex-1">
            {loadError && !users ? (
              <div className="h-full rounded-md border border-red-200 bg-white">
                <EmptyState
                  tone="error"
                  title="Không tải được danh sách người dùng"
                  description={loadError}
                  action={<Button onClick={refreshUsers}>Thử lại</Button>}
                  data-testid="users-error"
                />
              </div>
            ) : !users ? (
              <div className="flex h-full items-center justify-center rounded-md border border-slate-200 bg-white">
                <Spinner label="Đang tải người dùng…" />
              </div>
            ) : (
              <DataGrid<UserSummary>
                rows={users}
                columns={columns}
                getRowKey={(u) => String(u.id)}
                label="Danh sách người dùng"
                multiSelect={false}
                selectedKeys={new Set(selected ? [String(selected.id)] : [])}
                activeKey={selected ? String(selected.id) : null}
                onSelectionChange={(_s, active) => void select(active !== null ? Number(active) : null)}
                onRowActivate={() => openEdit()}
                rowTestId="user-row"
                rowClassName={(u) => (u.isActive ? undefined : 'text-slate-400')}
                data-testid="users-grid"
                emptyContent={<EmptyState title="Chưa có người dùng nào" />}
              />
            )}
          </div>
        </section>

        <section
          aria-label="Phân quyền người dùng"
          className="flex min-w-0 flex-1 flex-col gap-3 rounded-md border border-slate-200 bg-white p-4"
        >
          {!selected ? (
            <EmptyState
              title="Chọn một người dùng"
              description="Chọn người dùng ở danh sách bên trái để phân quyền và giao sổ đọc."
            />
          ) : (
            <>
              <div className="flex flex-wrap items-baseline gap-2" data-testid="selected-user">
                <h2 className="text-base font-semibold text-slate-900">{selected.fullName}</h2>
                <span className="text-sm text-slate-500">({selected.login})</span>
                {selected.isAdmin && (
                  <span className="rounded-full bg-brand-100 px-2 py-0.5 text-xs text-brand-700">Quản trị viên</span>
                )}
                {!selected.isActive && (
                  <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs text-red-700">Đã khóa</span>
                )}
              </div>
              <div role="tablist" aria-label="Phân quyền" className="flex gap-1 border-b border-slate-200">
                {(
                  [
                    ['permissions', 'Quyền chức năng'],
                    ['books', 'Sổ đọc, tuyến'],
                  ] as const
                ).map(([t, label]) => (
                  <button
                    key={t}
                    type="button"
                    role="tab"
                    aria-selected={tab === t}
                    data-testid={`tab-${t}`}
                    onClick={() => void switchTab(t)}
                    className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${tab === t ? 'border-brand-600 font-medium text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
                  >
                    {label}
                  </button>
                ))}
              </div>
              {treeData && orgTreeIncomplete(treeData) && (
                <p
                  role="status"
                  data-testid="org-tree-incomplete"
                  className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
                >
                  Chỉ hiện 500 đơn vị, tuyến hoặc sổ đọc đầu tiên; phần còn lại chưa giao được ở màn hình này.
                </p>
              )}
              {refError ? (
                <EmptyState tone="error" title="Không tải được dữ liệu phân quyền" description={refError} />
              ) : !tree || !treeData ? (
                <div className="py-10 text-center">
                  <Spinner label="Đang tải…" />
                </div>
              ) : tab === 'permissions' ? (
                <PermissionMatrix
                  key={selected.id}
                  user={selected}
                  branches={tree.branches}
                  groups={groups}
                  onDirtyChange={setDirty}
                />
              ) : (
                <BookAssignment key={selected.id} user={selected} tree={tree} onDirtyChange={setDirty} />
              )}
            </>
          )}
        </section>
      </div>

      {dialog && (
        <UserDialog
          user={dialog.user}
          meId={meId}
          onCancel={() => setDialog(null)}
          onSaved={(u, note) => {
            const isNew = dialog.user === null;
            setDialog(null);
            dirty.current = false;
            setSelectedId(u.id);
            toast.success(
              isNew ? `Đã thêm người dùng ${u.login}.` : `Đã lưu người dùng ${u.login}.${note ? ` ${note}` : ''}`,
            );
          }}
        />
      )}
      {confirmElement}
    </div>
  );
}
