import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { customers } from '@/db/schema/customers';
import { readingBooks } from '@/db/schema/org';
import { pgArray, rowsOf } from '@/db/sql';
import { nextSequenceAtEnd, renumberPlan, sequenceBetween } from '@/domain/customers/numbering';
import { foldVietnamese } from '@/domain/text/normalize';
import { type Actor, booksWithRight } from '@/services/auth/actor';
import { AppError } from '@/services/errors';
import { assertBookRight, getCustomerForActor, maxSequence } from './customer.service';
import { recordHistory } from './history';

/** One line of the book grid: flat, read in one query, enough to render 2,000 rows at once. */
export interface BookCustomerRow {
  id: number;
  code: string;
  bookId: number;
  sequenceNo: number;
  name: string;
  address: string;
  phone: string | null;
  customerType: number;
  households: number;
  persons: number;
  status: number;
  isPreferential: boolean;
  bookCode: string;
  serviceTypeCode: string | null;
  serviceTypeName: string | null;
  wardName: string | null;
  meterSerial: string | null;
  contractNumber: string | null;
  version: number;
}

const BOOK_ROW_SELECT = sql`
  c.id, c.code, c.book_id as "bookId", c.sequence_no as "sequenceNo", c.name, c.address, c.phone,
  c.customer_type as "customerType", c.households, c.persons, c.status, c.is_preferential as "isPreferential",
  rb.code as "bookCode", st.code as "serviceTypeCode", st.name as "serviceTypeName", w.name as "wardName", m.serial as "meterSerial", ct.number as "contractNumber", c.version`;

const BOOK_ROW_JOINS = sql`
  from customers c
  join reading_books rb on rb.id = c.book_id
  left join service_types st on st.id = c.service_type_id
  left join wards w on w.id = c.ward_id
  left join meters m on m.customer_id = c.id and m.is_active
  left join contracts ct on ct.customer_id = c.id and ct.is_current`;

function toRow(r: Record<string, unknown>): BookCustomerRow {
  return {
    ...(r as unknown as BookCustomerRow),
    id: Number(r.id),
    bookId: Number(r.bookId),
    sequenceNo: Number(r.sequenceNo),
    customerType: Number(r.customerType),
    households: Number(r.households),
    persons: Number(r.persons),
    status: Number(r.status),
    version: Number(r.version),
  };
}

/**
 * Accent- and case-insensitive match on name, address, phone and code (the stored `search_text`, folded by the
 * same foldVietnamese, so NFC and NFD input alike), an exact code, or a meter serial.
 *
 * `scope: 'everywhere'`: every arm can use an index (trigram GIN on search_text, the code key, meters_serial
 * through `id = any(array(…))`), so PostgreSQL combines them in a BitmapOr instead of scanning every customer;
 * a correlated EXISTS arm would force the scan.
 * `scope: 'few-books'`: the caller also filters on a handful of books, whose customers (≈2,000 a book) are
 * cheaper to read through the book index and filter than a common fragment ("nguyen" matches a third of all
 * customers) is to gather from the trigram index; `search_text || ''` keeps the planner from picking the trigram
 * index on its (rough) estimate of a LIKE.
 */
