/**
 * The sample organization of the fake Azure DevOps: project "web" with repositories "web" and
 * "tools"; pipelines web-ci (azure-pipelines.yml) and web-deploy (deploy.yml, with runtime
 * parameters and an approval before its Deploy stage); builds 101 (passed, main), 102 (failed on
 * feature/tax, with timeline issues and test results), 103 (running, a task log growing), 104 (waiting
 * for approval), and 201 of the other repository.
 */
import { ManualClock, storedZip } from '../kit';
import { fakeGuid, FakeAzureState, type FakeBuild, type FakeRecord } from './state';

export const TOKENS = {
  full: 'fakepat7full2abcdefghijklmnopqrstuvwxyz234567abcdefg',
  readOnly: 'fakepat7read2abcdefghijklmnopqrstuvwxyz234567abcdefg',
} as const;

export const ORG = 'acme';
export const PROJECT = 'web';
export const REPO_ID = '1d2a0000-0000-4000-8000-00000000beef';
export const TOOLS_REPO_ID = '1d2a0000-0000-4000-8000-00000000f00d';

export const CI_YAML = `trigger:
- main
pool:
  vmImage: ubuntu-latest
steps:
- script: npm ci
- script: npm test
`;

export const DEPLOY_YAML = `parameters:
- name: environment
  displayName: Target environment
  type: string
  default: staging
  values:
  - staging
  - production
- name: dryRun
  type: boolean
  default: false
- name: replicas
  type: number
  default: 2
- name: region
  type: string
- name: extraSteps
  type: stepList
  default: []
stages:
- stage: Build
  jobs:
  - job: Package
    steps:
    - script: npm run package
- stage: Deploy
  jobs:
  - deployment: Ship
    environment: \${{ parameters.environment }}
    strategy:
      runOnce:
        deploy:
          steps:
          - script: ./deploy.sh
`;

/** Record ids the tests and the conformance harness name. */
export const IDS = {
  lintJob: '7e570000-0000-4000-8000-000000000102',
  testJob: '7e570000-0000-4000-8000-000000000103',
  buildStage102: '7e570000-0000-4000-8000-000000000100',
  compileJob: '7e570000-0000-4000-8000-000000000301',
  compileTask: '7e570000-0000-4000-8000-000000000302',
  approval: 'a9900000-0000-4000-8000-000000000104',
} as const;

/** What build 102 published: a build artifact (Container, served by the organization) and a pipeline artifact (redirected to blob storage). */
export const ARTIFACTS = {
  drop: storedZip({ 'drop/web.js': 'console.log("web");\n', 'drop/index.html': '<!doctype html><title>web</title>\n' }),
  coverage: storedZip({ 'coverage/summary.txt': 'Lines 81.2% (406/500)\n' }),
} as const;

const stamp = (clock: ManualClock, minutes: number): string => clock.iso(minutes * 60_000);

interface JobSpec {
  readonly id?: string;
  readonly name: string;
  readonly state: FakeRecord['state'];
  readonly result: FakeRecord['result'];
  readonly tasks: readonly { readonly name: string; readonly state: FakeRecord['state']; readonly result: FakeRecord['result']; readonly log?: readonly string[]; readonly issues?: FakeRecord['issues']; readonly id?: string }[];
  readonly log?: readonly string[];
}

/** Stage -> Phase -> Job -> Tasks, as the agent reports them. */
export function addStage(state: FakeAzureState, build: FakeBuild, stage: { readonly id?: string; readonly name: string; readonly identifier: string; readonly order: number; readonly state: FakeRecord['state']; readonly result: FakeRecord['result'] }, jobs: readonly JobSpec[]): FakeRecord {
  const at = build.startTime ?? build.queueTime;
  const stageRecord = state.addRecord(build, { id: stage.id ?? fakeGuid(), parentId: null, type: 'Stage', name: stage.name, identifier: stage.identifier, state: stage.state, result: stage.result, order: stage.order, startTime: at, ...(stage.state === 'completed' ? { finishTime: at } : {}) });
  jobs.forEach((job, index) => {
    const phase = state.addRecord(build, { id: fakeGuid(), parentId: stageRecord.id, type: 'Phase', name: job.name, identifier: `${stage.identifier}.${job.name}`, state: job.state, result: job.result, order: index + 1 });
    const jobRecord = state.addRecord(build, { id: job.id ?? fakeGuid(), parentId: phase.id, type: 'Job', name: job.name, identifier: `${stage.identifier}.${job.name}.__default`, state: job.state, result: job.result, order: 1, ...(job.state !== 'pending' ? { startTime: at } : {}), ...(job.state === 'completed' ? { finishTime: at } : {}) }, job.log);
    job.tasks.forEach((task, taskIndex) => {
      state.addRecord(build, { id: task.id ?? fakeGuid(), parentId: jobRecord.id, type: 'Task', name: task.name, state: task.state, result: task.result, order: taskIndex + 1, issues: [...(task.issues ?? [])], ...(task.state !== 'pending' ? { startTime: at } : {}), ...(task.state === 'completed' ? { finishTime: at } : {}) }, task.log);
    });
  });
  return stageRecord;
}

