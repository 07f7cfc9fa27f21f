/** A small Bitbucket workspace for tests: repository acme/web with pipelines in every interesting state. */
import { ManualClock } from '../kit';
import { FakeBitbucketState, fakeUuid, type FakeTestCase } from './state';

export const EMAIL = 'dana@example.com';
export const CREDENTIALS = {
  /** Atlassian account e-mail + API token (the provider receives "user:secret"). */
  account: `${EMAIL}:ATATT3xFfGF0T3stT0kenF0rFl0wF0rge0000000000`,
  /** A repository access token with read and write scopes. */
  repository: 'ATCTT3xFfGN0RepoAccessTokenF0rAcmeWeb00000000',
  /** A workspace access token that may read but not run pipelines. */
  workspaceReadOnly: 'ATCTT3xFfGN0WorkspaceReadOnlyTokenAcme0000000',
} as const;

export const SHA = {
  main: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
  feature: 'b2c3d4e5f60718293a4b5c6d7e8f901234567890',
} as const;

/** Step UUIDs and pipeline UUIDs of the sample, by role. */
export const IDS = {
  passed: fakeUuid(0x101),
  failed: fakeUuid(0x102),
  running: fakeUuid(0x103),
  paused: fakeUuid(0x104),
  passedBuild: fakeUuid(0x201),
  passedTest: fakeUuid(0x202),
  failedLint: fakeUuid(0x203),
  failedTest: fakeUuid(0x204),
  failedDeploy: fakeUuid(0x205),
  runningBuild: fakeUuid(0x206),
  runningTest: fakeUuid(0x207),
  pausedBuild: fakeUuid(0x208),
  pausedDeploy: fakeUuid(0x209),
} as const;

export const FAILED_LOG = ['+ npm ci', 'added 812 packages in 9s', '+ npm test', '', '> web@1.0.0 test', '> jest', '', '\x1b[31mFAIL\x1b[0m src/tax.test.ts', '  ● tax › rounds half up', '', 'Error: 1 test failed', ''].join('\n');
export const RUNNING_LOG = ['+ npm ci', 'added 812 packages in 9s', '+ npm run build', '> web@1.0.0 build', 'Building… ✓ 12 modules', ''].join('\n');

export const PIPELINES_YML = ['image: node:22', 'pipelines:', '  default:', '    - step:', '        name: Build', '        script: [npm ci, npm run build]', '  custom:', '    deploy:', '      - variables:', '          - name: TARGET', '      - step:', '          name: Deploy', '          script: [./deploy.sh]', '    nightly:', '      - step:', '          script: [npm run e2e]', ''].join('\n');

const CASES: FakeTestCase[] = [
  { name: 'adds VAT', fullyQualifiedName: 'tax.test.ts > tax > adds VAT', status: 'SUCCESS' },
  { name: 'rounds half up', fullyQualifiedName: 'tax.test.ts > tax > rounds half up', status: 'FAILED' },
  { name: 'handles zero', fullyQualifiedName: 'tax.test.ts > tax > handles zero', status: 'SUCCESS' },
  { name: 'exotic currencies', fullyQualifiedName: 'tax.test.ts > tax > exotic currencies', status: 'SKIPPED' },
];

export function sampleState(clock = new ManualClock()): FakeBitbucketState {
  const state = new FakeBitbucketState(clock);
  state.credentials.set(CREDENTIALS.account, { kind: 'account', name: EMAIL, scopes: ['repository:read', 'pipeline:write'] });
  state.credentials.set(CREDENTIALS.repository, { kind: 'repository', name: 'web token', scopes: ['repository:read', 'pipeline:write'], only: 'acme/web' });
  state.credentials.set(CREDENTIALS.workspaceReadOnly, { kind: 'workspace', name: 'acme read-only', scopes: ['repository:read', 'pipeline:read'], only: 'acme' });
  state.repositories.push(
    { workspace: 'acme', slug: 'web', name: 'Web', mainBranch: 'main', branches: ['main', 'feature/tax'], tags: ['v1.0.0'], files: new Map([['main', PIPELINES_YML], ['feature/tax', PIPELINES_YML]]) },
    { workspace: 'acme', slug: 'api', name: 'API', mainBranch: 'trunk', branches: ['trunk'], tags: [], files: new Map() },
  );
  const t = (minutes: number): string => new Date(clock.now() - minutes * 60_000).toISOString();
  const user = state.user;
  const base = { workspace: 'acme', repo: 'web', refType: 'branch' as const, creator: user, variables: [] };
  state.pipelines.push(
    {
      ...base, uuid: IDS.passed, buildNumber: 1, state: 'SUCCESSFUL', refName: 'main', commit: SHA.main, selector: { type: 'branches', pattern: 'main' }, trigger: 'PUSH', createdOn: t(60), completedOn: t(55),
      steps: [
        { uuid: IDS.passedBuild, name: 'Build', state: 'SUCCESSFUL', startedOn: t(60), completedOn: t(58), log: '+ npm run build\nok\n' },
        { uuid: IDS.passedTest, name: 'Test', state: 'SUCCESSFUL', startedOn: t(58), completedOn: t(55), log: '+ npm test\nall green\n' },
      ],
    },
    {
      ...base, uuid: IDS.failed, buildNumber: 2, state: 'FAILED', refName: 'feature/tax', commit: SHA.feature, selector: { type: 'default' }, trigger: 'PUSH', createdOn: t(40), completedOn: t(35),
      steps: [
        { uuid: IDS.failedLint, name: 'Lint', state: 'SUCCESSFUL', startedOn: t(40), completedOn: t(39), log: '+ npm run lint\n' },
        { uuid: IDS.failedTest, name: 'Test', state: 'FAILED', startedOn: t(39), completedOn: t(35), log: FAILED_LOG, testCases: CASES },
        { uuid: IDS.failedDeploy, name: 'Deploy', state: 'NOT_RUN' },
      ],
    },
    {
      ...base, uuid: IDS.paused, buildNumber: 3, state: 'PAUSED', refName: 'main', commit: SHA.main, selector: { type: 'custom', pattern: 'deploy' }, trigger: 'MANUAL', createdOn: t(20),
      steps: [
        { uuid: IDS.pausedBuild, name: 'Build', state: 'SUCCESSFUL', startedOn: t(20), completedOn: t(18), log: 'built\n' },
        { uuid: IDS.pausedDeploy, name: 'Deploy to production', state: 'PENDING', manual: true },
      ],
    },
    {
      ...base, uuid: IDS.running, buildNumber: 4, state: 'RUNNING', refName: 'main', commit: SHA.main, selector: { type: 'branches', pattern: 'main' }, trigger: 'PUSH', createdOn: t(2),
      steps: [
        { uuid: IDS.runningBuild, name: 'Build', state: 'IN_PROGRESS', startedOn: t(2), log: RUNNING_LOG },
        { uuid: IDS.runningTest, name: 'Test', state: 'PENDING' },
      ],
    },
  );
  return state;
}
