'use client';

import { createContext, useContext, useState, type ReactNode } from 'react';
import { Provider, type SSRData, type SSRExchange } from 'urql';
import { createGraphQLClient } from './client';
// Every staff page mounts this provider, so zod is configured before any form validates.
import '../zod-jitless';

interface Hydration {
  ssr: SSRExchange;
  /** Key → the prefetched payload that restored it, to tell a first visit from a revisit. */
  restored: Map<string, SSRData>;
}

const HydrationContext = createContext<Hydration | null>(null);

/**
 * Gives the staff pages one client. Created once per mounted layout: once per request while rendering on the
 * server (so no user's data outlives their request) and once per browser tab afterwards.
 */
export function GraphQLProvider({ children }: { children: ReactNode }) {
  const [{ client, hydration }] = useState(() => {
    const { client, ssr } = createGraphQLClient();
    return { client, hydration: { ssr, restored: new Map<string, SSRData>() } };
  });
  return (
    <HydrationContext value={hydration}>
      <Provider value={client}>{children}</Provider>
    </HydrationContext>
  );
}

/**
 * Seeds the cache with the results a Server Component prefetched (lib/graphql/prefetch.ts), so the screen's
 * first `useQuery` reads them synchronously and the page opens with its data instead of a spinner. Call it
 * before the screen's queries: it runs during render on purpose, an effect would come after the first query.
 *
 * Returns the request policy for the screen's queries. On the first visit the prefetched result is as fresh
 * as it gets, so `cache-first` (no second request). On a revisit in the same tab urql's ssrExchange will not
 * restore a key it has served once, and the document cache may hold an old page: `cache-and-network` shows it
 * at once and refreshes it behind.
 */
export function useHydrate(data: SSRData | undefined): 'cache-first' | 'cache-and-network' {
  const hydration = useContext(HydrationContext);
  const [policy] = useState(() => {
    if (!hydration || !data) return 'cache-and-network' as const;
    let fresh = true;
    for (const key of Object.keys(data)) {
      const earlier = hydration.restored.get(key);
      // The same payload again is the same mount rendered twice (Strict Mode), not a revisit.
      if (earlier !== undefined && earlier !== data) fresh = false;
      hydration.restored.set(key, data);
    }
    hydration.ssr.restoreData(data);
    return fresh ? ('cache-first' as const) : ('cache-and-network' as const);
  });
  return policy;
}
