'use client';

import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { useLatestRef } from '@/components/ui/use-latest-ref';
import { errorMessage } from '@/lib/graphql/errors';
import {
  SetUserBooksMutation,
  UserBooksQuery,
  type Book,
  type Branch,
  type OrgTree,
  type Route,
  type UserSummary,
} from './admin.documents';
import { TriCheckbox } from './tri-checkbox';

export interface BookAssignmentProps {
  user: UserSummary;
  tree: OrgTree;
  onDirtyChange: (dirty: boolean) => void;
}

const norm = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

const EMPTY: ReadonlySet<number> = new Set();

const snapshot = (books: ReadonlySet<number>, routes: ReadonlySet<number>) =>
  `${[...books].sort((a, b) => a - b).join(',')}|${[...routes].sort((a, b) => a - b).join(',')}`;

/**
 * The reading books and routes a user may see and change (SPEC §11), as a tree branch → route → book.
 * Ticking a route gives the whole route (books added to it later included); ticking a book gives that book only.
 */
export function BookAssignment({ user, tree, onDirtyChange }: BookAssignmentProps) {
  const toast = useToast();
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(tree.branches.map((b) => `b${b.id}`)));
  const [query, setQuery] = useState('');

  // The stored grants come from the cache (saving returns the User, which re-runs this query and the list);
  // the ticks are a draft over the stored grants they started from, dropped as soon as those change.
  const [result, reexecute] = useQuery({ query: UserBooksQuery, variables: { id: user.id } });
  const [saving, executeSave] = useMutation(SetUserBooksMutation);
  const stored = useMemo(() => {
    const u = result.data?.user;
    return u ? { books: new Set(u.bookIds), routes: new Set(u.routeIds) } : null;
  }, [result.data]);
  const [draft, setDraft] = useState<{ base: typeof stored; books: Set<number>; routes: Set<number> } | null>(null);
  const current = draft && draft.base === stored ? draft : stored;
  const books = current?.books ?? null;
  const routes = current?.routes ?? EMPTY;
  const commit = (nextBooks: Set<number>, nextRoutes: Set<number>) =>
    setDraft({ base: stored, books: nextBooks, routes: nextRoutes });
  const error = saving.error ?? result.error;

  const dirty = books !== null && stored !== null && snapshot(books, routes) !== snapshot(stored.books, stored.routes);
  const dirtyRef = useLatestRef(onDirtyChange);
  useEffect(() => dirtyRef.current(dirty), [dirty, dirtyRef]);
  useEffect(() => () => dirtyRef.current(false), [dirtyRef]);

  const routesByBranch = useMemo(() => {
    const m = new Map<number, Route[]>();
    for (const r of tree.routes) m.set(r.branchId, [...(m.get(r.branchId) ?? []), r]);
    return m;
  }, [tree.routes]);
  const booksByRoute = useMemo(() => {
    const m = new Map<number, Book[]>();
    for (const b of tree.books) m.set(b.routeId, [...(m.get(b.routeId) ?? []), b]);
    return m;
  }, [tree.books]);

  async function save() {
    if (!books || saving.fetching) return;
    // Books covered by a ticked route are not sent one by one.
    const covered = new Set(tree.books.filter((b) => routes.has(b.routeId)).map((b) => b.id));
    const input = { userId: user.id, bookIds: [...books].filter((id) => !covered.has(id)), routeIds: [...routes] };
    const r = await executeSave({ input });
    if (r.error) return;
    toast.success(`Đã lưu sổ đọc, tuyến của ${user.login}.`);
  }

  useHotkeys({ 'Alt+S': () => void save() });

  const q = norm(query.trim());
  const matches = (x: { code: string; name: string }) => !q || norm(`${x.code} ${x.name}`).includes(q);

  if (error && !books)
    return (
      <EmptyState
        tone="error"
        title="Không tải được sổ đọc, tuyến của người dùng"
        description={errorMessage(error, 'Không tải được sổ đọc của người dùng.')}
        action={<Button onClick={() => reexecute({ requestPolicy: 'network-only' })}>Thử lại</Button>}
      />
    );
  if (!books)
    return (
      <div className="py-10 text-center">
        <Spinner label="Đang tải sổ đọc, tuyến…" />
      </div>
    );

  const toggleRoute = (route: Route, on: boolean) => {
    const nextRoutes = new Set(routes);
    const nextBooks = new Set(books);
    // A ticked route covers its books: single-book grants inside it are dropped; unticking clears it all.
    for (const b of booksByRoute.get(route.id) ?? []) nextBooks.delete(b.id);
    if (on) nextRoutes.add(route.id);
    else nextRoutes.delete(route.id);
    commit(nextBooks, nextRoutes);
  };
  const toggleBook = (book: Book, on: boolean) => {
    const next = new Set(books);
    if (on) next.add(book.id);
    else next.delete(book.id);
    commit(next, new Set(routes));
  };
  const toggleBranch = (branch: Branch, on: boolean) => {
    const nextRoutes = new Set(routes);
    const nextBooks = new Set(books);
    for (const r of routesByBranch.get(branch.id) ?? []) {
      for (const b of booksByRoute.get(r.id) ?? []) nextBooks.delete(b.id);
      if (on) nextRoutes.add(r.id);
      else nextRoutes.delete(r.id);
    }
    commit(nextBooks, nextRoutes);
  };

  const routeState = (r: Route) => {
    if (routes.has(r.id)) return { checked: true, indeterminate: false };
    const bs = booksByRoute.get(r.id) ?? [];
    return { checked: false, indeterminate: bs.some((b) => books.has(b.id)) };
  };
  const branchState = (b: Branch) => {
    const rs = routesByBranch.get(b.id) ?? [];
    const states = rs.map(routeState);
    const all = rs.length > 0 && states.every((s) => s.checked);
    return { checked: all, indeterminate: !all && states.some((s) => s.checked || s.indeterminate) };
  };

  const toggleExpanded = (key: string) =>
    setExpanded((s) => {
      const n = new Set(s);
      if (n.has(key)) n.delete(key);
      else n.add(key);
      return n;
    });

  const coveredCount = tree.books.filter((b) => routes.has(b.routeId) || books.has(b.id)).length;
  const expandAll = () =>
    setExpanded(new Set([...tree.branches.map((b) => `b${b.id}`), ...tree.routes.map((r) => `r${r.id}`)]));

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3" data-testid="book-assignment">
      <div className="flex flex-wrap items-center gap-2">
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Lọc theo mã, tên tuyến hoặc sổ…"
          aria-label="Lọc cây sổ đọc"
          data-testid="books-filter"
          className="w-64 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm"
        />
        <Button size="sm" variant="ghost" onClick={expandAll} data-testid="books-expand-all">
          Mở hết
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setExpanded(new Set())} data-testid="books-collapse-all">
          Thu gọn
        </Button>
        <span className="flex-1" />
        <span className="text-sm text-slate-600" data-testid="books-summary">
          {routes.size} tuyến, {coveredCount} / {tree.books.length} sổ
        </span>
        {dirty && (
          <span className="text-sm text-amber-700" data-testid="books-dirty">
            Chưa lưu
          </span>
        )}
        <Button onClick={() => setDraft(null)} disabled={!dirty || saving.fetching} data-testid="books-revert">
          Hoàn tác
        </Button>
        <Button
          variant="primary"
          onClick={() => void save()}
          disabled={saving.fetching}
          shortcut="Alt+S"
          data-testid="books-save"
        >
          {saving.fetching ? 'Đang lưu…' : 'Lưu sổ đọc, tuyến'}
        </Button>
      </div>
      {user.isAdmin && (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
          Quản trị viên thấy mọi sổ đọc; phân sổ chỉ có tác dụng khi bỏ quyền quản trị.
        </p>
      )}
      {error && (
        <p
          role="alert"
          data-testid="books-error"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {errorMessage(error, 'Không lưu được.')}
        </p>
      )}
      {tree.branches.length === 0 ? (
        <EmptyState title="Chưa có đơn vị, tuyến hay sổ đọc nào" description="Hãy thêm ở Danh mục trước." />
      ) : (
        <div className="min-h-0 flex-1 overflow-auto rounded-md border border-slate-200 bg-white p-2 text-sm">
          <ul role="tree" aria-label="Đơn vị, tuyến, sổ đọc" aria-multiselectable="true">
            {tree.branches.map((branch) => {
              const rs = (routesByBranch.get(branch.id) ?? []).filter(
                (r) => matches(branch) || matches(r) || (booksByRoute.get(r.id) ?? []).some(matches),
              );
              if (q && rs.length === 0 && !matches(branch)) return null;
              const open = !!q || expanded.has(`b${branch.id}`);
              const st = branchState(branch);
              return (
                <li key={branch.id} role="treeitem" aria-expanded={open} aria-selected={st.checked} className="py-0.5">
                  <div className="flex items-center gap-1.5 rounded px-1 py-0.5 hover:bg-slate-50">
                    <ExpandButton open={open} onClick={() => toggleExpanded(`b${branch.id}`)} label={branch.name} />
                    <label className="flex cursor-pointer items-center gap-2">
                      <TriCheckbox
                        {...st}
                        onChange={(on) => toggleBranch(branch, on)}
                        disabled={(routesByBranch.get(branch.id) ?? []).length === 0}
                        data-testid={`books-branch-${branch.id}`}
                      />
                      <span className="font-semibold text-slate-800">
                        {branch.code} – {branch.name}
                      </span>
                    </label>
                  </div>
                  {open && (
                    <ul role="group" className="ml-6 border-l border-slate-200 pl-2">
                      {rs.length === 0 && <li className="px-2 py-1 text-xs italic text-slate-400">Chưa có tuyến</li>}
                      {rs.map((route) => {
                        const rst = routeState(route);
                        const bs = (booksByRoute.get(route.id) ?? []).filter(
                          (b) => !q || matches(branch) || matches(route) || matches(b),
                        );
                        const ropen = (!!q && bs.length > 0) || expanded.has(`r${route.id}`);
                        const whole = routes.has(route.id);
                        return (
                          <li
                            key={route.id}
                            role="treeitem"
                            aria-expanded={ropen}
                            aria-selected={rst.checked}
                            className="py-0.5"
                          >
                            <div className="flex items-center gap-1.5 rounded px-1 py-0.5 hover:bg-slate-50">
                              <ExpandButton
                                open={ropen}
                                onClick={() => toggleExpanded(`r${route.id}`)}
                                label={route.name}
                              />
                              <label className="flex cursor-pointer items-center gap-2">
                                <TriCheckbox
                                  {...rst}
                                  onChange={(on) => toggleRoute(route, on)}
                                  data-testid={`books-route-${route.id}`}
                                />
                                <span className="text-slate-800">
                                  {route.code} – {route.name}
                                </span>
                              </label>
                              <span className="text-xs text-slate-400">
                                ({(booksByRoute.get(route.id) ?? []).length} sổ{whole ? ', cả tuyến' : ''})
                              </span>
                            </div>
                            {ropen && (
                              <ul role="group" className="ml-6 border-l border-slate-200 pl-2">
                                {bs.length === 0 && (
                                  <li className="px-2 py-1 text-xs italic text-slate-400">Chưa có sổ đọc</li>
                                )}
                                {bs.map((book) => (
                                  <li
                                    key={book.id}
                                    role="treeitem"
                                    aria-selected={whole || books.has(book.id)}
                                    className="py-0.5"
                                  >
                                    <label
                                      className={`flex items-center gap-2 rounded px-1 py-0.5 hover:bg-slate-50 ${whole ? 'cursor-not-allowed text-slate-400' : 'cursor-pointer'}`}
                                      title={whole ? 'Đã được giao cả tuyến' : undefined}
                                    >
                                      <TriCheckbox
                                        checked={whole || books.has(book.id)}
                                        disabled={whole}
                                        onChange={(on) => toggleBook(book, on)}
                                        data-testid={`books-book-${book.id}`}
                                      />
                                      <span>
                                        {book.code} – {book.name}
                                      </span>
                                    </label>
                                  </li>
                                ))}
                              </ul>
                            )}
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}

function ExpandButton({ open, onClick, label }: { open: boolean; onClick: () => void; label: string }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-label={`${open ? 'Thu gọn' : 'Mở'} ${label}`}
      className="flex h-5 w-5 items-center justify-center rounded text-xs text-slate-500 hover:bg-slate-200"
    >
      {open ? '▾' : '▸'}
    </button>
  );
}
