// Runs only the job queue's workers (no web server), against DATABASE_URL: start as many of these as the work
// needs, on any machine, and set JOB_WORKERS=0 on the web servers if they should not run jobs themselves.
import { serverEnv } from '@/config/env';
import { openDatabase } from '@/db/client';
import { resumeBillingRuns } from '@/jobs/billing-runs';
import { resumeIssueJobs } from '@/jobs/invoice-issue';
import { startQueue, stopQueue } from '@/jobs/queue';

const env = serverEnv();
if (!env.DATABASE_URL)
  console.warn(
    '[worker] DATABASE_URL chưa đặt: dùng cơ sở dữ liệu nhúng (PGlite), chỉ một tiến trình được mở nó — máy chủ web phải tắt.',
  );
const database = await openDatabase({ url: env.DATABASE_URL });
await startQueue(database.db, { workers: Math.max(1, env.JOB_WORKERS) });
await resumeBillingRuns(database.db);
await resumeIssueJobs(database.db);
console.log(`[worker] đang chạy (${database.kind}), ${Math.max(1, env.JOB_WORKERS)} worker mỗi hàng đợi`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`[worker] ${signal}: dừng sau khi xong việc đang chạy (tối đa 10 giây)`);
  await stopQueue(database.db);
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
