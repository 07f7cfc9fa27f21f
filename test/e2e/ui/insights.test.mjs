// The Workflow Insights panel in a real VS Code (code-server + chromium), scenario paused at 0:
// api-gateway's "Build and test" has the 24 finished runs of demo.json's history (#17-#40), more
// than one page of runs (flowforge.runsPerPage 20), so the panel loads an older page itself.
// The expected figures are computed here from the fixture (durations from its templates), not
// copied from the panel. Trend alerts are on (window 5, success rate below 90%): the last five
// runs (#36-#40) hold one failure, 80%, so FlowForge warns once and marks the workflow's row. Screenshots: artifacts/e2e/ui-insights-*.png; one is kept as
// media/screenshots/insights.png for the README.

import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { waitFor } from '../../../scripts/e2e/lib.mjs';
import { ROOT, shotName, startUi } from './harness.mjs';

const REPO = 'flowforge-demo/api-gateway';
const WORKFLOW = 'Build and test';

/** What the fixture says about a run at scenario time 0: its result and its duration (start to the end of its last job) in seconds. */
function expectedRun(definition, run) {
  const template = definition.templates[run.template];
  let failed = false;
  let seconds = 0;
  for (const job of template.jobs) {
    let length = 0;
    for (const step of job.steps) {
      length += step.seconds;
      if (step.conclusion === 'failure') {
        failed = true;
        break;
      }
    }
    seconds = Math.max(seconds, (job.startAfter ?? 0) + length);
  }
  return { failed, seconds };
}

/** Median with the usual interpolation (mean of the middle two for an even count). */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)] + sorted[Math.ceil(mid)]) / 2;
}

