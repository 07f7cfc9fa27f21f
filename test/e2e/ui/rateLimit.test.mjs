// One rate-limit state per GitLab instance in a real VS Code (code-server + headless chromium):
// a 429 with Retry-After from the fake GitLab closes the instance; the project's row says
// "rate limited until HH:MM", a Refresh inside the window sends nothing to GitLab, and the
// GitHub repositories beside it keep polling. Screenshot: artifacts/e2e/ui-rate-limit-*.png.

import assert from 'node:assert/strict';
import { waitFor } from '../../../scripts/e2e/lib.mjs';
import { shotName, startGitLabUi } from './harness.mjs';

describe('FlowForge UI rate limits per host', function () {
  this.timeout(150_000);
  let ui;

  before(async function () {
    this.timeout(180_000);
    ui = await startGitLabUi({ prefix: 'flowforge-ui-rl-', logName: 'ui-rate-limit-code-server.log' });
  });

  after(async () => {
    await ui?.stop();
  });

  afterEach(async function () {
    if (ui) await ui.screenshot(`rate limit ${shotName(this.currentTest)}`).catch(() => {});
  });

  it('a GitLab 429 shows "rate limited until" on the project and a Refresh inside the window sends nothing', async () => {
    const project = ui.gitlab.definition.project.path;
    const server = ui.gitlab.server;
    await ui.openFlowForge();
    await ui.waitRow(project, 60_000);
    server.inject({ status: 429, headers: { 'retry-after': '900' }, body: { message: '429 Too Many Requests' }, times: 1000 });
    await ui.command('FlowForge: Refresh');
    await waitFor(async () => /rate limited until \d{1,2}:\d{2}/i.test(await (await ui.waitRow(project)).innerText()), { timeout: 60_000, message: 'the GitLab project row saying "rate limited until HH:MM"' });
    const sent = server.stats.total;
    await ui.command('FlowForge: Refresh');
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    assert.equal(server.stats.total, sent, 'nothing was sent to the rate-limited instance');
    const repo = ui.definition.repositories[0];
    const github = await (await ui.waitRow(`${repo.owner}/${repo.name}`)).innerText();
    assert.doesNotMatch(github, /rate limited/i, 'GitHub is another host: not limited');
  });
});
