/**
 * PDF book benchmark: renders books of synthetic invoices (500, 1,000 and 2,000) into one PDF file each, the way
 * the book route does (chunks joined into one stream), and prints invoices/s, pages, file size and peak memory.
 * Each size runs in a fresh process so that its peak RSS is its own: memory should stay flat as the book grows.
 * Prints figures; asserts nothing.
 *   npm run bench:pdf [-- --sizes 500,1000,2000] [-- --chunk 100]
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

const argAfter = (name: string) =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined;
const chunkSize = Number(argAfter('--chunk') ?? 100);
const only = argAfter('--only');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

if (only === undefined) {
  const sizes = (argAfter('--sizes') ?? '500,1000,2000').split(',').map(Number);
  console.log(`node ${process.version}; chunk ${chunkSize}; one process per size`);
  for (const count of sizes) {
    // The same loader flags tsx started this process with, so the child runs TypeScript too.
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--only', String(count), '--chunk', String(chunkSize)],
      { stdio: 'inherit' },
    );
    if (child.status !== 0) process.exit(child.status ?? 1);
  }
} else {
  await renderOne(Number(only));
}

async function renderOne(count: number) {
  // Measured as the server runs it: React's production build is chosen when react is first loaded, hence the
  // dynamic imports.
  Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV ?? 'production' });
  const { renderInvoiceBook, renderInvoicePdf } = await import('@/pdf/render');
  const { sampleInvoiceDocument, syntheticBook } = await import('@/test/helpers/pdf-fixtures');

  const dir = await mkdtemp(path.join(tmpdir(), 'bench-pdf-'));
  try {
    // Fonts, React and the renderer warm up outside the measured run.
    await renderInvoicePdf(sampleInvoiceDocument());
    const file = path.join(dir, `book-${count}.pdf`);
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 100);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const out = createWriteStream(file);
    const result = await renderInvoiceBook(syntheticBook(count), { chunkSize }, out);
    out.end();
    await finished(out);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const { size } = await stat(file);
    console.log(
      `${String(count).padStart(5)} invoices: ${(count / seconds).toFixed(1)} invoices/s ` +
        `(${seconds.toFixed(1)} s wall; ${cpuSeconds.toFixed(1)} s CPU = ${(count / cpuSeconds).toFixed(1)} invoices per CPU-second); ` +
        `${result.pages} pages; ${mb(size)}; peak RSS ${mb(peakRss)}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
