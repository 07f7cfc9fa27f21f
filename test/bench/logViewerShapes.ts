/**
 * Adversarial log shapes in the real webview bundle (headless Chromium), 100k lines each:
 * deep nesting with errors inside (10k and 30k open collapsed sections, then as many error
 * lines), end markers of sections never opened while 30k are open, GitHub groups inside 30k
 * open sections, dense errors of every marker shape, and very long lines (200k characters,
 * colours, \r progress frames). For each: the longest main-thread task while the log is
 * ingested (Chromium's Long Tasks API, tasks of 50 ms and more; target under 100 ms), the
 * longest gap a message-channel ticker saw (tasks of any length), and the time to parse it all.
 * Part of test/bench/logViewer.ts (npm run bench).
 */
import type { Browser } from 'playwright-core';
import { gitlabDescriptor } from '../../src/providers/gitlab';
import { toLogMarkerViews } from '../../src/webview/mapping';
import { JOB, RUN, buildWebview, launch, openPanel, send } from '../unit/webview/browserHarness';

export const SHAPES = ['nested-10k', 'nested-30k', 'stray-ends-30k', 'groups-in-30k-sections', 'dense-errors', 'long-lines'] as const;
export type Shape = (typeof SHAPES)[number];
export const SHAPE_LINES = 100_000;

export interface ShapeFigures {
  readonly shape: Shape;
  readonly lines: number;
  readonly megabytes: number;
  /** Longest task of 50 ms or more (0: none). */
  readonly longestTaskMs: number;
  readonly tasksOver50Ms: number;
  /** Longest gap between two ticks of a message-channel ticker: bounds every task, short ones too. */
  readonly longestGapMs: number;
  readonly parseMs: number;
}

/**
 * Builds the shape's text in the page (a 30 MB string does not cross the CDP link) and keeps it
 * as `__log`. Runs in the page: self-contained.
 */
function generateInPage([shape, total]: readonly [Shape, number]): number {
  const out: string[] = [];
  const fill = (): void => {
    while (out.length < total) out.push(`\x1b[36m[worker ${out.length % 8}]\x1b[0m PASS tests/unit/module${out.length % 1000}.test.ts (${out.length % 97} ms)`);
  };
  const nested = (depth: number): void => {
    for (let i = 0; i < depth; i++) out.push(`section_start:1700000000:s${i}[collapsed=true]\r\x1b[0KSection ${i}`);
  };
  switch (shape) {
    case 'nested-10k':
    case 'nested-30k': {
      const depth = shape === 'nested-10k' ? 10_000 : 30_000;
      nested(depth);
      for (let i = 0; i < depth; i++) out.push(`\x1b[31;1mERROR: failure ${i}\x1b[0;m`);
      break;
    }
    case 'stray-ends-30k':
      nested(30_000);
      for (let i = 0; i < 30_000; i++) out.push(`section_end:1700000001:never_opened_${i}\r\x1b[0K`);
      for (let i = 29_999; i >= 0; i--) out.push(`section_end:1700000002:s${i}\r\x1b[0K`);
      break;
    case 'groups-in-30k-sections':
      nested(30_000);
      while (out.length < total - 3) out.push(`##[group]Run step ${out.length}`, 'npm test', '##[endgroup]');
      break;
    case 'dense-errors': {
      const shapes = ['src/a.ts(3,5): error TS2345: Argument of type string', 'npm ERR! code 1', '##[error]Process completed with exit code 1.', '    AssertionError: expected 1 to equal 2', 'ERROR: Job failed: exit code 1', 'FAILED tests/test_a.py::test_b', 'src/a.c:1:2: error: expected ;', 'warning: unused variable'];
      for (let i = 0; i < total; i++) out.push(shapes[i % shapes.length] ?? '');
      break;
    }
    case 'long-lines':
      for (let i = 0; i < total; i++) {
        if (i % 1000 === 0) out.push(`\x1b[32m${'x'.repeat(200_000)}\x1b[0m error: at the end`);
        else if (i % 1000 === 500) out.push(Array.from({ length: 2000 }, (_, f) => `[${'#'.repeat(f % 40)}${' '.repeat(40 - (f % 40))}] ${f % 100}%`).join('\r'));
        else out.push(`line ${i}: ${'word '.repeat(30)}`);
      }
      break;
  }
  fill();
  const text = out.join('\n') + '\n';
  (globalThis as unknown as { __log: string }).__log = text;
  return text.length;
}

