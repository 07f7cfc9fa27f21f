import assert from 'node:assert/strict';
import { TOKENS } from '../../../fakes/buildkite/fixtures';
import { startHarness, type Harness } from './harness';

const CREATE = 'POST /v2/organizations/{org}/pipelines/{pipeline}/builds';
const REBUILD = 'PUT /v2/organizations/{org}/pipelines/{pipeline}/builds/{number}/rebuild';
const CANCEL = 'PUT /v2/organizations/{org}/pipelines/{pipeline}/builds/{number}/cancel';
const RETRY = 'PUT /v2/organizations/{org}/jobs/{job}/retry';
const UNBLOCK = 'PUT /v2/organizations/{org}/jobs/{job}/unblock';

describe('buildkite actions (fake server)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('creates a build on a branch with message, commit, env and meta-data', async () => {
    const created = await h.provider.createRun(h.repo, 'builds', { ref: 'feature/x', inputs: { message: 'By hand', commit: '', env: 'A=1, B=two', meta_data: 'release=yes', clean_checkout: true }, variables: { C: '3' } });
    assert.deepEqual(created, { runId: '4', webUrl: `${h.server.url}/web/acme/web/builds/4` });
    assert.deepEqual(h.server.stats.last(CREATE)?.body, { branch: 'feature/x', commit: 'HEAD', message: 'By hand', env: { A: '1', B: 'two', C: '3' }, meta_data: { release: 'yes' }, clean_checkout: true });
    const build = h.server.state.mustBuild('acme', 'web', 4);
    assert.equal(build.source, 'api');
  });

  it('rebuilds, cancels, retries a failed job and unblocks a block step with fields', async () => {
    assert.deepEqual(await h.provider.rerunRun(h.repo, '2'), { runId: '4', webUrl: `${h.server.url}/web/acme/web/builds/4` });
    await h.provider.cancelRun(h.repo, '3');
    assert.equal(h.server.state.mustBuild('acme', 'web', 3).state, 'canceling');
    await h.provider.rerunJob(h.repo, 'job-test');
    assert.equal(h.server.state.job('acme', 'job-test')?.job.retried, true);
    await h.provider.unblockJob(h.repo, 'job-block', { 'release-name': 'Flying Dolphin', notify: true });
    assert.deepEqual(h.server.stats.last(UNBLOCK)?.body, { fields: { 'release-name': 'Flying Dolphin', notify: 'true' } });
    assert.equal(h.server.state.job('acme', 'job-block')?.job.state, 'unblocked');
  });

  it('passes the API explanation of a refused action', async () => {
    await assert.rejects(h.provider.cancelRun(h.repo, '1'), (e: Error) => e.name === 'ValidationError' && /can no longer be canceled/.test(e.message));
    await assert.rejects(h.provider.rerunJob(h.repo, 'job-lint'), (e: Error) => e.name === 'ValidationError' && /Only failed/.test(e.message));
    await assert.rejects(h.provider.createRun(h.repo, 'builds', { ref: '', inputs: {} }), (e: Error) => e.name === 'ValidationError' && /Validation Failed \(branch\)/.test(e.message));
  });

  for (const [name, route, act] of [
    ['create', CREATE, (x: Harness) => x.provider.createRun(x.repo, 'builds', { ref: 'main', inputs: {} })],
    ['rebuild', REBUILD, (x: Harness) => x.provider.rerunRun(x.repo, '2')],
    ['cancel', CANCEL, (x: Harness) => x.provider.cancelRun(x.repo, '3')],
    ['retry', RETRY, (x: Harness) => x.provider.rerunJob(x.repo, 'job-test')],
    ['unblock', UNBLOCK, (x: Harness) => x.provider.unblockJob(x.repo, 'job-block', {})],
  ] as const) {
    it(`${name} is sent exactly once, also on 502/503 and on a reset connection`, async () => {
      h.server.inject({ kind: 'status', status: 503, route, times: 5 });
      await assert.rejects(act(h), { name: 'ServerError' });
      assert.equal(h.server.stats.count(route), 1);
      h.server.faults.clear();
      h.server.inject({ kind: 'reset', route, times: 5 });
      await assert.rejects(act(h), { name: 'HttpNetworkError' });
      assert.equal(h.server.stats.count(route), 2);
    });
  }

  it('a read-only token is refused with the missing scope named', async () => {
    const ro = await startHarness({}, TOKENS.readOnly);
    try {
      await assert.rejects(ro.provider.rerunRun(ro.repo, '2'), (e: Error & { missingScopes?: readonly string[] }) => e.name === 'ForbiddenError' && e.missingScopes?.includes('write_builds') === true);
    } finally {
      await ro.close();
    }
  });

  it('offers the default branch and recently built branches', async () => {
    assert.deepEqual(await h.provider.listRefs(h.repo), { branches: ['main', 'feature/tax'], tags: [], defaultBranch: 'main' });
  });

  it('reads a block step form from the pipeline steps, or none', async () => {
    h.server.state.pipelines[0] = {
      ...h.server.state.pipelines[0]!,
      configuration: [
        'steps:',
        '  - command: make',
        '  - group: Release',
        '    steps:',
        '      - block: ":rocket: Release?"',
        '        key: release-gate',
        '        fields:',
        '          - text: Code name',
        '            key: release-name',
        '            hint: Something fun',
        '          - select: Stream',
        '            key: stream',
        '            required: false',
        '            default: beta',
        '            options: [{ label: Beta, value: beta }, { label: Stable, value: stable }]',
        '          - select: Regions',
        '            key: regions',
        '            multiple: true',
        '            options: [{ label: EU, value: eu }, { label: US, value: us }]',
      ].join('\n'),
    };
    const form = await h.provider.unblockForm(h.repo, '3', 'job-block');
    assert.deepEqual(form.fields, [
      { name: 'release-name', kind: 'string', required: true, description: 'Code name — Something fun', target: 'input' },
      { name: 'stream', kind: 'choice', required: false, options: ['beta', 'stable'], description: 'Stream', default: 'beta', target: 'input' },
      { name: 'regions', kind: 'string', required: true, description: 'Regions (one or more of: eu, us; comma-separated)', target: 'input' },
    ]);
    h.server.state.pipelines[0] = { ...h.server.state.pipelines[0], configuration: 'steps:\n  - command: "buildkite-agent pipeline upload"\n' };
    h.clock.advance(11 * 60_000);
    assert.deepEqual((await h.provider.unblockForm(h.repo, '3', 'job-block')).fields, []);
  });
});
