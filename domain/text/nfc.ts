/**
 * Some keyboards and phones send Vietnamese in decomposed form (NFD: "e" + U+0302 + U+0301 for "ế").
 * Stored as sent, the same name then exists twice, compares unequal and sorts apart. Text is composed to
 * NFC once, where it enters the system.
 */

/** A string in NFC; other values unchanged. */
export function toNfc<T>(value: T): T {
  return (typeof value === 'string' ? value.normalize('NFC') : value) as T;
}

function isPlainRecord(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  // graphql-js builds argument and input objects with a null prototype.
  return proto === Object.prototype || proto === null;
}

/**
 * Every string inside plain objects and arrays composed to NFC (object keys too). Other objects (Date,
 * Buffer, class instances) are returned as they are. Returns the same reference when nothing changed, so
 * the common all-NFC case allocates nothing.
 */
export function toNfcDeep<T>(value: T): T {
  if (typeof value === 'string') return toNfc(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    value.forEach((item, i) => {
      const next = toNfcDeep(item as unknown);
      if (next !== item) (out ??= value.slice())[i] = next;
    });
    return (out ?? value) as T;
  }
  if (!isPlainRecord(value)) return value;
  let out: Record<string, unknown> | null = null;
  for (const [key, item] of Object.entries(value)) {
    const nextKey = key.normalize('NFC');
    const next = toNfcDeep(item);
    if (next !== item || nextKey !== key) {
      out ??= Object.assign(
        Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>,
        value,
      );
      if (nextKey !== key) delete out[key];
      out[nextKey] = next;
    }
  }
  return (out ?? value) as T;
}
