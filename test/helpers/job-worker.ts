// A worker process for test/integration/job-queue.test.ts: runs the queue's workers on WORKER_DATABASE_URL with
// billing runs slowed down (one customer a chunk, a pause after each) and prints each chunk, so the test can kill
// it with SIGKILL in the middle of a run.
import { openDatabase } from '@/db/client';
import { startQueue } from '@/jobs/queue';

const database = await openDatabase({ url: process.env.WORKER_DATABASE_URL, migrate: false });
await startQueue(database.db, {
  workers: 1,
  pollingIntervalSeconds: 0.5,
  billingRun: {
    chunkSize: 1,
    concurrency: 1,
    onChunk: async (p) => {
      console.log(`chunk ${p.chunk}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    },
  },
});
console.log('ready');
