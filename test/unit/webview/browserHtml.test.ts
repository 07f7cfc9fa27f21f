import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, JOB, ROOT, RUN, applyDarkTheme, nextPaint, send, startPanel, type PageGlobals } from './browserHarness';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const LINK = (href: string, text: string): string => `<a class="md-link" tabindex="0" role="link" title="${href}">${text}</a>`;
const ALT = (text: string): string => `<span class="img-alt" title="Image not loaded">${text}</span>`;

/** [what, HTML summary (Buildkite body_html style), the exact innerHTML the panel must build]. */
const HOSTILE_HTML: readonly (readonly [string, string, string])[] = [
  ['script', '<script>window.__pwned="script"</script>ok', 'ok'],
  // A leading <script> lands in the inert document's <head>; this one is in the body.
  ['script in the body', '<p>a<script>window.__pwned="script2"</script>b</p>', '<p>ab</p>'],
  ['img onerror', '<img src=x onerror="window.__pwned=\'img\'">', ''],
  ['remote img: alt text, no request', '<img src="/track.png" alt="build badge" onerror="window.__pwned=\'img2\'">', ALT('build badge')],
  ['javascript: link', '<a href="javascript:window.__pwned=\'a\'">click</a>', 'click'],
  ['other schemes and relative links', '<a href=" JaVaScRiPt:alert(1)">x</a><a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">d</a><a href="vbscript:x">v</a><a href="/relative">r</a><a href="https://user:pw@example.com/">c</a>', 'xdvrc'],
  ['svg onload', '<svg onload="window.__pwned=\'svg\'"><text>t</text></svg>after', 'after'],
  ['iframe, object, embed', '<iframe src="javascript:window.__pwned=\'iframe\'"></iframe><object data="/track.swf"></object><embed src="/track.swf">e', 'e'],
  ['form controls', '<form action="https://evil.example/"><input name="q" value="v"><button formaction="javascript:alert(1)">Go</button>text</form>', 'text'],
  ['select, textarea', '<select><option><img src=x onerror=alert(1)></option></select><textarea><img src=x onerror=alert(1)></textarea>', ''],
  ['style, id, class, on* attributes', '<p style="background:url(/track-style.png)" id="x" class="y" onclick="alert(1)">styled</p>', '<p>styled</p>'],
  ['misnested tags', '<b><i>bold-italic</b> rest</i>', '<strong><em>bold-italic</em></strong><em> rest</em>'],
  ['template', '<template><img src=x onerror="window.__pwned=\'tpl\'"></template>t', 't'],
  // Without scripting (DOMParser) the <p> is an element and the <img> only text in its title.
  ['mXSS: noscript', '<noscript><p title="</noscript><img src=x onerror=window.__pwned=\'noscript\'>">', '<p></p>'],
  // </p> breaks out of the svg and the <style> is HTML, so the inert document does hold an
  // <img onerror>: it must not be copied.
  ['mXSS: svg/style namespace confusion', '<svg></p><style><a id="</style><img src=1 onerror=window.__pwned=\'svgstyle\'>">', '<p></p>"&gt;'],
  ['mXSS: math/mglyph', '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=\'math\'>', ''],
  ['unknown elements unwrap to their text', '<div onclick="alert(1)" id="x"><span class="evil">plain</span> <marquee>m</marquee></div>', 'plain m'],
  ['base, meta, link', '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/"><link rel="stylesheet" href="/track.css">rest', 'rest'],
  ['details ontoggle', '<details open ontoggle="window.__pwned=\'toggle\'"><summary onclick="alert(1)">S</summary>body</details>', '<details open=""><summary>S</summary>body</details>'],
  ['https link keeps no attribute of its own', '<a href="https://example.com/ok" onclick="alert(1)" target="_blank" rel="opener">ok</a>', LINK('https://example.com/ok', 'ok')],
  ['svg data image', '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="svg">', ALT('svg')],
  ['png data image', `<img src="${PNG}" alt="dot" onerror="window.__pwned='png'" width="12" height="99999">`, `<img alt="dot" src="${PNG}" width="12">`],
  ['deep nesting is flattened', `${'<em>'.repeat(100)}x`, `${'<em>'.repeat(32)}x${'</em>'.repeat(32)}`],
  ['thousands of divs', `${'<div>'.repeat(3000)}deep`, 'deep'],
  ['term classes only', '<span class="term-fg31" style="color:red">r</span><span class="term-fgx196 term-bg42 term-fg1">x</span><span class="term-fgx9 evil">b</span>', '<span class="a-f1">r</span><span class="a-b2 a-bold" style="color: rgb(255, 0, 0);">x</span><span class="a-f9">b</span>'],
  ['table cell attributes', '<table><tr><td colspan="2" rowspan="999999" align="center" onmouseover="alert(1)">c</td></tr></table>', '<table><tbody><tr><td colspan="2" style="text-align: center;">c</td></tr></tbody></table>'],
  ['mailto shown, not followed', '<a href="mailto:ci@example.com">mail</a>', '<span class="mail" title="mailto:ci@example.com">mail</span>'],
  ['entities stay text', '&lt;script&gt;alert(1)&lt;/script&gt;', '&lt;script&gt;alert(1)&lt;/script&gt;'],
  ['xmp, plaintext', '<xmp><img src=x onerror=alert(1)></xmp><plaintext><img src=x onerror=alert(1)>', ''],
  ['comments', '<!--<img src=x onerror=alert(1)>-->c<!--unterminated <img src=x onerror=alert(1)>', 'c'],
  ['headings sit below the panel headings', '<h1>Title</h1><h6>small</h6>', '<h3>Title</h3><h6>small</h6>'],
];

