/**
 * Core Web Vitals of the public portal on the production build, measured by Lighthouse with its default mobile
 * profile (a mid-range phone: 4× CPU slowdown, slow 4G simulated). Starts the built app on demo data unless
 * --url points at a running one; prints LCP, CLS and TBT per page against the "good" thresholds.
 * Usage: npm run build && npm run lighthouse [-- --url http://host:port] [--runs 3] [/tra-cuu /dang-ky-lap-dat]
 */
import { parseArgs } from 'node:util';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { startDemoServer } from './demo-server';

const { values, positionals } = parseArgs({
  options: { url: { type: 'string' }, runs: { type: 'string', default: '3' } },
  allowPositionals: true,
});
const pages = positionals.length > 0 ? positionals : ['/tra-cuu', '/dang-ky-lap-dat'];
const runs = Math.max(1, Number(values.runs));
const GOOD = { lcp: 2500, cls: 0.1, tbt: 200 };

const server = values.url ? null : await startDemoServer();
const baseUrl = values.url ?? server!.baseUrl;
const chrome = await launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
let allGood = true;
try {
  for (const page of pages) {
    const lcp: number[] = [];
    const cls: number[] = [];
    const tbt: number[] = [];
    const score: number[] = [];
    // One throw-away load first: Next.js compiles nothing at run time, but the server's caches warm up.
    for (let i = 0; i <= runs; i += 1) {
      const result = await lighthouse(`${baseUrl}${page}`, {
        port: chrome.port,
        onlyCategories: ['performance'],
        logLevel: 'error',
        output: 'json',
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${page}`);
      if (i === 0) continue;
      const audits = result.lhr.audits;
      lcp.push(audits['largest-contentful-paint']?.numericValue ?? NaN);
      cls.push(audits['cumulative-layout-shift']?.numericValue ?? NaN);
      tbt.push(audits['total-blocking-time']?.numericValue ?? NaN);
      score.push(Math.round((result.lhr.categories.performance?.score ?? 0) * 100));
    }
    const m = { lcp: median(lcp), cls: median(cls), tbt: median(tbt) };
    const good = m.lcp <= GOOD.lcp && m.cls <= GOOD.cls && m.tbt <= GOOD.tbt;
    allGood &&= good;
    console.log(
      `${page}: LCP ${(m.lcp / 1000).toFixed(2)} s, CLS ${m.cls.toFixed(3)}, TBT ${Math.round(m.tbt)} ms, ` +
        `performance ${median(score)} (median of ${runs}; mobile profile) ${good ? 'good' : 'NOT good'}`,
    );
  }
} finally {
  chrome.kill();
  server?.stop();
}
process.exit(allGood ? 0 : 1);
