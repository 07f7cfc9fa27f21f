/** A small Buildkite organization for tests: two pipelines, builds in every interesting state. */
import { ManualClock, storedZip } from '../kit';
import { FakeBuildkiteState, fakeUuid } from './state';

export const TOKENS = {
  full: 'bkua_0123456789abcdef0123456789abcdef01234567',
  readOnly: 'bkua_fedcba9876543210fedcba9876543210fedcba98',
  legacy: '0123456789abcdef0123456789abcdef01234567',
} as const;

export const SHA = {
  main: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
  feature: 'b2c3d4e5f60718293a4b5c6d7e8f901234567890',
} as const;

export const LOG = [
  '\x1b_bk;t=1767603600000\x07~~~ Preparing working directory',
  '\x1b_bk;t=1767603600100\x07$ git fetch -v -- origin main',
  '\x1b_bk;t=1767603601000\x07--- :npm: Installing',
  '\x1b_bk;t=1767603601500\x07progress 10%\r\x1b_bk;t=1767603601600\x07progress 100%',
  '\x1b_bk;t=1767603602000\x07+++ :jest: Tests',
  '\x1b_bk;t=1767603602100\x07\x1b[31mFAIL\x1b[0m src/tax.test.ts',
  '\x1b_bk;t=1767603602200\x07^^^ +++',
  '\x1b_bk;t=1767603602300\x07Error: 1 test failed',
  '',
].join('\n');

/** A small real zip (index.html, app.js), stored: what a `dist/web.zip` artifact holds. */
export const WEB_ZIP = storedZip({ 'index.html': '<!doctype html><title>web</title><h1>FlowForge web build</h1>\n', 'app.js': 'console.log("web");\n' });

export const LCOV = 'TN:\nSF:src/tax.ts\nDA:40,0\nLF:1\nLH:0\nend_of_record\n';

/** Artifacts of build 2 (job-test): a text file, a zip, a deleted screenshot, one still uploading. */
export const ARTIFACT_IDS = {
  lcov: '0190bb00-0000-4000-8000-00000000a001',
  zip: '0190bb00-0000-4000-8000-00000000a002',
  deleted: '0190bb00-0000-4000-8000-00000000a003',
  uploading: '0190bb00-0000-4000-8000-00000000a004',
} as const;

