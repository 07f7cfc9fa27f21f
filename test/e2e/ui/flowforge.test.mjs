// FlowForge in a real VS Code (code-server + headless chromium), installed from the VSIX,
// against the moving scenario. Run by scripts/e2e/run.mjs, or alone:
//   npx tsc -p test/e2e/tsconfig.json && npm run package && npx mocha --timeout 120000 test/e2e/ui/*.test.mjs
// Each test leaves a screenshot in artifacts/e2e/ui-<title>.png.

import assert from 'node:assert/strict';
import { waitFor } from '../../../scripts/e2e/lib.mjs';
import { shotName, startUi } from './harness.mjs';

describe('FlowForge UI', function () {
  this.timeout(120_000);
  /** @type {import('./harness.mjs').Ui} */
  let ui;

  before(async function () {
    this.timeout(180_000);
    ui = await startUi({ speed: 0 });
  });

  after(async () => {
    await ui?.stop();
  });

  afterEach(async function () {
    if (ui) await ui.screenshot(shotName(this.currentTest)).catch(() => {});
  });

  it('shows repositories, workflows and runs in the FlowForge view', async () => {
    await ui.openFlowForge();
    const demo = ui.definition.demo;
    await ui.waitRow(demo.repository, 60_000);
    await ui.waitRow(`Current branch (${demo.branch})`, 60_000);
    await ui.waitRow(/#12 (CI: )?Fix lint: sort imports in checkout/);
    await ui.waitRow(/#11 (CI: )?Add express checkout button/);
    for (const repo of ui.definition.repositories) await ui.waitRow(`${repo.owner}/${repo.name}`);
    await ui.waitRow(/^CI/);
  });

  it('shows the current branch run in the status bar and follows it to completion', async () => {
    // The scenario is paused at its start: CI #12 on the demo branch is queued.
    await ui.waitStatus('CI #12', /codicon-(sync|clock|circle|loading|watch)/, 60_000);
    ui.advance(12); // out of the queue, steps running
    await ui.waitStatus('CI #12', /codicon-sync/, 30_000);
    await ui.screenshot('status bar while CI #12 runs');
    ui.advanceToEnd(); // every live run completes
    const done = await ui.waitStatus('CI #12', /codicon-(check|pass)/, 30_000);
    assert.match(done.text, /CI #12/);
  });

  it('runs FlowForge: Refresh from the command palette', async () => {
    const before = ui.scenario.requests.length;
    await ui.command('FlowForge: Refresh');
    const deadline = Date.now() + 15_000;
    while (ui.scenario.requests.length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    assert.ok(ui.scenario.requests.length > before, 'no API request after FlowForge: Refresh');
  });

  it('rejects a bad token in FlowForge: Set Token… with an error notification', async () => {
    await ui.command('FlowForge: Set Token…');
    await ui.answer('GitHub', { item: 'GitHub' });
    await ui.answer('ghp_thisTokenIsWrong000000000000000000');
    const text = await ui.notification(/rejected the token/i);
    assert.match(text, /Nothing was stored/);
  });

  /** Waits until FlowForge's requests to the fake GitHub carry `token`, and checks that every request of a refresh then does. */
  async function requestsUse(token, what) {
    const auth = `token ${token}`;
    const seen = () => ui.scenario.requests.map((r) => r.auth?.replace(/^(token \S{8})\S*$/, '$1…') ?? null);
    const first = await waitFor(() => [...ui.scenario.requests].reverse().find((r) => r.auth === auth), { timeout: 30_000, message: `a request with ${what} (auth seen: ${JSON.stringify([...new Set(seen())])})` });
    await ui.command('FlowForge: Refresh');
    const since = first.seq;
    await waitFor(() => ui.scenario.requests.filter((r) => r.seq > since).length >= 3, { timeout: 30_000, message: 'requests after the refresh' });
    // Requests that started before the token changed may still answer: judge the last ones.
    const last = ui.scenario.requests.filter((r) => r.seq > since).slice(-3);
    assert.deepEqual(last.map((r) => r.auth === auth), [true, true, true], `the last requests use ${what}`);
  }

  it('accepts the good token in FlowForge: Set Token…, says who is signed in, and uses it before FLOWFORGE_GITHUB_TOKEN', async () => {
    const stored = ui.definition.tokens[1] ?? ui.goodToken;
    await ui.clearNotifications();
    await ui.command('FlowForge: Set Token…');
    await ui.answer('GitHub', { item: 'GitHub' });
    await ui.answer(stored);
    const text = await ui.notification(/signed in/i);
    assert.match(text, new RegExp(ui.definition.login));
    // The code-server runs with FLOWFORGE_GITHUB_TOKEN=tokens[0]: the stored token wins.
    await requestsUse(stored, 'the token from secret storage');
  });

  it('FlowForge: Sign Out forgets the stored token and says the environment token is still in use', async () => {
    await ui.clearNotifications();
    await ui.command('FlowForge: Sign Out');
    await ui.answer('GitHub', { item: 'GitHub' });
    const text = await ui.notification(/environment variable is still in use/i);
    assert.match(text, /Removed the stored token/);
    await requestsUse(ui.goodToken, 'FLOWFORGE_GITHUB_TOKEN');
  });
});
