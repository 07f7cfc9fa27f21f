// The run details panel in a real VS Code (code-server + chromium) against the scenario paused one
// second before its live runs: CI #11, the demo branch's latest run, failed its lint job with two
// annotations on src/checkout/express.ts (a file of the demo workspace, see demo.json's demo.files).
// Screenshots: artifacts/e2e/ui-run-panel-*.png.

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { waitFor } from '../../../scripts/e2e/lib.mjs';
import { shotName, startUi } from './harness.mjs';

const FAILED_RUN = /#11 (CI: )?Add express checkout button/;
/** Click-to-first-line figures of this run, for `npm run bench` (test/bench/clickToFirstLine.ts reads them). */
const TIMING_FILE = path.join(process.cwd(), 'artifacts', 'e2e', 'click-to-first-line.json');

describe('FlowForge UI: run details panel', function () {
  this.timeout(120_000);
  /** @type {import('./harness.mjs').Ui} */
  let ui;

  before(async function () {
    this.timeout(180_000);
    ui = await startUi({ speed: 0, start: -1 });
  });

  /** @type {{ label: string, clickToFirstLineMs: number, phases: Record<string, number> }[]} */
  const timings = [];

  after(async () => {
    if (timings.length > 0) {
      mkdirSync(path.dirname(TIMING_FILE), { recursive: true });
      writeFileSync(TIMING_FILE, JSON.stringify({ measuredAt: new Date().toISOString(), runs: timings }, null, 2) + '\n');
    }
    await ui?.stop();
  });

  /** Wall-clock milliseconds in the workbench page: the same clock as the webview's data-t-* milestones. */
  const now = () => ui.page.evaluate(() => performance.timeOrigin + performance.now());

  /**
   * Waits for the panel's first log line and records the webview's milestones (src/webview-ui/timing.ts)
   * as milliseconds after `clickAt`: origin (the webview document starts), boot (its script runs),
   * ready, init, jobs, select (it asks for the log), log (the log arrives), first-line (rows in the DOM).
   */
  async function clickToFirstLine(label, clickAt) {
    const root = ui.webview().locator('html');
    await waitFor(async () => (await root.getAttribute('data-t-first-line')) !== null, { timeout: 30_000, interval: 20, message: `the first log line (${label})` });
    const marks = await root.evaluate((el) => Object.fromEntries([...el.attributes].filter((a) => a.name.startsWith('data-t-')).map((a) => [a.name.slice('data-t-'.length), Number(a.value)])));
    const phases = Object.fromEntries(Object.entries(marks).sort((a, b) => a[1] - b[1]).map(([name, at]) => [name, Math.round(at - clickAt)]));
    const entry = { label, clickToFirstLineMs: phases['first-line'], phases };
    timings.push(entry);
    console.log(`      click-to-first-line, ${label}: ${entry.clickToFirstLineMs} ms ${JSON.stringify(phases)}`);
    return entry;
  }

  afterEach(async function () {
    if (ui) await ui.screenshot(`run panel ${shotName(this.currentTest)}`).catch(() => {});
  });

  /** Header and jobs of the open panel show the failed CI #11 with its failed lint job. */
  async function expectFailedRunHeader() {
    const view = ui.webview();
    await view.locator('.run-header h1', { hasText: 'CI #11' }).waitFor({ timeout: 30_000 });
    await view.locator('.run-header .title-row .state.state-failure').waitFor();
    assert.match(await view.locator('.run-header .facts').innerText(), /feature\/express-checkout[\s\S]*Add express checkout button/);
    const job = view.locator('nav.jobs button.job', { hasText: 'lint' });
    await job.waitFor();
    assert.equal(await job.locator('.state').getAttribute('class'), 'state state-failure');
    return view;
  }

  it('opens the failed run from the tree: header and jobs', async () => {
    await ui.openFlowForge();
    const row = await ui.waitRow(FAILED_RUN, 60_000);
    const clickAt = await now();
    await row.click();
    await expectFailedRunHeader();
    await clickToFirstLine('first panel of the window, log read from the server', clickAt);
  });

  it('shows the failing job log with ANSI colours as styled spans', async () => {
    const view = ui.webview();
    await view.locator('nav.jobs button.job', { hasText: 'lint' }).click();
    const errorLine = view.locator('.log-body .row', { hasText: 'Imports must be sorted' }).first();
    await errorLine.waitFor({ timeout: 30_000 });
    const body = await view.locator('.log-body').innerText();
    assert.ok(!body.includes(String.fromCharCode(27)), 'raw ESC characters in the rendered log');
    assert.doesNotMatch(body, /\[(3[0-9]|2[2-4]|[0-9])m/, 'raw ANSI SGR codes in the rendered log');
    // "\u001b[31merror\u001b[39m": the word "error" is its own span with a colour.
    const styled = await errorLine.locator('.txt span', { hasText: /^error$/ }).evaluate((el) => ({ className: el.className, color: el.style.color, computed: el.ownerDocument.defaultView.getComputedStyle(el).color, parent: el.ownerDocument.defaultView.getComputedStyle(el.parentElement).color }));
    assert.ok(styled.className.trim() !== '' || styled.color !== '', `"error" carries no ANSI style: ${JSON.stringify(styled)}`);
    assert.notEqual(styled.computed, styled.parent, `"error" is not coloured: ${JSON.stringify(styled)}`);
    await view.locator('.log-body .row', { hasText: '✖ 2 problems' }).first().waitFor();
  });

  it('folds and unfolds a ##[group] of the log', async () => {
    const view = ui.webview();
    const header = view.locator('.log-body .row', { hasText: /Run npm run lint$/ }).filter({ has: view.locator('.fold') }).first();
    await header.waitFor();
    const inside = view.locator('.log-body .row .txt', { hasText: /^shell: \/usr\/bin\/bash -e \{0\}$/ });
    const expandedAtStart = (await header.getAttribute('aria-expanded')) === 'true';
    const countAtStart = await inside.count();
    await header.locator('.fold').click();
    await waitAttr(header, 'aria-expanded', String(!expandedAtStart));
    const countAfter = await inside.count();
    assert.ok(expandedAtStart ? countAfter < countAtStart : countAfter > countAtStart, `group content did not ${expandedAtStart ? 'hide' : 'show'} (${countAtStart} -> ${countAfter} lines)`);
    if (expandedAtStart) await header.locator('.fold').click();
    await waitAttr(header, 'aria-expanded', 'true');
    await view.locator('.log-body .row .txt', { hasText: /^npm run lint$/ }).first().waitFor();
    await ui.screenshot('run panel log with the lint group expanded');
  });

  it('lists the check annotations in the Checks tab', async () => {
    const view = ui.webview();
    await view.locator('.tabs button.tab', { hasText: 'Checks' }).click();
    const first = view.locator('.checks-pane li.annotation', { hasText: 'src/checkout/express.ts:3' });
    await first.waitFor({ timeout: 30_000 });
    assert.match(await first.innerText(), /Imports must be sorted/);
    const second = view.locator('.checks-pane li.annotation', { hasText: 'src/checkout/express.ts:27' });
    assert.match(await second.innerText(), /'total' is assigned a value but never used/);
    assert.match(await view.locator('.checks-pane li.check', { hasText: 'lint' }).first().innerText(), /Process completed with exit code 1/);
    // The compact summary under the header counts the failed check and its annotations.
    assert.match(await view.locator('.checks-summary').innerText(), /^1 failed check, \d+ annotations/);
  });

  it('shows the annotations as FlowForge problems on the workspace file', async () => {
    await ui.command('Problems: Focus on Problems View');
    const problem = ui.page.locator('.markers-panel .monaco-list-row', { hasText: 'Imports must be sorted' }).first();
    await problem.waitFor({ timeout: 30_000 });
    assert.match(await problem.innerText(), /FlowForge/);
    const file = ui.page.locator('.markers-panel .monaco-list-row', { hasText: 'express.ts' }).first();
    await file.waitFor();
    await ui.page.locator('.markers-panel .monaco-list-row', { hasText: "'total' is assigned a value but never used" }).first().waitFor();
  });

  it('opens the failed run from FlowForge: Open Run in the palette', async () => {
    await ui.command('View: Close All Editors');
    await ui.webview().locator('.run-header').waitFor({ state: 'detached', timeout: 15_000 }).catch(() => {});
    assert.equal(await ui.page.locator('iframe.webview.ready').count(), 0, 'a webview is still open');
    await ui.command('FlowForge: Open Run');
    await ui.answerWhen(/Open Run/, 'CI #11', { item: 'CI #11' });
    await expectFailedRunHeader();
  });

  it('follows a running run: job states update and the log appears when the job finishes', async () => {
    await ui.command('View: Close All Editors');
    ui.advance(13); // CI #12 on the demo branch: out of the queue, its job running
    const running = await ui.waitRow(/#12 (CI: )?Fix lint/, 60_000);
    await waitFor(async () => /sync/.test((await running.innerHTML()) ?? ''), { timeout: 30_000, interval: 200, message: 'CI #12 running in the tree' });
    await running.click();
    const view = ui.webview();
    await view.locator('.run-header h1', { hasText: 'CI #12' }).waitFor({ timeout: 30_000 });
    await view.locator('nav.jobs button.job .state.state-running').first().waitFor({ timeout: 30_000 });
    await ui.screenshot('run panel while CI #12 runs');
    ui.advanceToEnd();
    await view.locator('.run-header .title-row .state.state-success').waitFor({ timeout: 60_000 });
    await view.locator('nav.jobs button.job .state.state-success').first().waitFor({ timeout: 30_000 });
    await waitFor(async () => (await view.locator('.log-body .row').count()) > 3, { timeout: 30_000, interval: 200, message: 'the finished job log' });
  });

  it('opens the raw log of the selected job in an editor, without escape codes', async () => {
    const view = ui.webview();
    await view.locator('.tabs button.tab', { hasText: 'Logs' }).click();
    await view.locator('button[aria-label="Open the raw log in an editor"]').click();
    const lines = ui.page.locator('.editor-group-container .monaco-editor .view-lines').last();
    // Monaco renders spaces as no-break spaces: match text without spaces.
    await waitFor(async () => /##\[group\]Set/.test((await lines.innerText().catch(() => '')) ?? ''), { timeout: 30_000, interval: 200, message: 'raw log in an editor' });
    const text = await lines.innerText();
    assert.ok(!text.includes('\u001b') && !/\[3\dm/.test(text), 'escape codes left in the raw log');
  });

  it('scrolls past the end of a log: the last painted row is its last line, nothing below it', async () => {
    const view = ui.webview();
    await view.locator('.tabs button.tab', { hasText: 'Logs' }).click();
    // A lower window (the Problems panel keeps its height), so that the log is several screens long.
    await ui.page.setViewportSize({ width: 1400, height: 700 });
    try {
      await view.locator('button[aria-label="Expand all groups"]').click();
      const scroller = view.locator('.log-body .vlist');
      const measure = () =>
        scroller.evaluate((s) => {
          const box = s.getBoundingClientRect();
          const spacer = s.querySelector('.vlist-spacer').offsetHeight;
          const rows = [...s.querySelectorAll('.row')].filter((r) => r.getClientRects().length > 0 && r.ownerDocument.defaultView.getComputedStyle(r).display !== 'none');
          let lastLine = -1;
          let bottomLine = -1;
          let bottom = -Infinity;
          for (const row of rows) {
            const rect = row.getBoundingClientRect();
            if (rect.bottom <= box.top || rect.top >= box.bottom) continue;
            const line = Number(row.dataset.line);
            lastLine = Math.max(lastLine, line);
            if (rect.bottom > bottom) {
              bottom = rect.bottom;
              bottomLine = line;
            }
          }
          const lastRow = rows.find((r) => Number(r.dataset.line) === lastLine);
          const lastBottom = lastRow ? lastRow.getBoundingClientRect().bottom : -Infinity;
          return { lastLine, bottomLine, lines: Math.round(spacer / 18), spacer, scrollHeight: s.scrollHeight, clientHeight: s.clientHeight, paintedBelowEnd: rows.filter((r) => r.getBoundingClientRect().top >= lastBottom - 0.5).length };
        });
      const before = await measure();
      assert.ok(before.clientHeight >= 36 && before.spacer > before.clientHeight * 1.5, `the log is not longer than the panel: ${JSON.stringify(before)}`);
      // To the end and on past it, as a reader's wheel does, a frame apart.
      for (let i = 0; i < 8; i++) {
        await scroller.evaluate((s, first) => new Promise((resolve) => {
          s.scrollBy(0, first ? s.scrollHeight + 10_000 : 1500);
          const view = s.ownerDocument.defaultView;
          view.requestAnimationFrame(() => view.requestAnimationFrame(resolve));
        }), i === 0);
      }
      await waitFor(async () => {
        const m = await measure();
        return m.lastLine === m.lines - 1;
      }, { timeout: 5_000, interval: 100, message: 'the last line painted at the end' }).catch(() => {});
      const after = await measure();
      await ui.screenshot('run panel scrolled past the end of the log');
      // All groups are expanded: every line is a row, the last one is line (lines - 1).
      assert.equal(after.lastLine, after.lines - 1, `last painted row: ${JSON.stringify(after)}`);
      assert.equal(after.bottomLine, after.lastLine, `a row below the last line: ${JSON.stringify(after)}`);
      assert.equal(after.paintedBelowEnd, 0, `rows painted below the end: ${JSON.stringify(after)}`);
      assert.equal(after.scrollHeight, after.spacer, `the scroll area grew past the content: ${JSON.stringify(after)}`);
      assert.equal(after.spacer, before.spacer);
    } finally {
      await ui.page.setViewportSize({ width: 1400, height: 900 });
    }
  });

  it('opens a run again at once: its last log shown without asking the server again', async () => {
    await ui.command('View: Close All Editors');
    // The raw log of the test before is an unsaved editor.
    const dontSave = ui.page.getByRole('button', { name: "Don't Save" });
    if (await dontSave.waitFor({ timeout: 3_000 }).then(() => true, () => false)) await dontSave.click();
    await ui.webview().locator('.run-header').waitFor({ state: 'detached', timeout: 15_000 }).catch(() => {});
    const requestsBefore = ui.scenario.requests.length;
    await ui.command('FlowForge: Open Run');
    const clickAt = await now();
    await ui.answerWhen(/Open Run/, 'CI #11', { item: 'CI #11' });
    await expectFailedRunHeader();
    await ui.webview().locator('.log-body .row', { hasText: 'Imports must be sorted' }).first().waitFor({ timeout: 30_000 });
    await clickToFirstLine('run opened again from the palette, log kept from before', clickAt);
    const logRequests = ui.scenario.requests.slice(requestsBefore).filter((r) => /\/actions\/jobs\/\d+\/logs/.test(r.path));
    assert.deepEqual(logRequests.map((r) => r.path), [], 'the finished job log was read again');
  });
});


function waitAttr(locator, name, value, timeout = 10_000) {
  let last;
  return waitFor(async () => {
    last = await locator.getAttribute(name);
    return last === value;
  }, { timeout, interval: 100, message: `${name}=${value} (last: ${last})` });
}
