import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * The field names a query selects below the current field, following `path` (e.g. ['rows']), through
 * fragments and inline fragments and whatever the aliases. Lets a resolver compute only the expensive columns
 * the screen asked for. A field under @skip/@include counts as selected (over-fetching, never missing).
 */
export function selectedFieldNames(info: GraphQLResolveInfo, path: readonly string[] = []): Set<string> {
  let nodes: readonly FieldNode[] = info.fieldNodes;
  for (const step of path)
    nodes = nodes.flatMap((n) => fieldsOf(info, n.selectionSet).filter((f) => f.name.value === step));
  return new Set(nodes.flatMap((n) => fieldsOf(info, n.selectionSet).map((f) => f.name.value)));
}

function fieldsOf(info: GraphQLResolveInfo, set: SelectionSetNode | undefined, seen = new Set<string>()): FieldNode[] {
  if (!set) return [];
  const out: FieldNode[] = [];
  for (const s of set.selections) {
    if (s.kind === 'Field') out.push(s);
    else if (s.kind === 'InlineFragment') out.push(...fieldsOf(info, s.selectionSet, seen));
    else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      out.push(...fieldsOf(info, info.fragments[s.name.value]?.selectionSet, seen));
    }
  }
  return out;
}