export function sampleState(clock = new ManualClock()): FakeBuildkiteState {
  const state = new FakeBuildkiteState(clock);
  state.tokens.set(TOKENS.full, { uuid: 'tok-full', scopes: ['read_builds', 'read_pipelines', 'read_build_logs', 'read_artifacts', 'read_organizations', 'read_user', 'write_builds'] });
  state.tokens.set(TOKENS.readOnly, { uuid: 'tok-ro', scopes: ['read_builds', 'read_pipelines', 'read_build_logs'] });
  state.tokens.set(TOKENS.legacy, { uuid: 'tok-legacy', scopes: ['read_builds', 'read_pipelines', 'read_build_logs', 'write_builds'], organizations: ['acme'] });
  state.organizations.push({ slug: 'acme', name: 'ACME' }, { slug: 'other', name: 'Other' });
  state.pipelines.push(
    { org: 'acme', slug: 'web', name: 'Web', repository: 'git@github.com:acme/web.git', defaultBranch: 'main', configuration: 'steps:\n  - command: "buildkite-agent pipeline upload"\n' },
    { org: 'acme', slug: 'deploy', name: 'Deploy', repository: 'https://github.com/acme/web', defaultBranch: 'main', configuration: 'steps:\n  - trigger: web\n' },
    { org: 'other', slug: 'api', name: 'API', repository: 'git@gitlab.com:other/api.git', defaultBranch: 'trunk', configuration: '' },
  );
  const t = (minutes: number): string => new Date(clock.now() - minutes * 60_000).toISOString();
  const dana = state.user;
  state.addBuild({ org: 'acme', pipeline: 'web', number: 1, state: 'passed', message: 'Initial commit', commit: SHA.main, branch: 'main', source: 'webhook', creator: dana, createdAt: t(120), startedAt: t(119), finishedAt: t(110), jobs: [{ id: fakeUuid(), type: 'script', name: ':hammer: Build', state: 'passed', command: 'make', exitStatus: 0, startedAt: t(119), finishedAt: t(112), log: 'built\n' }] });
  state.addBuild({
    org: 'acme',
    pipeline: 'web',
    number: 2,
    state: 'failed',
    message: 'Fix tax rounding\n\nLonger body',
    commit: SHA.feature,
    branch: 'feature/tax',
    source: 'ui',
    creator: dana,
    createdAt: t(60),
    startedAt: t(59),
    finishedAt: t(50),
    jobs: [
      { id: 'job-lint', type: 'script', name: ':eslint: Lint', stepKey: 'lint', groupKey: 'checks', state: 'passed', command: 'npm run lint', exitStatus: 0, startedAt: t(59), finishedAt: t(57), log: 'lint ok\n' },
      { id: 'job-test', type: 'script', name: ':jest: Test', stepKey: 'test', groupKey: 'checks', state: 'failed', command: 'npm test', exitStatus: 1, startedAt: t(59), finishedAt: t(50), log: LOG },
      { id: 'job-wait', type: 'waiter', state: 'skipped' },
      { id: 'job-soft', type: 'script', name: 'Flaky', state: 'failed', softFailed: true, exitStatus: 2, startedAt: t(55), finishedAt: t(54) },
    ],
    annotations: [
      { id: 'ann-1', context: 'jest', style: 'error', bodyHtml: '<h3>1 test failed</h3>\n<pre><code>src/tax.test.ts:12:5 expected 10 to be 11</code></pre>\n<p>See <code>src/tax.ts:40</code>.</p>' },
      { id: 'ann-2', context: 'coverage', style: 'info', bodyHtml: '<p>Coverage 81%</p>' },
      { id: 'ann-3', context: 'lint', style: 'warning', bodyHtml: '<ul><li>src/app.ts:3 unused import</li></ul>' },
      { id: 'ann-4', context: 'deploy', style: 'success', bodyHtml: '<p>Preview ready</p>' },
    ],
    artifacts: [
      { id: ARTIFACT_IDS.lcov, jobId: 'job-test', path: 'coverage/lcov.info', state: 'finished', mimeType: 'text/plain', bytes: Buffer.from(LCOV, 'utf8') },
      { id: ARTIFACT_IDS.zip, jobId: 'job-test', path: 'dist/web.zip', state: 'finished', mimeType: 'application/zip', bytes: WEB_ZIP },
      { id: ARTIFACT_IDS.deleted, jobId: 'job-test', path: 'tmp/screenshots/failure.png', state: 'deleted', mimeType: 'image/png', bytes: Buffer.from('PNG') },
      { id: ARTIFACT_IDS.uploading, jobId: 'job-test', path: 'tmp/trace.json', state: 'new', mimeType: 'application/json', bytes: Buffer.from('{}') },
    ],
  });
  state.addBuild({
    org: 'acme',
    pipeline: 'web',
    number: 3,
    state: 'running',
    message: 'Release v2',
    commit: SHA.main,
    branch: 'main',
    source: 'api',
    creator: dana,
    blocked: false,
    createdAt: t(5),
    startedAt: t(4),
    jobs: [
      { id: 'job-build', type: 'script', name: ':hammer: Build', state: 'running', command: 'make', startedAt: t(4), log: '\x1b_bk;t=1767603300000\x07--- Building\nstep 1\n' },
      { id: 'job-block', type: 'manual', name: ':rocket: Release?', stepKey: 'release-gate', state: 'blocked', unblockable: true },
      { id: 'job-trigger', type: 'trigger', name: 'Deploy', state: 'passed', triggered: { org: 'acme', pipeline: 'deploy', number: 7, id: fakeUuid() }, startedAt: t(4), finishedAt: t(3) },
      { id: 'job-trigger-pending', type: 'trigger', name: 'Deploy staging', state: 'waiting' },
    ],
  });
  state.addBuild({ org: 'acme', pipeline: 'deploy', number: 7, state: 'passed', message: 'Triggered from web#3', commit: SHA.main, branch: 'main', source: 'trigger_job', createdAt: t(4), startedAt: t(4), finishedAt: t(3) });
  return state;
}
