// FlowForge's actions in a real VS Code (code-server + chromium) against the paused scenario; the
// fake GitHub records what each action asked for (ui.scenario.mutations: kind, target id, JSON body).
// At the start CI #12 (demo branch) is queued, CI #11 (demo branch) failed, Deploy #3 (main) waits
// for a review of its production deployment. Screenshots: artifacts/e2e/ui-actions-*.png.

import assert from 'node:assert/strict';
import { shotName, startUi } from './harness.mjs';

describe('FlowForge UI: actions', function () {
  this.timeout(120_000);
  /** @type {import('./harness.mjs').Ui} */
  let ui;
  let branch;

  before(async function () {
    this.timeout(180_000);
    ui = await startUi({ speed: 0, settings: { 'flowforge.notifications': 'all' } });
    branch = ui.definition.demo.branch;
    await ui.openFlowForge();
    await ui.waitRow(`Current branch (${branch})`, 60_000);
  });

  after(async () => {
    await ui?.stop();
  });

  afterEach(async function () {
    if (!ui) return;
    await ui.screenshot(`actions ${shotName(this.currentTest)}`).catch(() => {});
    // A failed step can leave a quick pick or a modal open: close it for the next test.
    if (this.currentTest?.state === 'failed') for (let i = 0; i < 3; i++) await ui.page.keyboard.press('Escape');
  });

  it('notifies when a run of the current branch completes', async () => {
    // FlowForge must have seen CI #12 active before it completes.
    await ui.waitStatus('CI #12', /codicon-(clock|sync|circle|loading|watch)/, 60_000);
    ui.advanceToEnd();
    const text = await ui.notification(/CI #12 succeeded/, 30_000);
    assert.match(text, /Open Run/);
  });

  it('Run Workflow… dispatches Deploy with typed inputs and shows the new run', async () => {
    await ui.clearNotifications();
    await ui.command('FlowForge: Run Workflow…');
    await ui.answerWhen(/Run Workflow/, ui.definition.demo.repository, { item: ui.definition.demo.repository });
    await ui.answerWhen(/Run Workflow/, branch, { item: branch });
    await answerInputs({ environment: ['production', 'production'], version: ['v2.3.0'], dry_run: ['Yes', 'Yes'] });
    const dispatch = await ui.waitMutation('dispatch', (m) => m.targetId === 1002);
    assert.equal(dispatch.body.ref, branch);
    assert.deepEqual(Object.fromEntries(Object.entries(dispatch.body.inputs).map(([k, v]) => [k, String(v)])), { environment: 'production', version: 'v2.3.0', dry_run: 'true' });
    const started = await ui.notification(/Started Deploy #\d+/);
    const number = /#(\d+)/.exec(started)?.[1];
    await ui.waitRowLabel(new RegExp(`#${number} (Deploy: )?Deploy`), /, queued,/);
    ui.dispatched = number;
  });

  it('Cancel Run cancels the dispatched run after the confirmation', async () => {
    assert.ok(ui.dispatched, 'needs the run of the previous test');
    await ui.command('FlowForge: Cancel Run');
    await ui.answerWhen(/Cancel Run/, `Deploy #${ui.dispatched}`, { item: `Deploy #${ui.dispatched}` });
    await ui.page.locator('.monaco-dialog-box', { hasText: `Cancel Deploy #${ui.dispatched}` }).waitFor();
    await ui.screenshot('actions cancel confirmation');
    await ui.dialogButton('Cancel Run');
    await ui.waitMutation('cancel');
    await ui.waitRowLabel(new RegExp(`#${ui.dispatched} (Deploy: )?Deploy`), /, cancelled,/);
  });

  it('Re-run Failed Jobs queues a new attempt of the failed run', async () => {
    await ui.command('FlowForge: Re-run Failed Jobs');
    await ui.answerWhen(/Re-run Failed Jobs/, 'CI #11', { item: 'CI #11' });
    await ui.answerWhen(/Debug logging/, 'Re-run', { item: 'Re-run' });
    const rerun = await ui.waitMutation('rerun-failed-jobs');
    assert.equal(rerun.targetId, 50011);
    await ui.waitRowLabel(/#11 (CI: )?Add express checkout button/, /, queued,/);
  });

  it('Review Deployments… approves the waiting production deployment with a comment', async () => {
    const comment = 'Approved from the FlowForge e2e test';
    await ui.command('FlowForge: Review Deployments…');
    await ui.answerWhen(/Review Deployments/, 'Deploy #3', { item: 'Deploy #3' });
    await ui.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'production' }).first().waitFor();
    await ui.answerWhen(/Environments of Deploy #3/, '');
    await ui.answerWhen(/Review 1 deployment/, 'Approve', { item: 'Approve and deploy' });
    await ui.answerWhen(/Comment/, comment);
    const review = await ui.waitMutation('review-deployments');
    assert.equal(review.targetId, 50003);
    assert.deepEqual(review.body, { environment_ids: [802], state: 'approved', comment });
    await ui.expandRow(/^Deploy/);
    await ui.waitRowLabel(/#3 (Deploy: )?Deploy/, /, running,/);
  });

  /** Answers the Deploy inputs in the order FlowForge asks: { field: [text, item?] }. */
  async function answerInputs(answers) {
    const count = Object.keys(answers).length;
    for (let i = 1; i <= count; i++) {
      const title = ui.page.locator('.quick-input-widget .quick-input-title', { hasText: `Deploy (${i}/${count})` }).first();
      await title.waitFor({ state: 'visible', timeout: 20_000 });
      const field = /\(\d+\/\d+\): (\w+)/.exec(await title.innerText())?.[1];
      const answer = field ? answers[field] : undefined;
      assert.ok(answer, `unexpected input ${field}`);
      await ui.answer(answer[0], answer[1] ? { item: answer[1] } : {});
    }
  }
});
