import 'server-only';
import { serverEnv } from '@/config/env';
import { getDatabase, type Database } from '@/db/client';

// On globalThis: instrumentation and route handlers are separate bundles but must share one bootstrap.
const globalForApp = globalThis as unknown as { __appDatabase?: Promise<Database> };

/**
 * The app's database, migrated; on first start of an empty database outside production it is filled
 * with demo data and the demo logins are printed.
 */
export function getAppDatabase(): Promise<Database> {
  globalForApp.__appDatabase ??= (async () => {
    const database = await getDatabase();
    const env = serverEnv();
    if (env.NODE_ENV !== 'production' || env.SEED_DEMO) {
      const { ensureDemoData } = await import('./demo-bootstrap');
      await ensureDemoData(database);
    }
    // The job queue: its workers run here unless JOB_WORKERS=0 (then `npm run worker` processes run them).
    // Runs and issue jobs left without a queued job (a process stopped before enqueueing) are enqueued again;
    // the queue itself retries jobs whose worker died.
    const { startQueue } = await import('@/jobs/queue');
    await startQueue(database.db);
    const { resumeBillingRuns } = await import('@/jobs/billing-runs');
    const { resumeIssueJobs } = await import('@/jobs/invoice-issue');
    const resumed = await resumeBillingRuns(database.db);
    if (resumed.length > 0)
      console.log(`[billing] tiếp tục ${resumed.length} lượt tính hóa đơn dang dở: ${resumed.join(', ')}`);
    await resumeIssueJobs(database.db);
    return database;
  })();
  return globalForApp.__appDatabase;
}
