// From @urql/core, not urql: under Node urql loads the CommonJS build of @urql/core while lib/graphql/errors.ts
// imports its ES module, and `instanceof CombinedError` holds only for errors made by the copy it imports.
import { Client, cacheExchange, fetchExchange } from '@urql/core';

/** One GraphQL request as a component sent it. */
export interface SentOperation {
  operationName: string;
  variables: Record<string, unknown>;
}

/** What the fake API answers: `data`, or `errors` shaped as the server's AppError extensions. */
export type FakeAnswer = { data: unknown } | { errors: unknown[] };

/**
 * An urql client behind urql's own fetch exchange whose fetch records every operation in `sent` and answers
 * with `answer(op)`; component tests see the same request and error path as the browser.
 */
export function fakeApiClient(sent: SentOperation[], answer: (op: SentOperation) => FakeAnswer): Client {
  const fakeFetch: typeof fetch = async (_url, init) => {
    const body = JSON.parse(String(init?.body)) as SentOperation;
    sent.push(body);
    return new Response(JSON.stringify(answer(body)), { headers: { 'content-type': 'application/json' } });
  };
  return new Client({
    url: 'http://test/api/graphql',
    exchanges: [cacheExchange, fetchExchange],
    fetch: fakeFetch,
    preferGetMethod: false,
  });
}
