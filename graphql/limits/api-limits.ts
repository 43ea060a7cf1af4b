import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * The published limits of the GraphQL endpoint. Measured against the heaviest documents of our own screens
 * (test/integration/api-limits.test.ts validates every client document against them), with head-room.
 */
export const API_LIMITS = {
  /** Request body (POST) or query string (GET), counted in bytes before anything is parsed. */
  maxBodyBytes: 1_000_000,
  /** Lexical tokens of one document; the parser stops at the first token past it. */
  maxTokens: 2_000,
  /** Aliased fields in one operation (fragments included). */
  maxAliases: 20,
  /** Nesting of fields in one operation (fragments included). */
  maxDepth: 8,
  /** Directives in one document. */
  maxDirectives: 10,
  /** Cost budget of one operation, see operation-cost.ts. */
  maxCost: 15_000,
  /** Default maximum length of every String/ID argument or input field (characters, after NFC). */
  maxStringLength: 200,
} as const;

export type LimitKind = 'tokens' | 'aliases' | 'depth' | 'directives' | 'cost';

const TOO_COMPLEX_MESSAGES: Record<LimitKind, string> = {
  tokens: `Câu truy vấn quá dài (tối đa ${API_LIMITS.maxTokens} ký hiệu).`,
  aliases: `Câu truy vấn dùng quá nhiều bí danh (tối đa ${API_LIMITS.maxAliases}).`,
  depth: `Câu truy vấn lồng quá sâu (tối đa ${API_LIMITS.maxDepth} cấp).`,
  directives: `Câu truy vấn dùng quá nhiều chỉ thị (tối đa ${API_LIMITS.maxDirectives}).`,
  cost: `Câu truy vấn đòi quá nhiều dữ liệu một lần (chi phí tối đa ${API_LIMITS.maxCost}). Hãy giảm số dòng hoặc chia nhỏ yêu cầu.`,
};

/** Codes of the refusals made by the limits; formatLimitError restores them where Apollo re-labels the error. */
const LIMIT_CODES = new Set([
  'QUERY_TOO_COMPLEX',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'ARGUMENT_TOO_LONG',
  'INTROSPECTION_DISABLED',
]);

export function tooComplex(limit: LimitKind, found: number): GraphQLError {
  return new GraphQLError(TOO_COMPLEX_MESSAGES[limit], { extensions: { code: 'QUERY_TOO_COMPLEX', limit, found } });
}

export const PAYLOAD_TOO_LARGE_MESSAGE = `Yêu cầu gửi lên quá lớn (tối đa ${API_LIMITS.maxBodyBytes.toLocaleString('vi-VN')} byte).`;

/**
 * Apollo re-labels validation and parse errors (GRAPHQL_VALIDATION_FAILED / GRAPHQL_PARSE_FAILED); this gives
 * a limit's refusal back its own code and Vietnamese message. Null for every other error.
 */
export function formatLimitError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | null {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  if (original instanceof GraphQLError) {
    const code = original.extensions?.code;
    if (typeof code === 'string' && LIMIT_CODES.has(code)) {
      return { message: original.message, extensions: { ...original.extensions, code } };
    }
    // graphql-js aborts parsing with this message past `maxTokens` (16.x spells it "more that", hence th\w+).
    if (
      formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' &&
      /contains more th\w+ \d+ tokens/.test(original.message)
    ) {
      return { message: TOO_COMPLEX_MESSAGES.tokens, extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'tokens' } };
    }
  }
  return null;
}