const log = (...lines: string[]): string[] => lines.map((line, i) => `2026-01-05T08:${String(10 + i).padStart(2, '0')}:00.0000000Z ${line}`);

export function sampleState(clock = new ManualClock()): FakeAzureState {
  const state = new FakeAzureState(clock);
  state.tokens.set(TOKENS.full, { scopes: ['vso.build', 'vso.build_execute', 'vso.test'] });
  state.tokens.set(TOKENS.readOnly, { scopes: ['vso.build', 'vso.test'] });
  state.organizations.push(ORG);
  state.projects.push({ org: ORG, name: PROJECT, id: 'b0b00000-0000-4000-8000-000000000001' });
  state.repositories.push({ id: REPO_ID, org: ORG, project: PROJECT, name: 'web', defaultBranch: 'main', branches: ['main', 'feature/tax', 'release/1.0'], files: new Map([['main|azure-pipelines.yml', CI_YAML], ['main|deploy.yml', DEPLOY_YAML], ['release/1.0|deploy.yml', DEPLOY_YAML]]) });
  state.repositories.push({ id: TOOLS_REPO_ID, org: ORG, project: PROJECT, name: 'tools', defaultBranch: 'main', branches: ['main'], files: new Map() });
  state.definitions.push({ id: 11, org: ORG, project: PROJECT, name: 'web-ci', repositoryId: REPO_ID, yamlFilename: 'azure-pipelines.yml' });
  state.definitions.push({ id: 12, org: ORG, project: PROJECT, name: 'web-deploy', repositoryId: REPO_ID, yamlFilename: 'deploy.yml' });
  state.definitions.push({ id: 21, org: ORG, project: PROJECT, name: 'tools-ci', repositoryId: TOOLS_REPO_ID, yamlFilename: 'azure-pipelines.yml' });

  const user = state.user;
  const common = { org: ORG, project: PROJECT, requestedFor: user };
  const b101 = state.addBuild({ ...common, id: 101, definitionId: 11, status: 'completed', result: 'succeeded', reason: 'individualCI', sourceBranch: 'refs/heads/main', sourceVersion: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', message: 'Add tax rates', queueTime: stamp(clock, -120), startTime: stamp(clock, -119), finishTime: stamp(clock, -110) });
  addStage(state, b101, { name: 'Build', identifier: 'Build', order: 1, state: 'completed', result: 'succeeded' }, [
    { name: 'Job', state: 'completed', result: 'succeeded', log: log('Starting: Job', 'Finishing: Job'), tasks: [{ name: 'npm ci', state: 'completed', result: 'succeeded', log: log('added 312 packages') }, { name: 'npm test', state: 'completed', result: 'succeeded', log: log('42 passing') }] },
  ]);

  const b102 = state.addBuild({ ...common, id: 102, definitionId: 11, status: 'completed', result: 'failed', reason: 'individualCI', sourceBranch: 'refs/heads/feature/tax', sourceVersion: 'b2c3d4e5f60718293a4b5c6d7e8f901234567890', message: 'Round tax per line\n\nLonger body', queueTime: stamp(clock, -60), startTime: stamp(clock, -59), finishTime: stamp(clock, -50) });
  addStage(state, b102, { id: IDS.buildStage102, name: 'Build', identifier: 'Build', order: 1, state: 'completed', result: 'failed' }, [
    { id: IDS.lintJob, name: 'Lint', state: 'completed', result: 'succeededWithIssues', log: log('Starting: Lint', '##[warning]src/cart.ts(3,7): Unused variable', 'Finishing: Lint'), tasks: [{ name: 'Checkout', state: 'completed', result: 'succeeded', log: log('Syncing repository: web') }, { name: 'eslint', state: 'completed', result: 'succeededWithIssues', log: log('src/cart.ts:3:7 warning no-unused-vars'), issues: [{ type: 'warning', message: "'total' is assigned a value but never used", data: { sourcepath: '/home/vsts/work/1/s/src/cart.ts', linenumber: '3', columnnumber: '7', code: 'no-unused-vars' } }] }] },
    { id: IDS.testJob, name: 'Test', state: 'completed', result: 'failed', log: log('Starting: Test', 'AssertionError: expected 0.2 to equal 0.25', '##[error]Bash exited with code 1.', 'Finishing: Test'), tasks: [{ name: 'Checkout', state: 'completed', result: 'succeeded', log: log('Syncing repository: web') }, { name: 'npm test', state: 'completed', result: 'failed', log: log('1 failing', 'AssertionError: expected 0.2 to equal 0.25'), issues: [{ type: 'error', message: 'expected 0.2 to equal 0.25', data: { sourcepath: 'D:\\a\\1\\s\\src\\tax.ts', linenumber: '12' } }, { type: 'error', message: 'Bash exited with code 1.' }] }] },
  ]);
  b102.artifacts = [
    { id: 7, name: 'drop', type: 'Container', source: IDS.testJob, zip: ARTIFACTS.drop },
    { id: 8, name: 'coverage', type: 'PipelineArtifact', source: IDS.testJob, zip: ARTIFACTS.coverage },
  ];
  state.testRuns.push({ id: 501, buildId: 102, name: 'JUnit tests', total: 3, passed: 2, results: [
    { title: 'applies the reduced rate', automatedTestName: 'tax.reduced rate', storage: 'src/tax.test.ts', outcome: 'Passed' },
    { title: 'rounds per line', automatedTestName: 'tax.rounds per line', storage: 'src/tax.test.ts', outcome: 'Failed', errorMessage: 'expected 0.2 to equal 0.25', stackTrace: 'at src/tax.test.ts:12:5' },
    { title: 'sums the cart', automatedTestName: 'cart.sums', storage: 'src/cart.test.ts', outcome: 'Passed' },
  ] });

  const b103 = state.addBuild({ ...common, id: 103, definitionId: 11, status: 'inProgress', result: null, reason: 'individualCI', sourceBranch: 'refs/heads/main', sourceVersion: 'c3d4e5f60718293a4b5c6d7e8f90123456789012', message: 'Faster checkout', queueTime: stamp(clock, -5), startTime: stamp(clock, -4) });
  addStage(state, b103, { name: 'Build', identifier: 'Build', order: 1, state: 'inProgress', result: null }, [
    { id: IDS.compileJob, name: 'Compile', state: 'inProgress', result: null, tasks: [{ name: 'Checkout', state: 'completed', result: 'succeeded', log: log('Syncing repository: web') }, { id: IDS.compileTask, name: 'npm run build', state: 'inProgress', result: null, log: log('> tsc -p .', 'compiling 1 of 3') }, { name: 'Publish', state: 'pending', result: null }] },
  ]);

  const b104 = state.addBuild({ ...common, id: 104, definitionId: 12, status: 'inProgress', result: null, reason: 'manual', sourceBranch: 'refs/heads/main', sourceVersion: 'c3d4e5f60718293a4b5c6d7e8f90123456789012', message: '', queueTime: stamp(clock, -3), startTime: stamp(clock, -3), templateParameters: { environment: 'production' } });
  addStage(state, b104, { name: 'Build', identifier: 'Build', order: 1, state: 'completed', result: 'succeeded' }, [{ name: 'Package', state: 'completed', result: 'succeeded', log: log('Starting: Package', 'Finishing: Package'), tasks: [{ name: 'npm run package', state: 'completed', result: 'succeeded', log: log('packed web-1.4.0.tgz') }] }]);
  const deploy = addStage(state, b104, { name: 'Deploy', identifier: 'Deploy', order: 2, state: 'pending', result: null }, [{ name: 'Ship', state: 'pending', result: null, tasks: [] }]);
  const checkpoint = state.addRecord(b104, { id: fakeGuid(), parentId: deploy.id, type: 'Checkpoint', name: 'Checkpoint', state: 'inProgress', result: null, order: 0, startTime: stamp(clock, -1) });
  state.addRecord(b104, { id: IDS.approval, parentId: checkpoint.id, type: 'Checkpoint.Approval', name: 'Checkpoint.Approval', state: 'inProgress', result: null, order: 1, startTime: stamp(clock, -1) });
  state.approvals.push({ id: IDS.approval, buildId: 104, status: 'pending', instructions: 'Check the staging smoke tests first', approvers: [user, { id: '3b7a0000-0000-4000-8000-00000000a11c', displayName: 'Ops Team', uniqueName: '[web]\\Ops Team' }] });

  state.addBuild({ ...common, id: 201, definitionId: 21, status: 'completed', result: 'succeeded', reason: 'individualCI', sourceBranch: 'refs/heads/main', sourceVersion: 'd4e5f60718293a4b5c6d7e8f9012345678901234', message: 'tools: bump', queueTime: stamp(clock, -30), startTime: stamp(clock, -29), finishTime: stamp(clock, -28) });
  return state;
}
