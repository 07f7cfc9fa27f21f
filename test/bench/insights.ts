/**
 * Benchmark of the Workflow Insights panel for 100 runs (no assertions on time): the host's
 * figures (InsightsSession.view over 100 runs with jobs) and, in headless Chromium with the
 * production CSP, data arrival -> first chart painted (two animation frames after the message),
 * with the chart's point count and the page's DOM size. Medians of 5 rounds, each in a fresh page.
 * Run: npm run compile && node out/test/bench/insights.js
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { median } from '../../src/core/insights/percentiles';
import type { Job, Run } from '../../src/core/model';
import type { InsightsView } from '../../src/shared/insightsProtocol';
import { buildCsp, buildHtml } from '../../src/webview/html';
import { InsightsSession } from '../../src/webview/insightsSession';
import { launch, ROOT, type PageGlobals } from '../unit/webview/browserHarness';
import { makeJob, makeRun } from '../support/coreFixtures';

const ORIGIN = 'http://flowforge.test';
const RUNS = 100;
const ROUNDS = 5;

export interface InsightsFigures {
  readonly runs: number;
  readonly hostViewMs: number;
  readonly firstChartMs: number;
  readonly points: number;
  readonly domElements: number;
  readonly messageBytes: number;
}

function history(): { runs: Run[]; jobs: Map<string, readonly Job[]> } {
  const t0 = Date.UTC(2024, 0, 1);
  const iso = (s: number): string => new Date(t0 + s * 1000).toISOString();
  const runs: Run[] = [];
  const jobs = new Map<string, readonly Job[]>();
  for (let i = 0; i < RUNS; i++) {
    const id = String(1000 + i);
    const seconds = 120 + ((i * 37) % 90);
    runs.push(makeRun(id, { number: i + 1, state: i % 7 === 3 ? 'failure' : 'success', createdAt: iso(i * 3600), startedAt: iso(i * 3600 + 10), updatedAt: iso(i * 3600 + 10 + seconds) }));
    jobs.set(id, ['build', 'test', 'lint', 'e2e'].map((name, j) => makeJob(`${id}-${j}`, id, { name, startedAt: iso(i * 3600 + 10), completedAt: iso(i * 3600 + 10 + seconds / (j + 1)) })));
  }
  return { runs: runs.reverse(), jobs };
}

async function hostView(): Promise<{ view: InsightsView; ms: number }> {
  const { runs, jobs } = history();
  const session = new InsightsSession(
    { repoKey: 'github|h|o/r', pipelineId: 'ci', workflowName: 'CI', repository: 'octo/hello' },
    {
      sync: { pipelineRuns: () => ({ runs, hasMore: false, loading: false }), loadMoreRuns: () => Promise.resolve(), cachedJobs: (_k, runId) => jobs.get(runId), getJobs: (_k, runId) => Promise.resolve(jobs.get(runId) ?? []) },
      limit: () => RUNS,
      alerts: () => [],
      onChange: () => undefined,
      errorText: String,
    },
  );
  await session.load();
  const started = performance.now();
  const view = session.view();
  return { view, ms: performance.now() - started };
}

async function bundle(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ff-insights-'));
  await build({ entryPoints: [path.join(ROOT, 'src/webview-ui/insights/main.ts')], outfile: path.join(dir, 'insights.js'), bundle: true, platform: 'browser', format: 'iife', target: 'es2022', tsconfig: path.join(ROOT, 'src/webview-ui/tsconfig.json'), logLevel: 'error' });
  return path.join(dir, 'insights.js');
}

async function firstChart(browser: Browser, script: string, view: InsightsView): Promise<{ ms: number; points: number; nodes: number }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  try {
    const nonce = 'benchnonce1';
    const stub = `window.__posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => undefined });`;
    const html = buildHtml({ cspSource: ORIGIN, nonce, scriptUri: `${ORIGIN}/insights.js`, styleUri: `${ORIGIN}/insights.css`, codiconsUri: `${ORIGIN}/codicon.css`, title: 'bench' }).replace('<body>', `<body><script nonce="${nonce}">${stub}</script>`);
    await page.route(`${ORIGIN}/**`, async (route) => {
      const { pathname } = new URL(route.request().url());
      if (pathname === '/insights.js') return route.fulfill({ body: fs.readFileSync(script), contentType: 'text/javascript' });
      if (pathname === '/insights.css') return route.fulfill({ body: fs.readFileSync(path.join(ROOT, 'media/webview/insights.css')), contentType: 'text/css' });
      if (pathname === '/') return route.fulfill({ body: html, contentType: 'text/html', headers: { 'content-security-policy': buildCsp(ORIGIN, nonce) } });
      return route.fulfill({ status: 404, body: '' });
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.some((m) => m.type === 'ready'));
    return await page.evaluate((data) => {
      const g = globalThis as unknown as PageGlobals;
      const started = g.performance.now();
      g.dispatchEvent(new g.MessageEvent('message', { data: { type: 'insights', view: data } }));
      return new Promise<{ ms: number; points: number; nodes: number }>((resolve) =>
        g.requestAnimationFrame(() => g.requestAnimationFrame(() => resolve({ ms: g.performance.now() - started, points: g.document.querySelectorAll('svg.chart circle.point').length, nodes: g.document.getElementsByTagName('*').length }))),
      );
    }, view);
  } finally {
    await page.close();
  }
}

export async function run(): Promise<InsightsFigures> {
  const hostTimes: number[] = [];
  let view: InsightsView | undefined;
  for (let i = 0; i < ROUNDS; i++) {
    const result = await hostView();
    hostTimes.push(result.ms);
    view = result.view;
  }
  if (view === undefined) throw new Error('no view');
  const script = await bundle();
  const browser = await launch();
  const charts: { ms: number; points: number; nodes: number }[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) charts.push(await firstChart(browser, script, view));
  } finally {
    await browser.close();
  }
  const figures: InsightsFigures = {
    runs: view.runs.length,
    hostViewMs: median(hostTimes) ?? 0,
    firstChartMs: median(charts.map((c) => c.ms)) ?? 0,
    points: charts[0]?.points ?? 0,
    domElements: charts[0]?.nodes ?? 0,
    messageBytes: JSON.stringify({ type: 'insights', view }).length,
  };
  console.log('\n(e) Workflow Insights panel (headless Chromium)');
  console.log(
    `${figures.runs} runs: host figures ${figures.hostViewMs.toFixed(1)} ms; data arrival -> first chart painted ${figures.firstChartMs.toFixed(0)} ms (median of ${ROUNDS}); ${figures.points} chart points; DOM elements ${figures.domElements}; message ${(figures.messageBytes / 1024).toFixed(1)} KB`,
  );
  return figures;
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