/** [what, Markdown summary (GitHub check run), exact innerHTML]. */
const HOSTILE_MARKDOWN: readonly (readonly [string, string, string])[] = [
  ['img block inside details', '<details><summary>x</summary>\n\n<img src=x onerror="window.__pwned=\'md\'">\n\n</details>', '<details><summary>x</summary></details>'],
  ['inline script, code span stays code', '`<script>` in code and <script>window.__pwned="md"</script> inline', '<p><code>&lt;script&gt;</code> in code and  inline</p>'],
  ['links', '[x](javascript:window.__pwned=1) <a href="javascript:alert(1)">y</a> <a href="https://example.com/z">z</a>', `<p>x y ${LINK('https://example.com/z', 'z')}</p>`],
  // With a guessable placeholder name this would pull the block 'second' up into the div.
  ['a guessed placeholder is just an unknown element', '<div><ff-slot-0000000000000000 data-i="1"></ff-slot-0000000000000000></div>\n\nfirst\n\n<p>x</p>\n\nsecond', '<p>first</p><p>x</p><p>second</p>'],
  ['markdown inside details', '<details><summary>Failures</summary>\n\n- **a** <br> b\n\n</details>', '<details><summary>Failures</summary><ul><li><strong>a</strong> <br> b</li></ul></details>'],
];

const ALLOWED_ATTRIBUTES = new Set(['class', 'tabindex', 'role', 'title', 'open', 'colspan', 'rowspan', 'style', 'alt', 'src', 'width', 'height', 'start', 'aria-hidden', 'aria-label', 'type']);

function check(id: string, summary: string, format?: 'html'): Record<string, unknown> {
  return { id, name: `case ${id}`, state: 'neutral', rawStatus: 'neutral', summary, ...(format === undefined ? {} : { summaryFormat: format }), annotations: [] };
}

async function summaries(page: Page): Promise<string[]> {
  return page.$$eval('.checks .check .markdown', (elements: { innerHTML: string }[]) => elements.map((e) => e.innerHTML));
}

