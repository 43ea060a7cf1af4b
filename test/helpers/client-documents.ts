import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface ClientDocument {
  file: string;
  source: string;
  /** True when an interpolation could not be resolved from the file's constants (a catalog's type name...). */
  dynamic: boolean;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return filesUnder(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const TEMPLATE = /`((?:[^`\\]|\\.)*)`/gs;
const CONST_STRING = /(?:const|let)\s+([A-Z_a-z][\w]*)\s*=\s*(?:`((?:[^`\\]|\\.)*)`|'([^']*)'|"([^"]*)")/gs;
const OPERATION = /^\s*(query|mutation|subscription)\b/;
const SHORTHAND = /^\s*\{\s*[_A-Za-z]/;
const FRAGMENT = /^\s*fragment\s+([_A-Za-z]\w*)/;
const SENDS_GRAPHQL = /gqlFetch|runQuery|graphql\(/;

/**
 * The GraphQL documents the browser sends, read from the client sources: every template literal that starts
 * like an operation, with `${CONSTANT}` replaced by the file's (or an imported module's) string constants.
 * What cannot be resolved statically becomes the placeholder name `dyn`, so the document still parses and
 * its shape (aliases, depth, tokens, cost of the known fields) can be measured.
 */
export function clientDocuments(root: string, dirs: string[]): ClientDocument[] {
  const files = dirs.flatMap((d) => filesUnder(path.join(root, d)));
  // A file's own constants win over same-named ones elsewhere (several files define ROW_FIELDS).
  const global = new Map<string, string>();
  const local = new Map<string, Map<string, string>>();
  for (const file of files) {
    const own = new Map<string, string>();
    for (const m of readFileSync(file, 'utf8').matchAll(CONST_STRING)) own.set(m[1]!, m[2] ?? m[3] ?? m[4] ?? '');
    local.set(file, own);
    for (const [k, v] of own) if (!global.has(k)) global.set(k, v);
  }
  const resolve = (file: string, text: string, depth = 0): { text: string; dynamic: boolean } => {
    let dynamic = false;
    const out = text.replace(/\$\{([^}]*)\}/g, (_all, expr: string) => {
      const name = expr.trim();
      const value = local.get(file)!.get(name) ?? global.get(name);
      if (value !== undefined && depth < 5) {
        const inner = resolve(file, value, depth + 1);
        dynamic ||= inner.dynamic;
        return inner.text;
      }
      dynamic = true;
      return 'dyn';
    });
    return { text: out, dynamic };
  };
  // Fragments may be declared in their own template and attached by the client library at run time.
  const fragments = new Map<string, string>();
  const operations: ClientDocument[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(TEMPLATE)) {
      const body = m[1]!;
      const fragment = FRAGMENT.exec(body);
      if (fragment) {
        fragments.set(fragment[1]!, resolve(file, body).text);
        continue;
      }
      if (!OPERATION.test(body) && !(SHORTHAND.test(body) && SENDS_GRAPHQL.test(text))) continue;
      const { text: source, dynamic } = resolve(file, body);
      operations.push({ file: path.relative(root, file), source, dynamic });
    }
  }
  return operations.map((doc) => {
    let source = doc.source;
    const added = new Set<string>();
    for (let grew = true; grew;) {
      grew = false;
      for (const m of source.matchAll(/\.\.\.\s*([_A-Za-z]\w*)/g)) {
        const name = m[1]!;
        if (name === 'on' || added.has(name) || new RegExp(`fragment\\s+${name}\\b`).test(source)) continue;
        const def = fragments.get(name);
        if (!def) continue;
        added.add(name);
        source += `\n${def}`;
        grew = true;
      }
    }
    // gql.tada's client-only directives (`@_unmask`, `@_optional`, `@_required`) are stripped before a
    // document is sent, so the server never sees them: strip them here too.
    return { ...doc, source: source.replace(/@_(unmask|optional|required)\b/g, '') };
  });
}
