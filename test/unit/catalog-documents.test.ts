import { Kind, visit, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  allCatalogDocuments,
  catalogTypenames,
  FIRST_PAGE,
  listVariables,
} from '@/components/catalogs/catalog-documents';
import { CATALOG_NAMES, CATALOGS } from '@/services/catalogs/registry';

/** The fields selected under `rows` of every root field of a document. */
function rowFields(doc: DocumentNode): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  for (const root of op.selectionSet.selections) {
    if (root.kind !== Kind.FIELD) continue;
    const rows = root.selectionSet?.selections.find((s) => s.kind === Kind.FIELD && s.name.value === 'rows');
    const fields: string[] = [];
    if (rows?.kind === Kind.FIELD) visit(rows.selectionSet!, { Field: (f) => void fields.push(f.name.value) });
    out.set(root.name.value, fields);
  }
  return out;
}

const rootFields = (doc: DocumentNode): string[] =>
  (doc.definitions[0] as OperationDefinitionNode).selectionSet.selections.flatMap((s) =>
    s.kind === Kind.FIELD ? [s.name.value] : [],
  );

describe('catalog documents', () => {
  const docs = allCatalogDocuments();

  it('has documents for every catalog of the registry, and no other', () => {
    expect(Object.keys(docs).sort()).toEqual([...CATALOG_NAMES].sort());
  });

  it.each(CATALOG_NAMES)('%s: the list selects exactly the id and the registry columns the screen shows', (name) => {
    const lists = rowFields(docs[name].list);
    expect([...lists.keys()]).toEqual([name]);
    expect([...lists.get(name)!].sort()).toEqual(['id', ...CATALOGS[name].columns.map((c) => c.name)].sort());
  });

  it.each(CATALOG_NAMES)('%s: the refs document lists every catalog its columns reference', (name) => {
    const referenced = [...new Set(CATALOGS[name].columns.flatMap((c) => (c.ref ? [c.ref] : [])))].sort();
    const refs = docs[name].refs;
    if (referenced.length === 0) {
      expect(refs).toBeNull();
      return;
    }
    const lists = rowFields(refs!);
    expect([...lists.keys()].sort()).toEqual(referenced);
    for (const fields of lists.values()) expect(fields).toEqual(['id', 'code', 'name']);
  });

  it.each(CATALOG_NAMES)("%s: the mutations write the catalog's own type", (name) => {
    const t = CATALOGS[name].typeName;
    expect(rootFields(docs[name].create)).toEqual([`create${t}`]);
    expect(rootFields(docs[name].update)).toEqual([`update${t}`]);
    expect(rootFields(docs[name].remove)).toEqual([`delete${t}`]);
    expect(catalogTypenames({ typeName: t })).toEqual([t, `${t}Page`]);
  });

  it('builds list variables with every key present, so the server page and the screen share one cache key', () => {
    expect(listVariables(FIRST_PAGE)).toEqual({
      filter: { filters: [], search: null, offset: 0, limit: 100, orderBy: null },
    });
    expect(
      listVariables({
        ...FIRST_PAGE,
        search: '  hà ',
        sort: { key: 'name', dir: 'desc' },
        filters: [{ column: 'code', op: 'between', value: 'A', value2: 'C' }],
      }),
    ).toEqual({
      filter: {
        filters: [{ column: 'code', op: 'between', value: 'A', value2: 'C' }],
        search: 'hà',
        offset: 0,
        limit: 100,
        orderBy: [{ column: 'name', desc: true }],
      },
    });
  });
});