describe('webview in a real browser (HTML summaries)', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  let page: Page;
  const dialogs: string[] = [];
  const requests: string[] = [];

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      this.skip(); // no Chromium at /usr/bin/chromium on this machine
    }
    ({ browser, page } = await startPanel(dialogs));
    page.on('request', (request) => requests.push(request.url()));
    await send(page, [{ type: 'init', run: RUN }, { type: 'jobs', jobs: [JOB] }]);
    await page.click('.tab:nth-child(2)');
  });
  after(async () => {
    await browser?.close();
  });

  /** After each render: no script ran, no dialog, nothing was fetched, only expected attributes in the pane. */
  async function assertInert(): Promise<void> {
    const state = await page.evaluate((allowed) => {
      const g = globalThis as unknown as PageGlobals;
      const elements = g.document.querySelectorAll('.checks-pane *') as unknown as ArrayLike<{ getAttributeNames(): string[] }>;
      const names = new Set<string>();
      for (const element of Array.from(elements)) for (const name of element.getAttributeNames()) names.add(name);
      return { pwned: g.__pwned, scripts: g.document.scripts.length, unexpected: [...names].filter((n) => !allowed.includes(n)) };
    }, [...ALLOWED_ATTRIBUTES]);
    assert.deepEqual(state, { pwned: undefined, scripts: 2, unexpected: [] });
    assert.deepEqual(dialogs, []);
    // No image, stylesheet, frame or refresh was fetched: not from the inert parse, not from the output.
    assert.deepEqual(requests.filter((url) => !url.endsWith('/favicon.ico')), []);
  }

  it('renders hostile HTML summaries as the allowlisted subset only', async () => {
    await send(page, [{ type: 'checks', checks: HOSTILE_HTML.map(([, html], i) => check(String(i), html, 'html')) }]);
    await nextPaint(page);
    const rendered = await summaries(page);
    assert.equal(rendered.length, HOSTILE_HTML.length);
    HOSTILE_HTML.forEach(([what, , expected], i) => assert.equal(rendered[i], expected, what));
    await assertInert();
  });

  it('renders HTML inside Markdown summaries through the same sanitizer', async () => {
    await send(page, [{ type: 'checks', checks: HOSTILE_MARKDOWN.map(([, markdown], i) => check(String(i), markdown)) }]);
    await nextPaint(page);
    const rendered = await summaries(page);
    HOSTILE_MARKDOWN.forEach(([what, , expected], i) => assert.equal(rendered[i], expected, what));
    await assertInert();
  });

  it('renders a Buildkite annotation: headings, term colours, details, table, links, alt text', async () => {
    const html = fs.readFileSync(path.join(ROOT, 'test/fixtures/checks/buildkite-annotation.html'), 'utf8');
    await send(page, [{ type: 'checks', checks: [{ ...check('bk', html, 'html'), name: 'rspec', state: 'failure', rawStatus: 'error' }] }]);
    await nextPaint(page);
    const view = await page.evaluate(() => {
      type El = { textContent: string | null; className: string; open?: boolean; style: { color: string; textAlign: string }; querySelectorAll(s: string): El[] };
      const root = (globalThis as unknown as { document: { querySelector(s: string): El } }).document.querySelector('.checks .markdown.rich');
      const all = (selector: string): El[] => Array.from(root.querySelectorAll(selector));
      return {
        heading: all('h5').map((e) => e.textContent),
        links: all('.md-link').map((e) => e.textContent),
        mail: all('.mail').map((e) => e.textContent),
        detailsOpen: all('details').map((e) => e.open),
        summary: all('details > summary').map((e) => e.textContent),
        term: all('details > pre.term > code > span').map((e) => [e.className, e.style.color, e.textContent]),
        headers: all('table thead th').map((e) => e.textContent),
        cells: all('table tbody td').map((e) => `${e.textContent}|${e.style.textAlign}`),
        codes: all(':scope li code').map((e) => e.textContent),
        alt: all('.img-alt').map((e) => e.textContent),
        rules: all('hr').length,
      };
    });
    assert.deepEqual(view, {
      heading: ['rspec: 2 failures'],
      links: ['job log'],
      mail: ['ci@example.com'],
      detailsOpen: [false],
      summary: ['Item#created_at keeps microseconds'],
      term: [
        ['a-f1', '', 'Failure/Error:'],
        ['a-f2', '', 'expect'],
        ['a-f1', '', '  expected: 2018-06-20 19:42:26.290538462 +0000'],
        ['a-f1', '', '       got: 2018-06-20 19:42:26.290538000 +0000'],
        ['a-f8', '', '  (compared using eql?)'],
        ['a-bold', 'rgb(255, 135, 0)', 'slow: 3.2s'],
      ],
      headers: ['Suite', 'Examples', 'Failures'],
      cells: ['models|', '412|right', '2|right', 'requests|', '96|right', '0|right'],
      codes: ['bundle exec rspec --only-failures'],
      alt: ['Belongs in a museum'],
      rules: 1,
    });
    await assertInert();
    assert.match((await page.textContent('.checks .markdown.rich p')) ?? '', /See the job log or the coverage report\./);
    await page.click('.checks .markdown.rich summary');
    assert.equal(await page.$eval('.checks .markdown.rich details', (e: { open: boolean }) => e.open), true, 'the summary opens the details');
    assert.equal(await page.isVisible('.checks .markdown.rich pre.term'), true);
    await page.click('.checks .markdown.rich .md-link');
    const posted = await page.evaluate(() => (globalThis as unknown as PageGlobals).__posted.filter((m) => m.type === 'openExternal'));
    assert.deepEqual(posted, [{ type: 'openExternal', url: 'https://buildkite.com/acme/web/builds/1842#job-1' }]);
  });

  it('renders a GitHub summary mixing Markdown and HTML (details, tables, br, badge)', async () => {
    const markdown = fs.readFileSync(path.join(ROOT, 'test/fixtures/checks/github-summary.md'), 'utf8');
    await send(page, [{ type: 'checks', checks: [{ ...check('gh', markdown), name: 'Playwright', state: 'failure', rawStatus: 'completed/failure' }] }]);
    await nextPaint(page);
    const view = await page.evaluate(() => {
      type El = { textContent: string | null; localName: string; children: El[]; querySelectorAll(s: string): El[] };
      const root = (globalThis as unknown as { document: { querySelector(s: string): El } }).document.querySelector('.checks .markdown');
      const all = (selector: string): El[] => Array.from(root.querySelectorAll(selector));
      return {
        top: Array.from(root.children).map((e) => e.localName),
        heading: all('h4').map((e) => e.textContent),
        badge: all('h4 .img-alt').map((e) => e.textContent),
        breaks: all('p br').length,
        summaries: all('details > summary').map((e) => e.textContent),
        summaryCode: all('details > summary > code').map((e) => e.textContent),
        codeInDetails: all('details > pre > code').map((e) => e.textContent),
        mdTable: all('details table tbody tr').map((e) => Array.from(e.children).map((c) => c.textContent).join('|')),
        htmlTable: all(':scope > table tr').map((e) => Array.from(e.children).map((c) => `${c.localName}:${c.textContent ?? ''}`).join('|')),
        links: all('.md-link').map((e) => e.textContent),
      };
    });
    assert.deepEqual(view, {
      top: ['h4', 'p', 'details', 'details', 'table', 'p'],
      heading: ['Test results coverage'],
      badge: ['coverage'],
      breaks: 1,
      summaries: ['❌ checkout.spec.ts › applies a discount', 'Slowest tests'],
      summaryCode: ['checkout.spec.ts'],
      codeInDetails: ['Expected: 90\nReceived: 100\n    at checkout.spec.ts:42:17'],
      mdTable: ['cart.spec.ts › totals|4.1 s', 'search.spec.ts › filters|3.7 s'],
      htmlTable: ['th:Browser|th:Result', 'td:Chromium|td:✅ passed', 'td:Firefox|td:❌ 1 failed'],
      links: ['full HTML report'],
    });
    await assertInert();
  });

  it('writes a screenshot of both summaries in the Checks tab', async () => {
    const html = fs.readFileSync(path.join(ROOT, 'test/fixtures/checks/buildkite-annotation.html'), 'utf8');
    const markdown = fs.readFileSync(path.join(ROOT, 'test/fixtures/checks/github-summary.md'), 'utf8');
    await page.setViewportSize({ width: 900, height: 1500 });
    await applyDarkTheme(page);
    await send(page, [
      {
        type: 'checks',
        checks: [
          { ...check('bk', html, 'html'), name: 'rspec (Buildkite annotation, style error)', state: 'failure', rawStatus: 'error' },
          { ...check('gh', markdown), name: 'Playwright (GitHub check run)', state: 'failure', rawStatus: 'completed/failure' },
        ],
      },
    ]);
    await nextPaint(page);
    for (const summary of await page.$$('.checks details > summary')) await summary.click();
    const file = path.join(ROOT, 'artifacts/webview/checks-html.png');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage: true });
    assert.ok(fs.statSync(file).size > 10_000);
  });
});
