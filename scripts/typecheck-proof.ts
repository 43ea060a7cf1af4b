// Proves that the type check guards the client's GraphQL documents: in a temporary copy of the project it runs
// the same steps as `npm run typecheck` over every file that writes documents, first on the intact copy (must
// pass), then after renaming one field in the copy's schema.graphql (must fail, naming that field). The work
// tree is never touched. Run: npm run typecheck:proof
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = process.cwd();
// The field the copy's schema loses: selected by the catalog documents (components/catalogs/catalog-documents.ts).
const BROKEN = { type: 'Ward', field: 'district', renamedTo: 'districtName' };
const SKIP = new Set(['node_modules', '.git', '.next', '.data', 'test-results', 'storage']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function run(cwd: string, args: string[]): { ok: boolean; output: string } {
  const r = spawnSync('npx', args, { cwd, encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** The steps of `npm run typecheck`, restricted to the document files (and what they import) to stay quick. */
function typecheck(cwd: string): { ok: boolean; output: string } {
  const steps = [
    ['gql.tada', 'generate', 'output', '--tsconfig', 'tsconfig.proof.json'],
    ['gql.tada', 'check', '--tsconfig', 'tsconfig.proof.json'],
    ['tsc', '--noEmit', '-p', 'tsconfig.proof.json'],
  ];
  let output = '';
  for (const step of steps) {
    const r = run(cwd, step);
    output += `$ ${step.join(' ')}\n${r.output}\n`;
    if (!r.ok) return { ok: false, output };
  }
  return { ok: true, output };
}

const tmp = mkdtempSync(join(tmpdir(), 'typecheck-proof-'));
let failed = false;
try {
  cpSync(root, tmp, { recursive: true, filter: (src) => !SKIP.has(src.split('/').pop() ?? '') || src === root });
  symlinkSync(join(root, 'node_modules'), join(tmp, 'node_modules'), 'dir');

  // The modules that write documents (`graphql(` calls); pages that merely run them are checked by the real
  // typecheck, and would drag the whole server into this copy.
  const documents = sourceFiles(tmp)
    .filter((f) => {
      const text = readFileSync(f, 'utf8');
      return /from '@\/lib\/graphql\/graphql'/.test(text) && /\bgraphql\(/.test(text);
    })
    .map((f) => relative(tmp, f));
  if (documents.length === 0) throw new Error('no file imports @/lib/graphql/graphql');
  const tsconfig = JSON.parse(readFileSync(join(tmp, 'tsconfig.json'), 'utf8'));
  tsconfig.compilerOptions.incremental = false;
  tsconfig.include = ['lib/graphql/graphql-env.d.ts', ...documents];
  writeFileSync(join(tmp, 'tsconfig.proof.json'), JSON.stringify(tsconfig, null, 2));
  console.log(`typecheck-proof: ${documents.length} files with documents, in ${tmp}`);

  const intact = typecheck(tmp);
  if (!intact.ok) {
    failed = true;
    console.error(`FAIL: the intact copy does not type-check\n${intact.output}`);
  } else {
    console.log('ok: the intact copy type-checks');
  }

  const schemaPath = join(tmp, 'schema.graphql');
  const schema = readFileSync(schemaPath, 'utf8');
  const block = new RegExp(`(type ${BROKEN.type} \\{[^}]*?\\n\\s*)${BROKEN.field}:`);
  if (!block.test(schema))
    throw new Error(`schema.graphql has no ${BROKEN.type}.${BROKEN.field}: choose another field for the proof`);
  writeFileSync(schemaPath, schema.replace(block, `$1${BROKEN.renamedTo}:`));

  const broken = typecheck(tmp);
  if (broken.ok) {
    failed = true;
    console.error(`FAIL: renaming ${BROKEN.type}.${BROKEN.field} in schema.graphql did not fail the type check`);
  } else if (!broken.output.includes(BROKEN.field)) {
    failed = true;
    console.error(`FAIL: the type check failed, but not on ${BROKEN.field}\n${broken.output}`);
  } else {
    const line = broken.output.split('\n').find((l) => l.includes(BROKEN.field));
    console.log(`ok: renaming ${BROKEN.type}.${BROKEN.field} fails the type check: ${line?.trim()}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(failed ? '0 passed, 1 failed' : '1 passed, 0 failed');
process.exit(failed ? 1 : 0);
