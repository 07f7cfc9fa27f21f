// The run panel's own buttons act on the run the panel shows: each click sends exactly one
// mutation for THAT run to the fake GitHub, and no "Choose a run" quick pick opens (the panel
// sends { repoKey, runId, webUrl }; a command that did not understand it asked which run, with
// another repository's run preselected). Scenario paused one second before its live runs:
// CI #11 (demo branch) failed; advancing 13 s gets CI #12 running.
// Screenshots: artifacts/e2e/ui-run-panel-buttons-*.png.

import assert from 'node:assert/strict';
import { sleep, waitFor } from '../../../scripts/e2e/lib.mjs';
import { shotName, startUi } from './harness.mjs';

const CI_11 = { row: /#11 (CI: )?Add express checkout button/, header: 'CI #11', id: 50011 };
const CI_12 = { row: /#12 (CI: )?Fix lint/, header: 'CI #12', id: 50012 };

describe('FlowForge UI: run panel buttons', function () {
  this.timeout(120_000);
  /** @type {import('./harness.mjs').Ui} */
  let ui;

  before(async function () {
    this.timeout(180_000);
    ui = await startUi({ speed: 0, start: -1 });
    await ui.openFlowForge();
  });

  after(async () => {
    await ui?.stop();
  });

  afterEach(async function () {
    if (!ui) return;
    await ui.screenshot(`run panel buttons ${shotName(this.currentTest)}`).catch(() => {});
    // A failed step can leave a quick pick or a modal open: close it for the next test.
    if (this.currentTest?.state === 'failed') for (let i = 0; i < 3; i++) await ui.page.keyboard.press('Escape');
  });

  /** Opens `run` in the panel from its tree row and waits for its header in `stateClass` with the button `label`. */
  async function openInPanel(run, stateClass, label) {
    await (await ui.waitRow(run.row, 60_000)).click();
    const view = ui.webview();
    await view.locator('.run-header h1', { hasText: run.header }).waitFor({ timeout: 30_000 });
    await view.locator(`.run-header .title-row .state.${stateClass}`).waitFor({ timeout: 30_000 });
    const button = view.locator(`.run-header .actions button[aria-label="${label}"]`);
    await button.waitFor({ timeout: 30_000 });
    return button;
  }

  /** What the open quick input shows (title, placeholder, first rows), or undefined when none is open. */
  async function openQuickInput() {
    const widget = ui.page.locator('.quick-input-widget');
    if (!(await widget.isVisible().catch(() => false))) return undefined;
    const read = async (selector) => (await ui.page.locator(selector).allInnerTexts().catch(() => [])).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
    const placeholder = await ui.page.locator('.quick-input-widget input.input').getAttribute('placeholder').catch(() => null);
    return { title: await read('.quick-input-widget .quick-input-title'), placeholder, rows: (await read('.quick-input-list .monaco-list-row')).slice(0, 6) };
  }

  /**
   * Clicks `button` (then `confirm`, if given) and expects exactly one `kind` mutation, for `runId`,
   * and no other mutation; fails at once when a quick pick opens instead.
   */
  async function clickExpectingOne(button, kind, runId, confirm) {
    const before = ui.scenario.mutations.length;
    await button.click();
    if (confirm) await confirm();
    const deadline = Date.now() + 20_000;
    for (;;) {
      const picker = await openQuickInput();
      assert.equal(picker, undefined, `the panel's button opened a quick pick instead of acting on the run: ${JSON.stringify(picker)}`);
      if (ui.scenario.mutations.length > before) break;
      assert.ok(Date.now() < deadline, `no ${kind} request within 20 s (mutations: ${JSON.stringify(ui.scenario.mutations.slice(before))})`);
      await sleep(100);
    }
    await sleep(1500); // a second request (a double send, a retry) would arrive now
    assert.equal(await openQuickInput(), undefined, 'a quick pick opened after the request');
    const sent = ui.scenario.mutations.slice(before).map((m) => ({ kind: m.kind, targetId: m.targetId }));
    assert.deepEqual(sent, [{ kind, targetId: runId }]);
  }

  it('Re-run failed jobs on the failed CI #11 re-runs that run, without asking which run', async () => {
    const button = await openInPanel(CI_11, 'state-failure', 'Re-run failed jobs');
    await clickExpectingOne(button, 'rerun-failed-jobs', CI_11.id);
    await ui.waitRowLabel(CI_11.row, /, queued,/);
  });

  it('Cancel run on the running CI #12 cancels that run after the confirmation, without asking which run', async () => {
    ui.advance(13); // CI #12 on the demo branch: out of the queue, its job running
    const running = await ui.waitRow(CI_12.row, 60_000);
    await waitFor(async () => /sync/.test((await running.innerHTML()) ?? ''), { timeout: 30_000, interval: 200, message: 'CI #12 running in the tree' });
    const button = await openInPanel(CI_12, 'state-running', 'Cancel run');
    await clickExpectingOne(button, 'cancel', CI_12.id, async () => {
      // Fails here, with what is on screen, when a quick pick opened instead of the confirmation.
      const dialog = ui.page.locator('.monaco-dialog-box', { hasText: 'Cancel CI #12' });
      const shown = await dialog.waitFor({ timeout: 20_000 }).then(() => true, () => false);
      assert.ok(shown, `no confirmation for CI #12; quick input: ${JSON.stringify(await openQuickInput())}`);
      await ui.dialogButton('Cancel Run');
    });
    await ui.waitRowLabel(CI_12.row, /, cancelled,/);
  });

  it('Re-run all jobs on CI #12 (now cancelled) re-runs that run, without asking which run', async () => {
    const button = await openInPanel(CI_12, 'state-cancelled', 'Re-run all jobs');
    await clickExpectingOne(button, 'rerun', CI_12.id);
    await ui.waitRowLabel(CI_12.row, /, queued,/);
  });
});
