// Issue 13 in a real VS Code: a gateway in front of the scenario's GitHub misbehaves. A 403 whose
// message echoes the request headers (the token included) shows as a problem without the token;
// an HTML sign-in page served with 200 is named as such, never "could not reach"; the last good
// runs stay on screen while it lasts, and the problem goes when the gateway is well again.
// Run alone: flock /tmp/ff-e2e.lock env E2E_ONLY=ui E2E_GREP='gateway faults' E2E_RETRIES=0 npm run test:e2e

import assert from 'node:assert/strict';
import { shotName, startUi } from './harness.mjs';

describe('FlowForge UI: gateway faults', function () {
  this.timeout(120_000);
  /** @type {import('./harness.mjs').Ui} */
  let ui;

  before(async function () {
    this.timeout(180_000);
    ui = await startUi({ speed: 0 });
    await ui.openFlowForge();
    await ui.waitRow(ui.definition.demo.repository, 60_000);
    await ui.waitRow(/#12 (CI: )?Fix lint: sort imports in checkout/, 60_000);
  });

  after(async () => {
    await ui?.stop();
  });

  afterEach(async function () {
    if (ui) await ui.screenshot(shotName(this.currentTest)).catch(() => {});
  });

  async function gateway(spec) {
    const response = await fetch(`${ui.scenario.url}/__scenario/fault`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec) });
    assert.equal(response.status, 200);
  }

  /** The workbench's whole visible text (tree rows, tooltips shown, notifications, status bar). */
  const screenText = () => ui.page.locator("body").innerText();

  it('shows a gateway 403 that echoes the request headers as a problem without the token, keeping the runs', async () => {
    const since = ui.scenario.requests.length;
    await gateway({ status: 403, times: 10_000 });
    await ui.command('FlowForge: Refresh');
    const row = await ui.waitRow(/Access denied/, 60_000);
    const label = (await row.innerText()).trim();
    assert.match(label, /Refused by the gateway/, 'the gateway\'s own words are shown');
    assert.match(label, /authorization: (token )?\*\*\*/, `the echoed credential is redacted: ${label.slice(0, 300)}`);
    // The gateway saw the real token, so it was there to leak.
    assert.ok(ui.scenario.requests.slice(since).some((r) => r.status === 403 && r.auth === `token ${ui.goodToken}`), 'faulted requests carried the token');
    const text = await screenText();
    assert.ok(!text.includes(ui.goodToken), 'no token anywhere on screen');
    await ui.waitRow(/#12 (CI: )?Fix lint: sort imports in checkout/, 5_000);
  });

  it('names an HTML sign-in page answered with 200 as such, not as an unreachable host', async () => {
    await gateway({ html: true, times: 10_000 });
    await ui.command('FlowForge: Refresh');
    const row = await ui.waitRow(/HTML page, not JSON/, 60_000);
    const label = (await row.innerText()).trim();
    assert.match(label, /"Corporate sign-in".*a proxy or sign-in page\?/);
    assert.doesNotMatch(label, /reach/i);
    assert.ok(!(await screenText()).includes(ui.goodToken), 'no token anywhere on screen');
    await ui.waitRow(/#12 (CI: )?Fix lint: sort imports in checkout/, 5_000);
  });

  it('drops the problem once the gateway answers well again', async () => {
    await gateway({ times: 0 });
    await ui.command('FlowForge: Refresh');
    const deadline = Date.now() + 60_000;
    while ((await ui.row(/HTML page, not JSON|Access denied/).count()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    assert.equal(await ui.row(/HTML page, not JSON|Access denied/).count(), 0, 'the problem rows are gone');
    await ui.waitRow(/#12 (CI: )?Fix lint: sort imports in checkout/, 5_000);
  });
});