/** formatDuration of the webview: "1m 5s", "45s". */
function durationText(seconds) {
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${s}s`;
}

describe('FlowForge UI: workflow insights', function () {
  this.timeout(120_000);
  /** @type {import('./harness.mjs').Ui} */
  let ui;
  let expected;

  before(async function () {
    this.timeout(180_000);
    ui = await startUi({ speed: 0, start: 0, settings: { 'flowforge.insights.alerts.enabled': true, 'flowforge.insights.alerts.window': 5, 'flowforge.insights.alerts.successRateBelow': 90 } });
    const repo = ui.definition.repositories.find((r) => `${r.owner}/${r.name}` === REPO);
    const workflow = repo.workflows.find((w) => w.name === WORKFLOW);
    const runs = repo.runs.filter((r) => r.workflow === workflow.id && r.at < 0).map((r) => expectedRun(ui.definition, r));
    const succeeded = runs.filter((r) => !r.failed).length;
    expected = { count: runs.length, rate: `${Math.round((succeeded / runs.length) * 100)}%`, succeeded, median: durationText(median(runs.map((r) => r.seconds))) };
    assert.ok(expected.count > 20, `the fixture should hold more than one page of runs, has ${expected.count}`);
    await ui.openFlowForge();
    await ui.waitRow(REPO, 60_000);
  });

  after(async () => {
    await ui?.stop();
  });

  afterEach(async function () {
    if (!ui) return;
    await ui.screenshot(`insights ${shotName(this.currentTest)}`).catch(() => {});
    await ui.closeQuickInput();
  });

  /** The insights webview once it has loaded every page: figures by name. */
  async function loadedPanel(title) {
    const view = ui.webview();
    await view.locator('.insights-header h1', { hasText: title }).waitFor({ timeout: 30_000 });
    await waitFor(async () => (await view.locator('.status').getAttribute('aria-busy')) === 'false', { timeout: 30_000, message: 'the panel to finish loading' });
    const figure = async (name) => (await view.locator(`.figure[data-figure="${name}"] .value`).innerText()).trim();
    return { view, figure };
  }

  async function closeEditors() {
    await ui.command('View: Close All Editors');
    await ui.page.locator('iframe.webview.ready').waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {});
  }

  it('warns once that the success rate dropped below the threshold, marks the row, and "Show Insights" opens the panel with the warning', async () => {
    const text = 'Success rate 80% over the last 5 runs (threshold 90%)';
    await ui.expandRow(REPO);
    await ui.waitRow(/^Build and test.*⚠ 80% success/, 60_000);
    const toast = ui.page.locator('.notification-toast', { hasText: text });
    await toast.first().waitFor({ timeout: 30_000 });
    assert.match(await toast.first().innerText(), new RegExp(`${REPO} · ${WORKFLOW}`));
    // Several polls later (every 2 s here) it has not been said again.
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    assert.equal(await toast.count(), 1, 'the alert was shown more than once');
    await toast.first().locator('.monaco-button', { hasText: 'Show Insights' }).click();
    const { view } = await loadedPanel(`${WORKFLOW} · ${REPO}`);
    assert.match(await view.locator('.alerts').innerText(), new RegExp(text.replace(/[()]/g, '\\$&')));
    await closeEditors();
  });

  it('opens from the workflow row (inline icon), loads the older page itself and shows the fixture\'s success rate and median', async () => {
    const row = await ui.waitRow(new RegExp(`^${WORKFLOW}`));
    await ui.inlineAction(row, 'Show Workflow Insights');
    const { view, figure } = await loadedPanel(`${WORKFLOW} · ${REPO}`);
    await waitFor(async () => (await figure('runs')) === String(expected.count), { timeout: 30_000, message: `${expected.count} runs in the panel` });
    assert.equal(await figure('successRate'), expected.rate);
    assert.match(await view.locator('.figure[data-figure="successRate"] .detail').innerText(), new RegExp(`^${expected.succeeded} of ${expected.count} finished`));
    assert.equal(await figure('median'), expected.median);
    // One chart point per run, each coloured by its result, and the same figures as text.
    assert.equal(await view.locator('svg.chart circle.point').count(), expected.count);
    assert.equal(await view.locator('svg.chart circle.point.state-failure').count(), expected.count - expected.succeeded);
    assert.equal(await view.locator('svg.strip rect.cell').count(), expected.count);
    assert.equal(await view.locator('svg.strip rect.cell.state-failure').count(), expected.count - expected.succeeded);
    const cellFills = await view.locator('svg.strip rect.cell').evaluateAll((els) => new Set(els.map((el) => el.ownerDocument.defaultView.getComputedStyle(el).fill)).size);
    assert.equal(cellFills, 2, 'the strip shows successes and failures in two colours');
    assert.match((await view.locator('svg.chart').getAttribute('aria-label')) ?? '', new RegExp(`Duration of ${expected.count} runs.*Median ${expected.median}`));
    assert.equal(await view.locator('.runs-table tbody tr').count(), expected.count);
    // The point's colour comes from the theme (not the default fill of an unstyled circle).
    const fill = await view.locator('svg.chart circle.point.state-success').first().evaluate((el) => el.ownerDocument.defaultView.getComputedStyle(el).fill);
    assert.notEqual(fill, 'rgb(0, 0, 0)');
    assert.match(await view.locator('.status').innerText(), /page requests? for this panel/);
    assert.match(await view.locator('.slow').innerText(), /build/);
    assert.match(await view.locator('.flaky').innerText(), /no test reports/i, 'GitHub has no test reports: the panel says so');
    const shot = await ui.screenshot('insights panel');
    mkdirSync(path.join(ROOT, 'media', 'screenshots'), { recursive: true });
    copyFileSync(shot, path.join(ROOT, 'media', 'screenshots', 'insights.png'));
  });

  it('a click on a chart point opens that run in the run panel', async () => {
    const view = ui.webview();
    await view.locator('svg.chart circle.point').last().click();
    await ui.webview().locator('.run-header h1', { hasText: `${WORKFLOW} #40` }).waitFor({ timeout: 30_000 });
  });

  it('the run panel\'s "Workflow insights" button opens the insights of the run\'s workflow', async () => {
    await ui.webview().locator('.run-header button[aria-label="Workflow insights"]').click();
    const { figure } = await loadedPanel(`${WORKFLOW} · ${REPO}`);
    assert.equal(await figure('runs'), String(expected.count));
    await closeEditors();
  });

  it('FlowForge: Show Workflow Insights from the palette asks which workflow', async () => {
    await ui.command('FlowForge: Show Workflow Insights');
    await ui.answerWhen(/Show Workflow Insights/, 'Deploy');
    const { figure } = await loadedPanel('Deploy · flowforge-demo/webshop');
    assert.equal(await figure('runs'), '2', 'Deploy #3 (waiting) and #4 at time 0');
    await closeEditors();
  });

  it('the "Show insights" CodeLens on a workflow file opens its insights', async () => {
    await ui.command('Go to File...');
    await ui.answer('ci.yml', { item: '.github/workflows' });
    const lens = ui.page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Show insights' });
    await lens.first().waitFor({ timeout: 30_000 });
    await lens.first().click();
    const { view, figure } = await loadedPanel('CI · flowforge-demo/webshop');
    const runs = Number(await figure('runs'));
    assert.ok(runs >= 2, `CI runs: ${runs}`);
    assert.equal(await view.locator('svg.chart circle.point').count(), runs);
  });

  it('stays readable in a high-contrast theme: every mark is outlined with the theme\'s contrast border', async () => {
    await closeEditors();
    await ui.command('Preferences: Color Theme');
    await ui.answer('Dark High Contrast');
    await ui.command('FlowForge: Show Workflow Insights');
    await ui.answerWhen(/Show Workflow Insights/, WORKFLOW);
    const { view } = await loadedPanel(`${WORKFLOW} · ${REPO}`);
    await waitFor(async () => (await view.locator('body.vscode-high-contrast').count()) === 1, { timeout: 10_000, message: 'the high-contrast theme in the webview' });
    const style = await view.locator('svg.chart circle.point.state-success').first().evaluate((el) => {
      const css = el.ownerDocument.defaultView.getComputedStyle(el);
      return { stroke: css.stroke, fill: css.fill, background: el.ownerDocument.defaultView.getComputedStyle(el.ownerDocument.body).backgroundColor };
    });
    assert.notEqual(style.stroke, 'none', JSON.stringify(style));
    assert.notEqual(style.stroke, style.background, `the outline vanishes into the background: ${JSON.stringify(style)}`);
    assert.notEqual(style.fill, style.background, JSON.stringify(style));
    await ui.screenshot('insights high contrast');
  });
});
