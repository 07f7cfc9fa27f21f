/** The sample Jenkins: folder "team" with the multibranch project "web" (branches main, feature/tax) and the freestyle job "nightly". */
import { ManualClock } from '../kit';
import { CLASSES, FakeJenkinsState, type FakeJenkinsBuild, type FakeStage, type FakeTestSuite } from './state';

export const USER = 'jdoe';
export const API_TOKEN = '11aa22bb33cc44dd55ee66ff77889900aa';
export const PASSWORD = 'correct-horse-battery';
export const CREDENTIAL = `${USER}:${API_TOKEN}`;
export const PASSWORD_CREDENTIAL = `${USER}:${PASSWORD}`;
export const REMOTE = 'https://github.com/acme/web.git';
export const DEPLOY_REMOTE = 'https://github.com/acme/infra.git';

const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);
const NOTE = '\x1b[8mha:////4KzXwKjk3fXrYtT9c0QmAAAA\x1b[0m';

function stages(status: readonly string[], start: number): FakeStage[] {
  const names = status.length === 2 ? ['Build', 'Approve'] : ['Checkout', 'Build', 'Test'];
  return names.map((name, i) => ({ id: String(6 + i * 7), name, status: status[i] ?? 'NOT_EXECUTED', startTimeMillis: start + i * 10_000, durationMillis: 10_000 }));
}

/** JUnit results of a build with one failing case whose trace points into the workspace. */
export const TAX_TESTS: FakeTestSuite[] = [
  {
    name: 'tax',
    cases: [
      { className: 'tax.rounding', name: 'rounds half up', status: 'PASSED' },
      {
        className: 'tax.rounding',
        name: 'rounds to cents',
        status: 'REGRESSION',
        errorDetails: 'AssertionError: expected 10.01 to equal 10',
        errorStackTrace: 'AssertionError: expected 10.01 to equal 10\n    at Context.<anonymous> (/var/jenkins_home/workspace/team_web_main/test/tax.test.ts:42:11)\n    at process.processImmediate (node:internal/timers:483:21)',
      },
      { className: 'tax.vat', name: 'applies VAT', status: 'SKIPPED' },
    ],
  },
];

function build(number: number, branch: string, result: string | null, offsetMin: number, console: string, stageStatus?: readonly string[]): FakeJenkinsBuild {
  const timestamp = T0 + offsetMin * 60_000;
  return {
    number,
    result,
    building: result === null,
    timestamp,
    duration: result === null ? 0 : 30_000,
    estimatedDuration: 30_000,
    sha: `${String(number).repeat(8).slice(0, 8)}${branch.length.toString(16).padStart(32, 'a')}`,
    branch,
    message: `Commit ${number} on ${branch}\n\nbody`,
    cause: number === 1 ? { shortDescription: 'Branch indexing' } : { shortDescription: 'Started by user Jane Doe', userId: USER, userName: 'Jane Doe' },
    remoteUrl: REMOTE,
    ...(stageStatus ? { stages: stages(stageStatus, timestamp) } : {}),
    console,
    stops: [],
  };
}

/** What build 2 of team/web/main archived. */
export const ARCHIVED = [
  { relativePath: 'reports/coverage summary.txt', bytes: Buffer.from('Lines 81.2% (406/500)\n', 'utf8') },
  { relativePath: 'dist/web#2.zip', bytes: Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]) },
] as const;

