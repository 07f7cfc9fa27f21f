// FlowForge's GitLab actions in a real VS Code (code-server + chromium), GitHub + GitLab scenario,
// paused at 0: #51 (feature/invoice-pdf) was just created, #50 (same branch) failed, #49 (main)
// passed and has the manual job deploy-review; #48 (main) waits for a deployment approval of
// deploy-production (blocked deployment 704802 to production). The fake GitLab records every request
// (ui.gitlab.server.stats); jobs and pipelines it changed itself keep their new state.
// .gitlab-ci.yml on the fake has spec:inputs (environment) and described variables
// (PDF_RENDERER with options, INVOICE_LOCALE). Screenshots: artifacts/e2e/ui-gitlab-actions-*.png.

import assert from 'node:assert/strict';
import { shotName, startGitLabUi } from './harness.mjs';

describe('FlowForge UI: GitLab actions', function () {
  this.timeout(120_000);
  /** @type {import('./harness.mjs').Ui & { gitlab: any }} */
  let ui;
  let project;
  let branch;

  before(async function () {
    this.timeout(180_000);
    ui = await startGitLabUi({ settings: { 'flowforge.notifications': 'all' }, prefix: 'flowforge-ui-gla-', logName: 'ui-gitlab-actions-code-server.log' });
    project = ui.gitlab.definition.project.path;
    branch = ui.gitlab.definition.demo.branch;
    await ui.openFlowForge();
    await ui.waitRow(`Current branch (${branch})`, 60_000);
    // Keep the GitHub repositories folded: the GitLab rows stay in sight.
    for (const repo of ui.definition.repositories) await ui.setExpanded(`${repo.owner}/${repo.name}`, false);
  });

  after(async () => {
    await ui?.stop();
  });

  afterEach(async function () {
    if (!ui) return;
    await ui.screenshot(`gitlab actions ${shotName(this.currentTest)}`).catch(() => {});
    if (this.currentTest?.state === 'failed') for (let i = 0; i < 3; i++) await ui.page.keyboard.press('Escape');
  });

  it('Run Workflow… creates a pipeline on the chosen ref with the inputs and variables of the form', async () => {
    await ui.command('FlowForge: Run Workflow…');
    await ui.answerWhen(/Run Workflow/, project, { item: project });
    await ui.answerWhen(/Run Workflow/, branch, { item: branch });
    await answerForm({
      environment: ['staging', 'staging'],
      PDF_RENDERER: ['chromium', 'chromium'],
      INVOICE_LOCALE: ['fr-FR'],
    });
    const request = await ui.waitGitLabRequest('POST /projects/:id/pipeline');
    assert.equal(decodeURIComponent(request.path), `/projects/${project}/pipeline`);
    assert.equal(request.body.ref, branch);
    assert.deepEqual(request.body.inputs, { environment: 'staging' });
    assert.deepEqual(
      [...request.body.variables].sort((a, b) => a.key.localeCompare(b.key)),
      [
        { key: 'INVOICE_LOCALE', value: 'fr-FR', variable_type: 'env_var' },
        { key: 'PDF_RENDERER', value: 'chromium', variable_type: 'env_var' },
      ],
    );
    const created = [...ui.gitlab.server.state.pipelines.values()].find((p) => p.source === 'api');
    assert.ok(created, 'the fake has no created pipeline');
    const started = await ui.notification(new RegExp(`Started (Pipeline|Pipelines|\\.gitlab-ci\\.yml) #${created.iid}`));
    assert.match(started, /Open Run/);
    await ui.waitRowLabel(new RegExp(`^#${created.iid} `), /, queued,/);
  });

  it('Re-run Job plays the manual deploy-review job of #49 and its row leaves "action required"', async () => {
    await ui.setExpanded(`Current branch (${branch})`, false);
    await ui.setExpanded(/^Pipelines/, true); // the group of the project's pipelines (GitLab pipelines read 'Pipeline #N')
    await ui.setExpanded(/^#49 /, true); // its stages come expanded
    await ui.waitRowLabel(/^deploy-review/, /Action required/i);
    await ui.command('FlowForge: Re-run Job');
    await ui.answerWhen(/Re-run Job/, 'Pipeline #49', { item: 'Pipeline #49' });
    await ui.answerWhen(/Choose a job of #49/, 'deploy-review', { item: 'deploy-review' });
    const play = await ui.waitGitLabRequest('POST /projects/:id/jobs/:job_id/play');
    assert.equal(play.path, `/projects/${encodeURIComponent(project)}/jobs/704905/play`);
    await ui.waitRowLabel(/^deploy-review/, /^deploy-review, Queued/i);
    await ui.setExpanded(/^#49 /, false);
  });

  it('Re-run retries the failed pipeline #50 and its row shows it queued again', async () => {
    await ui.waitRowLabel(/^#50 /, /, failure,/);
    await ui.command('FlowForge: Re-run');
    await ui.answerWhen(/Re-run/, 'Pipeline #50', { item: 'Pipeline #50' });
    const retry = await ui.waitGitLabRequest('POST /projects/:id/pipelines/:pipeline_id/retry');
    assert.equal(retry.path, `/projects/${encodeURIComponent(project)}/pipelines/7050/retry`);
    await ui.waitRowLabel(/^#50 /, /, queued,/);
  });

  it('Cancel Run cancels the running pipeline #51 after the confirmation and its row shows cancelled', async () => {
    ui.advance(20); // #51 runs its test stage
    await ui.waitRowLabel(/^#51 /, /, running,/);
    await ui.command('FlowForge: Cancel Run');
    await ui.answerWhen(/Cancel Run/, 'Pipeline #51', { item: 'Pipeline #51' });
    await ui.page.locator('.monaco-dialog-box', { hasText: 'Cancel Pipeline #51' }).waitFor();
    await ui.screenshot('gitlab actions cancel confirmation');
    await ui.dialogButton('Cancel Run');
    const cancel = await ui.waitGitLabRequest('POST /projects/:id/pipelines/:pipeline_id/cancel');
    assert.equal(cancel.path, `/projects/${encodeURIComponent(project)}/pipelines/7051/cancel`);
    await ui.waitRowLabel(/^#51 /, /, cancelled,/);
  });

  it('Review Deployments… approves the blocked production deployment of #48 with a comment', async () => {
    const comment = 'Approved from the FlowForge GitLab e2e test';
    const blocked = ui.gitlab.server.state.deployments.get(704802);
    assert.equal(blocked?.status, 'blocked');
    await ui.command('FlowForge: Review Deployments…');
    await ui.answerWhen(/Review Deployments/, 'Pipeline #48', { item: 'Pipeline #48' });
    // The run picker's row of #48 says "production" too: wait for the environments picker itself.
    await ui.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Environments of Pipeline #48' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await ui.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'production' }).first().waitFor();
    await ui.screenshot('gitlab actions review deployments environments');
    await ui.answerWhen(/Environments of Pipeline #48/, '');
    await ui.answerWhen(/Review 1 deployment/, 'Approve', { item: 'Approve and deploy' });
    await ui.answerWhen(/Comment/, comment);
    const approval = await ui.waitGitLabRequest('POST /projects/:id/deployments/:deployment_id/approval');
    assert.equal(approval.path, `/projects/${encodeURIComponent(project)}/deployments/704802/approval`);
    assert.deepEqual(approval.body, { status: 'approved', comment });
    assert.equal(ui.gitlab.server.stats.count('POST /projects/:id/deployments/:deployment_id/approval'), 1);
    assert.equal(blocked.status, 'created');
    assert.deepEqual(blocked.approvals.map((a) => [a.username, a.status, a.comment]), [[ui.gitlab.definition.user.username, 'approved', comment]]);
  });

  /** Answers the pipeline form in the order FlowForge asks: { field: [text, item?] }. */
  async function answerForm(answers) {
    const count = Object.keys(answers).length;
    for (let i = 1; i <= count; i++) {
      const title = ui.page.locator('.quick-input-widget .quick-input-title', { hasText: `Pipelines (${i}/${count})` }).first();
      await title.waitFor({ state: 'visible', timeout: 20_000 });
      const field = /\(\d+\/\d+\): (\w+)/.exec(await title.innerText())?.[1];
      const answer = field ? answers[field] : undefined;
      assert.ok(answer, `unexpected form field ${field}`);
      await ui.answer(answer[0], answer[1] ? { item: answer[1] } : {});
    }
  }
});