/** The page globals the measurement touches (the Node tsconfig has no DOM lib). */
interface InPage {
  __log: string;
  document: { querySelector(selector: string): unknown };
  requestAnimationFrame(callback: () => void): number;
  setTimeout(callback: () => void, ms: number): number;
  dispatchEvent(event: unknown): boolean;
  MessageEvent: new (type: string, init: { data: unknown }) => unknown;
  PerformanceObserver: new (callback: (list: { getEntries(): { duration: number }[] }) => void) => { observe(options: { type: string; buffered: boolean }): void; takeRecords(): { duration: number }[]; disconnect(): void };
  MessageChannel: new () => { port1: { onmessage: (() => void) | null }; port2: { postMessage(value: unknown): void } };
  performance: { now(): number };
}

export async function measureShape(browser: Browser, dir: string, shape: Shape): Promise<ShapeFigures> {
  const page = await openPanel(browser, dir);
  try {
    await send(page, [{ type: 'init', run: { ...RUN, provider: 'gitlab' }, logMarkers: toLogMarkerViews(gitlabDescriptor.logMarkers) }, { type: 'jobs', jobs: [JOB] }]);
    const size = await page.evaluate(generateInPage, [shape, SHAPE_LINES] as const);
    const measured = await page.evaluate(
      () =>
        new Promise<{ longest: number; over50: number; gap: number; parseMs: number }>((resolve) => {
          const g = globalThis as unknown as InPage;
          const performance = g.performance;
          const longTasks: number[] = [];
          const observer = new g.PerformanceObserver((list) => {
            for (const entry of list.getEntries()) longTasks.push(entry.duration);
          });
          observer.observe({ type: 'longtask', buffered: false });
          let last = performance.now();
          let gap = 0;
          let ticking = true;
          const channel = new g.MessageChannel();
          channel.port1.onmessage = () => {
            const now = performance.now();
            gap = Math.max(gap, now - last);
            last = now;
            if (ticking) channel.port2.postMessage(0);
          };
          const started = performance.now();
          last = started;
          channel.port2.postMessage(0);
          g.dispatchEvent(new g.MessageEvent('message', { data: { type: 'log', jobId: '1', chunk: g.__log, append: false, complete: true } }));
          const check = (): void => {
            if (g.document.querySelector('.log-view[data-loaded="true"]') === null) {
              g.setTimeout(check, 5);
              return;
            }
            const parseMs = performance.now() - started;
            // One more frame, so the last slice's paint is counted too.
            g.requestAnimationFrame(() =>
              g.setTimeout(() => {
                ticking = false;
                for (const entry of observer.takeRecords()) longTasks.push(entry.duration);
                observer.disconnect();
                resolve({ longest: longTasks.reduce((a, b) => Math.max(a, b), 0), over50: longTasks.length, gap, parseMs });
              }, 20),
            );
          };
          check();
        }),
    );
    return { shape, lines: SHAPE_LINES, megabytes: size / 1024 / 1024, longestTaskMs: measured.longest, tasksOver50Ms: measured.over50, longestGapMs: measured.gap, parseMs: measured.parseMs };
  } finally {
    await page.close();
  }
}

export function formatShape(figures: ShapeFigures): string {
  const longest = figures.tasksOver50Ms === 0 ? 'none >= 50 ms' : `${figures.longestTaskMs.toFixed(0)} ms (${figures.tasksOver50Ms} tasks >= 50 ms)`;
  return `  ${figures.shape.padEnd(24)} ${figures.megabytes.toFixed(1).padStart(5)} MB: longest task ${longest}; longest ticker gap ${figures.longestGapMs.toFixed(0)} ms (target < 100 ms); parsed in ${figures.parseMs.toFixed(0)} ms`;
}

export async function runShapes(browser: Browser, dir: string): Promise<ShapeFigures[]> {
  console.log(`\nAdversarial log shapes, ${SHAPE_LINES.toLocaleString('en-US')} lines each (GitLab markers), longest main-thread task while ingesting:`);
  const all: ShapeFigures[] = [];
  for (const shape of SHAPES) {
    const figures = await measureShape(browser, dir, shape);
    console.log(formatShape(figures));
    all.push(figures);
  }
  return all;
}

if (require.main === module) {
  void (async () => {
    const dir = await buildWebview();
    const browser = await launch();
    try {
      const only = process.argv[2] as Shape | undefined;
      if (only !== undefined) console.log(formatShape(await measureShape(browser, dir, only)));
      else await runShapes(browser, dir);
    } finally {
      await browser.close();
    }
  })().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
