/**
 * Benchmark of the run details log viewer in headless Chromium (no assertions on time):
 * 100k GitHub-style lines (~10 MB, ANSI + groups): data arrival -> first paint, DOM nodes,
 * search time; a 1M-line log opening and scrolling; and a naive one-node-per-line render of
 * the same 100k lines for comparison; adversarial shapes (logViewerShapes.ts) with the longest
 * main-thread task; and click-to-first-line in a real VS Code from the last e2e run (logViewerClick.ts).
 * Run: npm run compile && node out/test/bench/logViewer.js
 */
import type { Page } from 'playwright-core';
import { JOB, RUN, ROOT, buildWebview, launch, nextPaint, openPanel, send, type PageGlobals } from '../unit/webview/browserHarness';
import { printClickFigures, readClickFigures } from './logViewerClick';
import { runShapes } from './logViewerShapes';

function syntheticLog(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const stamp = `2024-01-01T00:${String(Math.floor(i / 60000) % 60).padStart(2, '0')}:${String(Math.floor(i / 1000) % 60).padStart(2, '0')}.${String(i % 10_000_000).padStart(7, '0')}Z `;
    if (i % 500 === 0) out.push(`${stamp}##[group]Step ${i / 500}: run the tests of package ${i}`);
    else if (i % 500 === 499) out.push(`${stamp}##[endgroup]`);
    else if (i % 997 === 0) out.push(`${stamp}##[error]\x1b[31mTest failed: expected 1 to equal 2 at src/pkg/file${i}.ts:${i % 300}:7\x1b[0m`);
    else out.push(`${stamp}\x1b[36m[worker ${i % 8}]\x1b[0m \x1b[1mPASS\x1b[22m tests/unit/module${i % 1000}.test.ts (${i % 97} ms) \x1b[38;5;244mline ${i}\x1b[0m`);
  }
  return out.join('\n') + '\n';
}

/** Milliseconds from the log message to the whole log being parsed (the view marks data-loaded). */
function untilLoaded(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const g = globalThis as unknown as { benchStarted: number; performance: { now(): number }; document: { querySelector(s: string): unknown }; setTimeout(f: () => void, ms: number): void };
        const check = (): void => {
          if (g.document.querySelector('.log-view[data-loaded="true"]')) resolve(g.performance.now() - g.benchStarted);
          else g.setTimeout(check, 5);
        };
        check();
      }),
  );
}

export async function run(): Promise<void> {
  const dir = await buildWebview();
  const browser = await launch();
  try {
    const log = syntheticLog(100_000);
    console.log('\n(d) Log viewer (headless Chromium)');
    console.log(`100k-line log: ${(log.length / 1024 / 1024).toFixed(1)} MB`);
    const page = await openPanel(browser, dir);
    await send(page, [{ type: 'init', run: RUN }, { type: 'jobs', jobs: [JOB] }]);
    const firstPaint = await page.evaluate((chunk) => {
      const g = globalThis as unknown as PageGlobals;
      const started = g.performance.now();
      (g as unknown as { benchStarted: number }).benchStarted = started;
      g.dispatchEvent(new g.MessageEvent('message', { data: { type: 'log', jobId: '1', chunk, append: false, complete: true } }));
      return new Promise<number>((resolve) => g.requestAnimationFrame(() => g.requestAnimationFrame(() => resolve(g.performance.now() - started))));
    }, log);
    const parsedMs = await untilLoaded(page);
    const nodes = await page.evaluate(() => (globalThis as unknown as PageGlobals).document.getElementsByTagName('*').length);
    console.log(`virtualized: data arrival -> first paint ${firstPaint.toFixed(0)} ms (target <= 300 ms); whole log parsed ${parsedMs.toFixed(0)} ms; DOM elements after load ${nodes} (target <= 3,000)`);
    printClickFigures(readClickFigures(ROOT));
    await page.click('button[aria-label="Expand all groups"]');
    const started = Date.now();
    await page.fill('.search', 'module7.test');
    const searchMs = Date.now() - started;
    console.log(`search "module7.test" across 100k lines: ${searchMs} ms (incl. CDP round trip), ${await page.textContent('.count')}`);
    await page.close();

    const big = await openPanel(browser, dir);
    await send(big, [{ type: 'init', run: RUN }, { type: 'jobs', jobs: [JOB] }]);
    const bigResult = await big.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      const lines: string[] = [];
      for (let i = 0; i < 1_000_000; i++) lines.push(`2024-01-01T00:00:00.0000000Z \x1b[32mok\x1b[0m line ${i} of a very long log`);
      const chunk = lines.join('\n');
      const started = g.performance.now();
      (g as unknown as { benchStarted: number }).benchStarted = started;
      g.dispatchEvent(new g.MessageEvent('message', { data: { type: 'log', jobId: '1', chunk, append: false, complete: true } }));
      return new Promise<number>((resolve) => g.requestAnimationFrame(() => g.requestAnimationFrame(() => resolve(g.performance.now() - started))));
    });
    const bigParsedMs = await untilLoaded(big);
    const scroller = '.vlist';
    for (const fraction of [0.5, 0.999, 0.1, 1]) {
      await big.$eval(scroller, (element, f) => {
        const el = element as unknown as { scrollTop: number; scrollHeight: number };
        el.scrollTop = el.scrollHeight * f;
      }, fraction);
      await nextPaint(big);
    }
    const lastLine = await big.$$eval('.row:not([hidden]) .ln', (els) => els.map((e) => Number(e.textContent)).reduce((a, b) => Math.max(a, b), 0));
    const bigNodes = await big.evaluate(() => (globalThis as unknown as PageGlobals).document.getElementsByTagName('*').length);
    console.log(`1,000,000 lines: first paint ${bigResult.toFixed(0)} ms; whole log parsed ${bigParsedMs.toFixed(0)} ms; scrolled to the end (last line shown ${lastLine}); DOM elements ${bigNodes}; page alive`);
    await big.close();

    const naive = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const naiveResult = await naive.evaluate((chunk) => {
      const g = globalThis as unknown as PageGlobals & { document: { createElement(t: string): { textContent: string; className: string; append(...n: unknown[]): void }; body: { append(n: unknown): void } } };
      const started = g.performance.now();
      const container = g.document.createElement('div');
      for (const line of chunk.split('\n')) {
        const row = g.document.createElement('div');
        // eslint-disable-next-line no-control-regex
        for (const [index, part] of line.split(/\x1b\[[0-9;]*m/).entries()) {
          const span = g.document.createElement('span');
          span.textContent = part;
          span.className = `c${index % 3}`;
          row.append(span);
        }
        container.append(row);
      }
      g.document.body.append(container);
      return new Promise<[number, number]>((resolve) => g.requestAnimationFrame(() => g.requestAnimationFrame(() => resolve([g.performance.now() - started, g.document.getElementsByTagName('*').length]))));
    }, log);
    console.log(`naive (a DOM node per line and span): first paint ${naiveResult[0].toFixed(0)} ms; DOM elements ${naiveResult[1]}; ratio naive/virtualized time ${(naiveResult[0] / firstPaint).toFixed(1)}x, elements ${(naiveResult[1] / nodes).toFixed(0)}x`);
    await runShapes(browser, dir);
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
