import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, JOB, RUN, nextPaint, send, startPanel } from './browserHarness';

interface Painted {
  readonly lastLine: number;
  readonly bottomLine: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  readonly paintedBelowEnd: number;
}

/** What the user sees: rows that take up space in the layout, and the scroll extent. Runs in the page. */
const MEASURE = `(() => {
  const scroller = document.querySelector('.vlist');
  const box = scroller.getBoundingClientRect();
  let lastLine = -1, bottomLine = -1, bottom = -Infinity, lastBottom = -Infinity;
  const rows = [...document.querySelectorAll('.vlist .row')].filter((row) => row.getClientRects().length > 0 && getComputedStyle(row).display !== 'none');
  for (const row of rows) {
    const rect = row.getBoundingClientRect();
    if (rect.bottom <= box.top || rect.top >= box.bottom) continue;
    const line = Number(row.dataset.line);
    lastLine = Math.max(lastLine, line);
    if (rect.bottom > bottom) { bottom = rect.bottom; bottomLine = line; }
  }
  const lastRow = rows.find((row) => Number(row.dataset.line) === lastLine);
  lastBottom = lastRow ? lastRow.getBoundingClientRect().bottom : -Infinity;
  const paintedBelowEnd = rows.filter((row) => row.getBoundingClientRect().top >= lastBottom - 0.5).length;
  return { lastLine, bottomLine, scrollHeight: scroller.scrollHeight, clientHeight: scroller.clientHeight, paintedBelowEnd };
})()`;

function plainLog(lines: number): string {
  return Array.from({ length: lines }, (_, i) => `2024-07-08T16:51:04.9647268Z step output line ${i + 1}`).join('\n') + '\n';
}

/** A GitHub-style log with groups (some collapsed) and an error near the end. */
function groupedLog(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    if (i % 50 === 0) out.push(`##[group]Step ${i / 50}`);
    else if (i % 50 === 49) out.push('##[endgroup]');
    else out.push(`line ${i + 1}`);
  }
  return out.join('\n') + '\n';
}

/** Scrolls as a reader does: from the top, through the middle, to the end and on past it. */
async function scrollPastEnd(page: Page): Promise<void> {
  for (const fraction of [0, 0.5]) {
    await page.evaluate(`((f) => { const s = document.querySelector('.vlist'); s.scrollTop = (s.scrollHeight - s.clientHeight) * f; })(${fraction})`);
    await nextPaint(page);
  }
  for (let i = 0; i < 6; i++) {
    await page.evaluate(`(() => { const s = document.querySelector('.vlist'); s.scrollTop = s.scrollHeight + 10000; })()`);
    await nextPaint(page);
  }
  await page.mouse.move(600, 500);
  for (let i = 0; i < 5; i++) {
    await page.mouse.wheel(0, 2000);
    await nextPaint(page);
  }
}

describe('log viewer scrolling in a real browser', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  let page: Page;

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      this.skip(); // no Chromium at /usr/bin/chromium on this machine
    }
    ({ browser, page } = await startPanel([]));
    await send(page, [{ type: 'init', run: RUN }, { type: 'jobs', jobs: [JOB] }]);
  });
  after(async () => {
    await browser?.close();
  });

  for (const lines of [8, 41, 45, 120, 1_000, 25_000]) {
    it(`paints nothing past the last line of a ${lines}-line log, however far it is scrolled`, async () => {
      await send(page, [{ type: 'log', jobId: '1', chunk: plainLog(lines), append: false, complete: true }]);
      await page.waitForSelector('.log-view[data-loaded="true"]');
      await nextPaint(page);
      await scrollPastEnd(page);
      const first = await page.evaluate<Painted>(MEASURE);
      await scrollPastEnd(page);
      const after = await page.evaluate<Painted>(MEASURE);
      assert.equal(after.lastLine, lines - 1, 'the last painted row is the last line');
      assert.equal(after.bottomLine, lines - 1, 'no row is painted below the last line');
      assert.equal(after.paintedBelowEnd, 0, 'no row takes space below the last line');
      assert.equal(after.scrollHeight, first.scrollHeight, 'scrolling further does not grow the scroll area');
      assert.equal(after.scrollHeight, Math.max(after.clientHeight, lines * 18), 'scroll height equals the content');
    });
  }

  it('paints nothing past the end of a log with collapsed groups, before and after expanding them', async () => {
    const lines = 2_000;
    await send(page, [{ type: 'log', jobId: '1', chunk: groupedLog(lines), append: false, complete: true }]);
    await page.waitForSelector('.log-view[data-loaded="true"]');
    await scrollPastEnd(page);
    const collapsed = await page.evaluate<Painted>(MEASURE);
    assert.equal(collapsed.bottomLine, collapsed.lastLine);
    assert.equal(collapsed.paintedBelowEnd, 0);
    assert.equal(collapsed.scrollHeight, Math.max(collapsed.clientHeight, (lines / 50) * 18), 'one row per collapsed group');
    await page.click('button[aria-label="Expand all groups"]');
    await scrollPastEnd(page);
    const expanded = await page.evaluate<Painted>(MEASURE);
    const modelLines = lines - lines / 50; // ##[endgroup] lines are not shown
    assert.equal(expanded.lastLine, modelLines - 1);
    assert.equal(expanded.bottomLine, modelLines - 1);
    assert.equal(expanded.scrollHeight, modelLines * 18);
    assert.equal(expanded.paintedBelowEnd, 0);
    await page.click('button[aria-label="Collapse all groups"]');
    await scrollPastEnd(page);
    const again = await page.evaluate<Painted>(MEASURE);
    assert.equal(again.paintedBelowEnd, 0, 'rows retired when the list shrank stay hidden');
    assert.equal(again.scrollHeight, collapsed.scrollHeight);
  });
});
