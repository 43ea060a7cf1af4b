/**
 * What an unexpected error may put in the server log. Database errors carry the customer data of the
 * failed statement — Drizzle's message and `params`, the driver's `parameters` and `detail` ("Key
 * (citizen_id)=(…) already exists"), even the Postgres message ("invalid input syntax: …") — so for
 * them only the error class, the SQLSTATE, the table/column/constraint and the statement text (with its
 * `$1` placeholders, never the values) are kept.
 */

const MAX_QUERY_CHARS = 1_000;
const MAX_MESSAGE_CHARS = 300;
const MAX_FRAMES = 12;

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  stack?: unknown;
  cause?: unknown;
  code?: unknown;
  query?: unknown;
  params?: unknown;
  [key: string]: unknown;
}

function isPgError(e: ErrorLike): boolean {
  return typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code);
}

/** Drizzle's wrapper: its message is "Failed query: …\nparams: …". */
function isQueryError(e: ErrorLike): boolean {
  return typeof e.query === 'string' && 'params' in e;
}

function className(e: ErrorLike): string {
  const ctor = (e as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof e.name === 'string' && e.name !== 'Error' ? e.name : typeof ctor === 'string' ? ctor : 'Error';
}

function pick(e: ErrorLike, ...keys: string[]): string | undefined {
  for (const k of keys) if (typeof e[k] === 'string' && e[k]) return e[k];
  return undefined;
}

function describeLink(e: ErrorLike, seenQueries: Set<string>): string {
  const name = className(e);
  const parts: string[] = [];
  // PGlite's and postgres.js's errors carry the query and its values too: test for a Postgres error first.
  if (isPgError(e)) {
    parts.push(`code=${String(e.code)}`);
    const table = pick(e, 'table_name', 'table');
    const column = pick(e, 'column_name', 'column');
    const constraint = pick(e, 'constraint_name', 'constraint');
    const routine = pick(e, 'routine');
    if (table) parts.push(`table=${table}`);
    if (column) parts.push(`column=${column}`);
    if (constraint) parts.push(`constraint=${constraint}`);
    if (routine) parts.push(`routine=${routine}`);
  }
  if (typeof e.query === 'string' && !seenQueries.has(e.query)) {
    seenQueries.add(e.query);
    parts.push(`query: ${e.query.replace(/\s+/g, ' ').slice(0, MAX_QUERY_CHARS)};`);
  }
  if (isPgError(e) || isQueryError(e)) return [name, ...parts].join(' ');
  const message = typeof e.message === 'string' ? e.message.slice(0, MAX_MESSAGE_CHARS) : '';
  return message ? `${name}: ${message}` : name;
}

/** The stack frames only: the first lines of a stack repeat the message, which may hold the values. */
function framesOf(e: ErrorLike): string {
  if (typeof e.stack !== 'string') return '';
  return e.stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_FRAMES)
    .join('\n');
}

/** One log-safe line (plus stack frames unless told otherwise) for any thrown value, following the `cause` chain. */
export function safeErrorSummary(error: unknown, options: { frames?: boolean } = {}): string {
  if (error === null || typeof error !== 'object') return `non-error thrown (${typeof error})`;
  const links: string[] = [];
  const seenQueries = new Set<string>();
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e !== null && typeof e === 'object'; depth++) {
    links.push(describeLink(e as ErrorLike, seenQueries));
    e = (e as ErrorLike).cause;
  }
  const frames = options.frames === false ? '' : framesOf(error as ErrorLike);
  return frames ? `${links.join(' ← ')}\n${frames}` : links.join(' ← ');
}

/** Logs an unexpected error under `where` without any of the data it carries. */
export function logUnexpectedError(where: string, error: unknown): void {
  console.error(`[${where}] ${safeErrorSummary(error)}`);
}

/**
 * A failure text that may be stored and shown to staff (a billing run's `error`): the error's own message,
 * unless a database error is in its chain, whose message would carry customers' data.
 */
export function storableErrorMessage(error: unknown): string {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e !== null && typeof e === 'object'; depth++) {
    const link = e as ErrorLike;
    if (isPgError(link) || isQueryError(link)) {
      const code = isPgError(link) ? String(link.code) : pgCodeBelow(link);
      return `Lỗi cơ sở dữ liệu${code ? ` (mã ${code})` : ''}.`;
    }
    e = link.cause;
  }
  return error instanceof Error ? error.message : String(error);
}

function pgCodeBelow(e: ErrorLike): string | undefined {
  let c: unknown = e.cause;
  for (let depth = 0; depth < 4 && c !== null && typeof c === 'object'; depth++) {
    if (isPgError(c as ErrorLike)) return String((c as ErrorLike).code);
    c = (c as ErrorLike).cause;
  }
  return undefined;
}
