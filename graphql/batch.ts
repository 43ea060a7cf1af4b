/**
 * Dataloader-style batching for field resolvers: the sibling objects of a list resolve a field in the same tick,
 * so their keys are collected and loaded with ONE call instead of one query per object (an N+1). Batches are
 * per request (keyed by the GraphQL context), never shared between viewers.
 */
export function batchResolver<Ctx extends object, K, V>(
  load: (ctx: Ctx, keys: K[]) => Promise<Map<K, V>>,
  missing: () => V,
): (ctx: Ctx, key: K) => Promise<V> {
  type Waiting = { key: K; resolve: (v: V) => void; reject: (e: unknown) => void };
  const queues = new WeakMap<Ctx, Waiting[]>();

  const dispatch = (ctx: Ctx) => {
    const waiting = queues.get(ctx) ?? [];
    queues.delete(ctx);
    load(ctx, [...new Set(waiting.map((w) => w.key))]).then(
      (values) => {
        for (const w of waiting) w.resolve(values.has(w.key) ? values.get(w.key)! : missing());
      },
      (error: unknown) => {
        for (const w of waiting) w.reject(error);
      },
    );
  };

  return (ctx, key) =>
    new Promise<V>((resolve, reject) => {
      let queue = queues.get(ctx);
      if (!queue) {
        queue = [];
        queues.set(ctx, queue);
        // After the promise jobs of the current tick, when graphql-js has called the resolver of every sibling.
        void Promise.resolve().then(() => process.nextTick(() => dispatch(ctx)));
      }
      queue.push({ key, resolve, reject });
    });
}