export function sampleState(clock = new ManualClock(T0 + 3_600_000)): FakeJenkinsState {
  const state = new FakeJenkinsState(clock);
  state.users.push({ id: USER, fullName: 'Jane Doe', tokens: [API_TOKEN], password: PASSWORD });
  const pipelineConsole = (end: string): string =>
    `Started by user Jane Doe\n${NOTE}[Pipeline] Start of Pipeline\n[Pipeline] stage\n[Pipeline] { (Build)\n\x1b[32mnpm ci\x1b[0m\n[Pipeline] }\n[Pipeline] stage\n[Pipeline] { (Test)\n${end}`;
  state.root.push(
    {
      _class: CLASSES.folder,
      name: 'team',
      builds: [],
      parameters: [],
      buildable: false,
      jobs: [
        {
          _class: CLASSES.multibranch,
          name: 'web',
          builds: [],
          parameters: [],
          buildable: false,
          jobs: [
            {
              _class: CLASSES.pipeline,
              name: 'main',
              buildable: true,
              parameters: [
                { _class: 'hudson.model.StringParameterDefinition', name: 'TARGET', type: 'StringParameterDefinition', description: 'Where to deploy', defaultParameterValue: { value: 'staging' } },
                { _class: 'hudson.model.BooleanParameterDefinition', name: 'DRY_RUN', type: 'BooleanParameterDefinition', defaultParameterValue: { value: true } },
                { _class: 'hudson.model.ChoiceParameterDefinition', name: 'REGION', type: 'ChoiceParameterDefinition', choices: ['eu', 'us'], defaultParameterValue: { value: 'eu' } },
                { _class: 'hudson.model.PasswordParameterDefinition', name: 'SECRET', type: 'PasswordParameterDefinition' },
              ],
              builds: [
                // Also waits on a parameterless input (the conformance suite's blocked step).
                { ...build(3, 'main', null, 40, pipelineConsole('Running tests...\n'), ['SUCCESS', 'IN_PROGRESS', 'NOT_EXECUTED']), inputs: [{ id: 'Continue', message: 'Continue?', proceedText: 'Proceed', parameters: [] }] },
                { ...build(2, 'main', 'FAILURE', 20, pipelineConsole('Error: 1 test failed\n[Pipeline] }\n[Pipeline] End of Pipeline\nFinished: FAILURE\n'), ['SUCCESS', 'SUCCESS', 'FAILED']), tests: TAX_TESTS, parameterValues: [{ name: 'TARGET', value: 'prod' }, { name: 'DRY_RUN', value: false }, { name: 'REGION', value: 'us' }] },
                build(1, 'main', 'SUCCESS', 0, pipelineConsole('All tests passed\nFinished: SUCCESS\n'), ['SUCCESS', 'SUCCESS', 'SUCCESS']),
              ],
            },
            {
              _class: CLASSES.pipeline,
              name: 'feature%2Ftax',
              buildable: true,
              parameters: [],
              builds: [build(1, 'feature/tax', 'UNSTABLE', 10, pipelineConsole('Tests: 1 unstable\nFinished: UNSTABLE\n'), ['SUCCESS', 'SUCCESS', 'UNSTABLE'])],
            },
          ],
        },
      ],
    },
    {
      _class: CLASSES.pipeline,
      name: 'deploy',
      buildable: true,
      parameters: [],
      builds: [
        {
          ...build(7, 'main', null, 50, 'Started by user Jane Doe\n[Pipeline] Start of Pipeline\n[Pipeline] stage\n[Pipeline] { (Approve)\n[Pipeline] input\nDeploy to production?\nProceed or Abort\n', ['SUCCESS', 'PAUSED_PENDING_INPUT']),
          remoteUrl: DEPLOY_REMOTE,
          inputs: [
            {
              id: 'Release',
              message: 'Deploy to production?',
              proceedText: 'Deploy',
              parameters: [
                { _class: 'hudson.model.StringParameterDefinition', name: 'VERSION', type: 'StringParameterDefinition', description: 'Version to release', defaultParameterValue: { value: '1.4.2' } },
                { _class: 'hudson.model.BooleanParameterDefinition', name: 'NOTIFY', type: 'BooleanParameterDefinition', defaultParameterValue: { value: false } },
              ],
            },
          ],
        },
      ],
    },
    {
      _class: CLASSES.freestyle,
      name: 'nightly',
      buildable: true,
      parameters: [],
      builds: [build(1, 'main', 'SUCCESS', 5, 'Started by timer\nBuilding in workspace /var/jenkins\nFinished: SUCCESS\n')],
    },
  );
  // The nightly job's next build waits for an executor that never comes (stuck).
  // Build 2 of team/web/main archived a coverage summary and a zip (archiveArtifacts), a path with a space and a '#'.
  const failed = state.job(['team', 'web', 'main'])?.builds.find((b) => b.number === 2);
  if (failed !== undefined) failed.artifacts = ARCHIVED.map((a) => ({ relativePath: a.relativePath, bytes: a.bytes }));
  state.queue.push({ id: 90, job: 'nightly', why: 'Waiting for next available executor on ‘linux’', blocked: false, stuck: true, inQueueSince: T0 + 55 * 60_000 });
  return state;
}
