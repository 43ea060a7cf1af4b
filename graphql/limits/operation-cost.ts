import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  type FieldNode,
} from 'graphql';
import type { ListLimitSpec } from './list-limit';

/** Assumed size of a list without a `limit` argument (a customer's meters, contracts, a user's books...). */
const UNLIMITED_LIST_SIZE = 10;

/**
 * The cost of an operation: every field returning an object costs 1, scalars are free, and a field's
 * sub-selection is multiplied by the rows it can return. A field with `extensions.listLimit` returns the
 * limit it is sent (a variable counts as the maximum, since validation cannot see its value; no argument
 * counts as the default); its page's row list is then not multiplied again. Other lists count as
 * UNLIMITED_LIST_SIZE rows. Fragments are priced once per position kind (memo), so nesting them cannot
 * blow up the measurement.
 */
export function operationCost(
  schema: GraphQLSchema,
  op: OperationDefinitionNode,
  fragments: (name: string) => FragmentDefinitionNode | null | undefined,
): number {
  const root =
    op.operation === 'query'
      ? schema.getQueryType()
      : op.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return 0;
  const memo = new Map<string, number>();
  const visiting = new Set<string>();

  const setCost = (set: SelectionSetNode | undefined, parent: GraphQLCompositeType, rowsBounded: boolean): number => {
    if (!set) return 0;
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        total += fieldCost(sel, parent, rowsBounded);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const cond = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        if (cond && isCompositeType(cond)) total += setCost(sel.selectionSet, cond, rowsBounded);
      } else {
        const key = `${sel.name.value}|${rowsBounded}`;
        const known = memo.get(key);
        if (known !== undefined) {
          total += known;
          continue;
        }
        const fragment = fragments(sel.name.value);
        if (!fragment || visiting.has(key)) continue;
        const cond = schema.getType(fragment.typeCondition.name.value);
        if (!cond || !isCompositeType(cond)) continue;
        visiting.add(key);
        const cost = setCost(fragment.selectionSet, cond, rowsBounded);
        visiting.delete(key);
        memo.set(key, cost);
        total += cost;
      }
    }
    return total;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType, rowsBounded: boolean): number => {
    if (!isObjectType(parent) && !isInterfaceType(parent)) return 0;
    const def = parent.getFields()[node.name.value];
    if (!def) return 0;
    const named = getNamedType(def.type);
    if (!isCompositeType(named)) return 0;
    const spec = def.extensions?.listLimit as ListLimitSpec | undefined;
    const isList = isListType(getNullableType(def.type));
    let rows = 1;
    if (spec) rows = requestedRows(node, spec);
    else if (isList) rows = rowsBounded ? 1 : UNLIMITED_LIST_SIZE;
    // A limited field that returns a page (not a list itself) bounds the row list directly inside it.
    const childrenBounded = !!spec && !isList;
    return 1 + rows * setCost(node.selectionSet, named, childrenBounded);
  };

  return setCost(op.selectionSet, root, false);
}

function requestedRows(node: FieldNode, spec: ListLimitSpec): number {
  const [argName, ...rest] = (spec.arg ?? 'limit').split('.');
  let value: ValueNode | undefined = node.arguments?.find((a) => a.name.value === argName)?.value;
  for (const key of rest) {
    if (!value || value.kind === Kind.VARIABLE) break;
    value = value.kind === Kind.OBJECT ? value.fields.find((f) => f.name.value === key)?.value : undefined;
  }
  if (!value || value.kind === Kind.NULL) return spec.default;
  if (value.kind === Kind.VARIABLE) return spec.max;
  if (value.kind === Kind.INT) return Math.min(Math.max(Number(value.value), 1), spec.max);
  return spec.default;
}
