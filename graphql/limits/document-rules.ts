import {
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { API_LIMITS, tooComplex } from './api-limits';
import { operationCost } from './operation-cost';

/*
 * Structural limits as graphql-js validation rules, so they run after the parser and before any resolver,
 * in Apollo and in tests alike. Each operation is measured with its fragments expanded (a fragment spread
 * twice counts twice); a fragment cycle is reported by the standard rules and counted once here.
 */

type Fragments = (name: string) => FragmentDefinitionNode | null | undefined;

interface Shape {
  aliases: number;
  depth: number;
}

/**
 * Aliases and depth of a selection set. Fragments are measured once and reused (memo), so a document that
 * spreads fragments into each other exponentially is still measured in linear time.
 */
function shape(
  set: SelectionSetNode | undefined,
  fragments: Fragments,
  memo: Map<string, Shape>,
  visiting: Set<string>,
): Shape {
  const out: Shape = { aliases: 0, depth: 0 };
  if (!set) return out;
  for (const sel of set.selections) {
    let inner: Shape;
    if (sel.kind === Kind.FIELD) {
      // Meta fields are free: __typename never reaches a resolver, and introspection is bounded by the schema
      // (its standard query nests `ofType` deeper than any screen needs; who may introspect is decided elsewhere).
      if (sel.name.value.startsWith('__')) continue;
      const sub = shape(sel.selectionSet, fragments, memo, visiting);
      inner = {
        aliases: sub.aliases + (sel.alias && sel.alias.value !== sel.name.value ? 1 : 0),
        depth: sub.depth + 1,
      };
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      inner = shape(sel.selectionSet, fragments, memo, visiting);
    } else {
      const name = sel.name.value;
      const known = memo.get(name);
      if (known) inner = known;
      else {
        const fragment = fragments(name);
        if (!fragment || visiting.has(name)) continue;
        visiting.add(name);
        inner = shape(fragment.selectionSet, fragments, memo, visiting);
        visiting.delete(name);
        memo.set(name, inner);
      }
    }
    out.aliases += inner.aliases;
    out.depth = Math.max(out.depth, inner.depth);
  }
  return out;
}

function measure(op: OperationDefinitionNode, context: ValidationContext): Shape {
  return shape(op.selectionSet, (n) => context.getFragment(n), new Map(), new Set());
}

const maxAliasesRule: ValidationRule = (context): ASTVisitor => ({
  OperationDefinition(op) {
    const { aliases } = measure(op, context);
    if (aliases > API_LIMITS.maxAliases) context.reportError(tooComplex('aliases', aliases));
  },
});

const maxDepthRule: ValidationRule = (context): ASTVisitor => ({
  OperationDefinition(op) {
    const { depth } = measure(op, context);
    if (depth > API_LIMITS.maxDepth) context.reportError(tooComplex('depth', depth));
  },
});

const maxDirectivesRule: ValidationRule = (context): ASTVisitor => {
  let directives = 0;
  return {
    Directive() {
      directives++;
    },
    Document: {
      leave() {
        if (directives > API_LIMITS.maxDirectives) context.reportError(tooComplex('directives', directives));
      },
    },
  };
};

const maxCostRule: ValidationRule = (context): ASTVisitor => ({
  OperationDefinition(op) {
    const cost = operationCost(context.getSchema(), op, (n) => context.getFragment(n));
    if (cost > API_LIMITS.maxCost) context.reportError(tooComplex('cost', cost));
  },
});

/** Every limit rule, in the order a refusal is most useful to read. */
export const documentLimitRules: ValidationRule[] = [maxDirectivesRule, maxAliasesRule, maxDepthRule, maxCostRule];

/** Parser options for the token limit; graphql-js stops lexing at the first token past it. */
export const limitParseOptions = { maxTokens: API_LIMITS.maxTokens } as const;
