/**
 * Benchmark data into PostgreSQL:
 *   DATABASE_URL=postgres://… npx tsx scripts/generate-customers.ts --customers 1000000 [--batch 20000] [--seed 42]
 * Migrates the database, seeds the company and catalogs when it has none, then adds customers until the
 * database holds N (nothing to do when it already does). Progress goes to stderr, the summary to stdout.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '@/db/client';
import { generateCustomers } from '@/db/seed/generate';

function usage(message: string): never {
  process.stderr.write(
    `${message}\n` +
      'Cách dùng: DATABASE_URL=postgres://user@host:5432/db npx tsx scripts/generate-customers.ts --customers 1000000 [--batch 20000] [--seed 42]\n',
  );
  process.exit(2);
}

function positiveInt(name: string, value: string | undefined, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) usage(`Thiếu --${name}.`);
    return fallback;
  }
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(n) || n < 0) usage(`--${name} phải là số nguyên không âm, nhận được "${value}".`);
  return n;
}

const { values } = parseArgs({
  options: {
    customers: { type: 'string', short: 'n' },
    batch: { type: 'string' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) usage('Sinh dữ liệu khách hàng cho đo hiệu năng.');

const url = process.env.DATABASE_URL;
if (!url) usage('DATABASE_URL chưa đặt: công cụ này chỉ ghi vào PostgreSQL, không ghi vào PGlite.');
if (!/^postgres(ql)?:\/\//.test(url)) usage('DATABASE_URL phải là địa chỉ postgres://…');

const customers = positiveInt('customers', values.customers);
const batchSize = positiveInt('batch', values.batch, 20_000) || 20_000;
const seed = values.seed === undefined ? undefined : positiveInt('seed', values.seed);

const started = performance.now();
const database = await openDatabase({ url });
try {
  process.stderr.write(
    `Đã nối và cập nhật lược đồ (${((performance.now() - started) / 1000).toFixed(1)} s). Sinh ${customers.toLocaleString('en-US')} khách hàng…\n`,
  );
  const result = await generateCustomers(database, { customers, batchSize, ...(seed === undefined ? {} : { seed }) });
  const seconds = (performance.now() - started) / 1000;
  if (result.skipped) {
    console.log(
      `Cơ sở dữ liệu đã có ${result.existing.toLocaleString('en-US')} khách hàng (≥ ${customers.toLocaleString('en-US')}): không sinh thêm.`,
    );
  } else {
    console.log(
      `Đã sinh ${result.created.toLocaleString('en-US')} khách hàng (đã có trước ${result.existing.toLocaleString('en-US')}), ` +
        `${result.meters.toLocaleString('en-US')} đồng hồ, ${result.contracts.toLocaleString('en-US')} hợp đồng, ` +
        `${result.readings.toLocaleString('en-US')} chỉ số, ${result.booksCreated} sổ mới (${result.method}).`,
    );
  }
  console.log(`Tổng thời gian: ${seconds.toFixed(1)} s`);
} finally {
  await database.close();
}
