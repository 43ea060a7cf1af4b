import { cacheExchange, Client, fetchExchange, ssrExchange, type SSRExchange } from '@urql/core';

/**
 * The one GraphQL client of the back office: urql's document cache (deduplicates identical requests, and
 * re-runs every cached query whose result holds a typename that a mutation returned or named in
 * `additionalTypenames`), fed first by the results that Server Components executed in-process.
 */
export function createGraphQLClient(options: { inBrowser?: boolean; fetch?: typeof fetch } = {}): {
  client: Client;
  ssr: SSRExchange;
} {
  const inBrowser = options.inBrowser ?? typeof window !== 'undefined';
  const ssr = ssrExchange({ isClient: inBrowser });
  // While rendering on the server only the results handed over by the Server Component are read: the server
  // has no session cookie to send and no absolute URL to call, so anything else loads in the browser.
  const never: typeof fetch = () => new Promise<Response>(() => {});
  const client = new Client({
    url: '/api/graphql',
    exchanges: [cacheExchange, ssr, fetchExchange],
    // Apollo's CSRF guard refuses GETs without a preflight header; POST is what the endpoint expects.
    preferGetMethod: false,
    fetch: options.fetch ?? (inBrowser ? undefined : never),
  });
  return { client, ssr };
}
