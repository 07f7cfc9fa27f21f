import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, JOB, RUN, nextPaint, send, startPanel, type PageGlobals } from './browserHarness';

const HOSTILE_LOG = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  'javascript:window.__pwned = "js-url"',
  'see \x1b]8;;javascript:window.__pwned="osc8"\x07the docs\x1b]8;;\x07 here',
  'bad escapes \x1b[38;5m\x1b[\x1b]unterminated',
  'invalid utf8 \ud800 \udfff \ufffd end',
  'at src/app.ts:12:5 failed, see https://example.com/x',
  '##[error]<b onmouseover=alert(1)>boom</b>',
  'x'.repeat(1024 * 1024),
  '',
].join('\n');

const HOSTILE_SUMMARY = '## Result\n<script>window.__pwned="md"</script>\n\n[click](javascript:window.__pwned="mdlink") and [ok](https://example.com/ok)\n\n<img src=x onerror="window.__pwned=\'mdimg\'">\n\n<a href="javascript:alert(1)">a</a>';

describe('webview in a real browser (hostile input)', function () {
  this.timeout(30_000);
  let browser: Browser | undefined;
  let page: Page;
  const dialogs: string[] = [];

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      this.skip(); // no Chromium at /usr/bin/chromium on this machine
    }
    ({ browser, page } = await startPanel(dialogs));
  });
  after(async () => {
    await browser?.close();
  });

  it('shows hostile log, header and checks text literally and runs no script', async () => {
    const hostileRun = { ...RUN, workflowName: '<img src=x onerror="window.__pwned=\'hdr\'">', commitTitle: '<script>window.__pwned="title"</script>' };
    await send(page, [
      { type: 'init', run: hostileRun },
      { type: 'jobs', jobs: [{ ...JOB, name: '<svg onload="window.__pwned=\'job\'">' }] },
    ]);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.some((m) => m.type === 'selectJob'));
    await send(page, [
      { type: 'log', jobId: '1', chunk: HOSTILE_LOG, append: false, complete: true },
      {
        type: 'checks',
        checks: [{ id: 'c', name: '<iframe src="javascript:window.__pwned=1">', state: 'failure', rawStatus: 'failure', summary: HOSTILE_SUMMARY, annotations: [{ level: 'failure', path: '<x>.ts', startLine: 1, endLine: 1, message: '<script>window.__pwned="ann"</script>' }] }],
      },
    ]);
    await nextPaint(page);
    const rows: string[] = await page.$$eval('.row .txt', (elements: { textContent: string | null }[]) => elements.map((e) => e.textContent ?? ''));
    assert.ok(rows.includes('<script>window.__pwned = "script"</script>'));
    assert.ok(rows.includes('<img src=x onerror="window.__pwned = \'img\'">'));
    assert.ok(rows.includes('see the docs here'), 'OSC 8 text kept, link dropped');
    assert.ok(rows.includes('bad escapes '));
    assert.ok(rows.some((r) => r.startsWith('invalid utf8 ')));
    assert.ok(rows.includes('<b onmouseover=alert(1)>boom</b>'));
    assert.ok(rows.some((r) => r.length === 10_001 && r.endsWith('…')), '1 MB line shown, cut for display');
    assert.match((await page.textContent('h1')) ?? '', /<img src=x onerror=/);
    assert.match((await page.textContent('.jobs')) ?? '', /<svg onload=/);

    await page.click('.tab:nth-child(2)');
    const checksText = (await page.textContent('.checks-pane')) ?? '';
    // HTML in a summary goes through the sanitizer (browserHtml.test.ts): the script is dropped, not shown.
    assert.doesNotMatch(checksText, /__pwned="md"/);
    assert.match(checksText, /Resultclick and oka/);
    assert.match(checksText, /<iframe src=/);
    assert.match(checksText, /<script>window.__pwned="ann"<\/script>/);
    assert.equal(await page.$$eval('.md-link', (links) => links.length), 1, 'only the https link is a link');
    await page.click('.md-link');

    const injected = await page.evaluate(() => ({
      pwned: (globalThis as unknown as PageGlobals).__pwned,
      scripts: (globalThis as unknown as PageGlobals).document.scripts.length,
      foreign: (globalThis as unknown as PageGlobals).document.querySelectorAll('img, iframe, svg, b, a[href], [onerror], [onload], [onmouseover]').length,
    }));
    assert.deepEqual(injected, { pwned: undefined, scripts: 2, foreign: 0 });
    assert.deepEqual(dialogs, []);
  });

  it('posts openExternal and openFile for links in the log, and copies a selected line range', async () => {
    await page.click('.tab:nth-child(1)');
    await page.click('.link[title^="Open src/app.ts"]');
    await page.click('.link[title="https://example.com/x"]');
    await page.click('.row[data-line="0"] .ln');
    await page.click('.row[data-line="1"] .ln', { modifiers: ['Shift'] });
    await page.click('button[aria-label="Copy selected lines"]');
    const posted = await page.evaluate(() => (globalThis as unknown as PageGlobals).__posted.filter((m) => m.type !== 'ready' && m.type !== 'selectJob'));
    assert.deepEqual(posted, [
      { type: 'openExternal', url: 'https://example.com/ok' },
      { type: 'openFile', path: 'src/app.ts', line: 12, column: 5 },
      { type: 'openExternal', url: 'https://example.com/x' },
      { type: 'copy', text: '<script>window.__pwned = "script"</script>\n<img src=x onerror="window.__pwned = \'img\'">' },
    ]);
  });

  it('searches with a count, reports an invalid regex, and shows log errors plainly', async () => {
    await page.keyboard.press('/');
    await page.keyboard.type('pwned');
    assert.equal(await page.textContent('.count'), '1 of 3');
    await page.keyboard.press('F3');
    assert.equal(await page.textContent('.count'), '2 of 3');
    await page.check('input[aria-label="Use regular expression"]');
    await page.fill('.search', '([');
    assert.match((await page.textContent('.count')) ?? '', /Invalid regex/);
    await send(page, [{ type: 'logError', jobId: '1', kind: 'gone', message: '<b>410</b>' }]);
    assert.match((await page.textContent('.log-status')) ?? '', /no longer available.*<b>410<\/b>/);
  });
});