function searchCondition(query: string, scope: 'everywhere' | 'few-books' = 'everywhere'): SQL {
  const folded = `%${foldVietnamese(query).replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const raw = query.trim();
  const text = scope === 'everywhere' ? sql`c.search_text` : sql`(c.search_text || '')`;
  return sql`(${text} like ${folded} or c.code = ${raw.toUpperCase()}
    or c.id = any(array(select ms.customer_id from meters ms where ms.serial = ${raw})))`;
}

/** Up to this many books, a search reads the books' customers rather than the trigram index (see searchCondition). */
const FEW_BOOKS = 20;

export async function listBookCustomers(
  db: DbOrTx,
  actor: Actor,
  input: { bookId: number; search?: string | null; offset?: number; limit?: number },
): Promise<{ rows: BookCustomerRow[]; total: number }> {
  assertBookRight(actor, input.bookId, 'access');
  const where = input.search?.trim()
    ? sql`c.book_id = ${input.bookId} and ${searchCondition(input.search, 'few-books')}`
    : sql`c.book_id = ${input.bookId}`;
  const limit = Math.min(Math.max(input.limit ?? 5000, 1), 5000);
  const offset = Math.max(input.offset ?? 0, 0);
  const [rows, totals] = await Promise.all([
    db.execute(
      sql`select ${BOOK_ROW_SELECT} ${BOOK_ROW_JOINS} where ${where} order by c.sequence_no limit ${limit} offset ${offset}`,
    ),
    db.execute(sql`select count(*)::int as n from customers c where ${where}`),
  ]);
  return {
    rows: rowsOf<Record<string, unknown>>(rows).map(toRow),
    total: Number(rowsOf<{ n: number }>(totals)[0]?.n ?? 0),
  };
}

export interface SearchHit extends BookCustomerRow {
  inCurrentBook: boolean;
}

/**
 * Searches every book the actor may read (filtered in SQL, so hidden customers never count), current book first:
 * the screen can then say "this customer is in book S02".
 */
export async function searchCustomers(
  db: DbOrTx,
  actor: Actor,
  input: { query: string; currentBookId?: number | null; limit?: number },
): Promise<SearchHit[]> {
  const q = input.query.trim();
  if (q.length < 2) throw new AppError('SEARCH_TOO_SHORT', 'Nhập ít nhất 2 ký tự để tìm.');
  const books = booksWithRight(actor, 'customers', 'access');
  if (books !== null && books.length === 0) return [];
  const bookFilter = books === null ? sql`true` : sql`c.book_id = any(${pgArray(books)}::int[])`;
  const current = input.currentBookId ?? 0;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select ${BOOK_ROW_SELECT}
      ${BOOK_ROW_JOINS}
      where ${bookFilter} and ${searchCondition(q, books !== null && books.length <= FEW_BOOKS ? 'few-books' : 'everywhere')}
      order by (c.book_id = ${current}) desc, rb.code, c.sequence_no
      limit ${Math.min(input.limit ?? 50, 200)}`),
  );
  return rows.map((r) => ({ ...toRow(r), inCurrentBook: Number(r.bookId) === current }));
}

/**
 * The grid's computed columns of customers loaded one by one (the detail, a mutation's answer), read with the
 * grid's own joins in one statement for all of them. No right is checked here: the caller already holds rows
 * it was allowed to load.
 */
export async function bookRowsByIds(db: DbOrTx, ids: number[]): Promise<Map<number, BookCustomerRow>> {
  if (ids.length === 0) return new Map();
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select ${BOOK_ROW_SELECT} ${BOOK_ROW_JOINS} where c.id = any(${pgArray(ids)}::int[])`),
  );
  return new Map(rows.map((r) => [Number(r.id), toRow(r)]));
}

/** Whole customer rows by id, for the columns a grid row or a search hit does not carry; one statement. */
export async function customersByIds(db: DbOrTx, ids: number[]): Promise<Map<number, typeof customers.$inferSelect>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(customers).where(inArray(customers.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Moves customers to another book, appended at its end in their current order; one transaction. */
export async function moveCustomers(
  db: DbOrTx,
  actor: Actor,
  input: { customerIds: number[]; targetBookId: number },
): Promise<number> {
  const ids = [...new Set(input.customerIds)];
  if (ids.length === 0) throw new AppError('NOTHING_SELECTED', 'Chưa chọn khách hàng nào để chuyển.');
  const [target] = await db.select().from(readingBooks).where(eq(readingBooks.id, input.targetBookId)).limit(1);
  if (!target) throw new AppError('NOT_FOUND', 'Không tìm thấy sổ đọc đích.');
  assertBookRight(actor, target.id, 'edit');
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: customers.id, bookId: customers.bookId, sequenceNo: customers.sequenceNo })
      .from(customers)
      .where(inArray(customers.id, ids))
      .orderBy(asc(customers.bookId), asc(customers.sequenceNo));
    if (rows.length !== ids.length) throw new AppError('NOT_FOUND', 'Không tìm thấy một số khách hàng đã chọn.');
    for (const r of rows) assertBookRight(actor, r.bookId, 'edit');
    const moving = rows.filter((r) => r.bookId !== target.id);
    let seq = await maxSequence(tx, target.id);
    const plan = moving.map((r) => {
      seq = nextSequenceAtEnd(seq);
      return { id: r.id, from: r.bookId, fromSeq: r.sequenceNo, sequenceNo: seq };
    });
    if (plan.length > 0) {
      await tx.execute(sql`
        update customers c set book_id = ${target.id}, sequence_no = p.seq, version = c.version + 1, updated_at = now()
        from unnest(${pgArray(plan.map((p) => p.id))}::int[], ${pgArray(plan.map((p) => p.sequenceNo))}::int[]) as p(id, seq)
        where c.id = p.id`);
      await recordHistory(
        tx,
        actor,
        plan.map((p) => ({
          customerId: p.id,
          kind: 'book' as const,
          before: { bookId: p.from, sequenceNo: p.fromSeq },
          after: { bookId: target.id, sequenceNo: p.sequenceNo },
        })),
      );
    }
    return plan.length;
  });
}

/**
 * Applies new sequence numbers in two steps (first out of the way, then into place) so the
 * (book, sequence) unique index never sees a transient duplicate.
 */
async function applySequences(tx: DbOrTx, plan: { id: number; sequenceNo: number }[]): Promise<void> {
  if (plan.length === 0) return;
  const ids = plan.map((p) => p.id);
  await tx.execute(
    sql`update customers set sequence_no = sequence_no + 1000000000 where id = any(${pgArray(ids)}::int[])`,
  );
  await tx.execute(sql`
    update customers c set sequence_no = p.seq, version = c.version + 1
    from unnest(${pgArray(ids)}::int[], ${pgArray(plan.map((p) => p.sequenceNo))}::int[]) as p(id, seq) where c.id = p.id`);
}

/** Renumbers a whole book in tens (10, 20, 30 …) keeping the order. */
export async function renumberBook(db: DbOrTx, actor: Actor, bookId: number): Promise<number> {
  assertBookRight(actor, bookId, 'edit');
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: customers.id, sequenceNo: customers.sequenceNo })
      .from(customers)
      .where(eq(customers.bookId, bookId))
      .for('update');
    const plan = renumberPlan(rows).filter((p) => rows.find((r) => r.id === p.id)!.sequenceNo !== p.sequenceNo);
    await applySequences(tx, plan);
    return plan.length;
  });
}

/**
 * Places a customer right after another in its book (null: first). Uses a free number between the two
 * neighbours, and renumbers the book when none is left, so insertion never runs out of room.
 */
export async function placeCustomerAfter(
  db: DbOrTx,
  actor: Actor,
  input: { customerId: number; afterCustomerId: number | null },
): Promise<number> {
  const customer = await getCustomerForActor(db, actor, input.customerId, 'edit');
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: customers.id, sequenceNo: customers.sequenceNo })
      .from(customers)
      .where(eq(customers.bookId, customer.bookId))
      .orderBy(asc(customers.sequenceNo))
      .for('update');
    const others = rows.filter((r) => r.id !== customer.id);
    const index = input.afterCustomerId === null ? -1 : others.findIndex((r) => r.id === input.afterCustomerId);
    if (input.afterCustomerId !== null && index < 0)
      throw new AppError('NOT_IN_BOOK', 'Khách hàng đứng trước không cùng sổ đọc.');
    const before = index >= 0 ? others[index]!.sequenceNo : null;
    const after = others[index + 1]?.sequenceNo ?? null;
    let seq = sequenceBetween(before, after);
    if (seq === null) {
      const ordered = [...others.slice(0, index + 1), { id: customer.id, sequenceNo: 0 }, ...others.slice(index + 1)];
      const plan = ordered.map((r, i) => ({ id: r.id, sequenceNo: (i + 1) * 10 }));
      await applySequences(tx, plan);
      seq = plan[index + 1]!.sequenceNo;
    } else {
      await tx
        .update(customers)
        .set({ sequenceNo: seq, version: sql`${customers.version} + 1` })
        .where(eq(customers.id, customer.id));
    }
    await recordHistory(tx, actor, [
      {
        customerId: customer.id,
        kind: 'sequence',
        before: { sequenceNo: customer.sequenceNo },
        after: { sequenceNo: seq },
      },
    ]);
    return seq;
  });
}

export async function bookOf(db: DbOrTx, bookId: number) {
  const [row] = await db
    .select()
    .from(readingBooks)
    .where(and(eq(readingBooks.id, bookId)))
    .limit(1);
  return row ?? null;
}
