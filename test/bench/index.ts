/**
 * `npm run bench`: prints figures (no pass/fail on time) as tables, then one JSON line.
 * (a) API requests over a simulated hour, (b) bundle/VSIX sizes, (c) activation time and
 * network silence, (d) activation in a real extension host (code-server; skipped with a reason when
 * it is not installed), plus the log viewer benchmark when present. Exits 1 only if a benchmark crashes.
 */
import { join } from 'node:path';
import { measureActivation, median, type ActivationFigures } from './activation';
import { formatAzureRequests, runAzureRequestScenario } from './azureRequests';
import { formatBuildkiteRequests, runBuildkiteRequestScenario } from './buildkiteRequests';
import { formatJenkinsRequests, runJenkinsRequestScenario } from './jenkinsRequests';
import { formatGitLabRequests, runGitLabRequestScenario } from './gitlabRequests';
import { runLogViewerBench } from './logViewerHook';
import { formatMergeGate, runMergeGateBench } from './mergeGate';
import { run as runInsightsBench } from './insights';
import { int, kb, ms, ratio, table } from './report';
import { runRequestScenario, type RequestFigures, type RequestScenario } from './requests';
import { measureRealActivation, type RealActivationResult } from './realActivation';
import { measureSizes, type SizeFigures } from './sizes';
import { formatScale, runScaleScenario } from './scale';

const ROOT = join(__dirname, '..', '..', '..');
const HOUR_MS = 3_600_000;
const BASE: Omit<RequestScenario, 'name' | 'activeRepos'> = { repos: 20, durationMs: HOUR_MS, changeRate: 0.1, seed: 20240115 };

function printRequests(f: RequestFigures): void {
  console.log(
    table(`(a) API requests, simulated hour: ${f.scenario} (${f.repos} repos, ${f.activeRepos} with a run in progress, ${f.changes} changes)`, [
      ['FlowForge requests total', int(f.flowforge.requests)],
      ['  counted against rate limit (200)', int(f.flowforge.counted)],
      ['  not modified (304, free)', int(f.flowforge.notModified)],
      ['  errors (4xx/5xx) / failed polls', `${int(f.flowforge.errors)} / ${int(f.flowforge.failedPolls)}`],
      ['  error-level log lines (provider logger)', int(f.flowforge.errorLogLines)],
      ['Naive poller requests (all counted)', int(f.naive.requests)],
      ['Ratio naive / FlowForge counted', ratio(f.ratio), 'target >= 10x'],
    ]),
  );
}

function printSizes(f: SizeFigures): void {
  console.log(
    table('(b) Sizes (production build)', [
      ['dist/extension.js (start-up shell)', kb(f.bundleBytes), 'loaded at activation'],
      ['dist/composition.js (after activation)', kb(f.compositionBytes), 'target <= 800 KB'],
      ['dist/webview.js', kb(f.webviewBytes)],
      [`VSIX (${f.vsixSource})`, kb(f.vsixBytes), 'target <= 1 MB'],
      ['Files in VSIX (vsce ls)', int(f.vsixFiles)],
      ...f.notes.map((note): [string, string] => ['note', note]),
    ]),
  );
}

function printActivation(f: ActivationFigures): void {
  console.log(
    table(`(c) Activation (${f.entry}, stubbed vscode, ${f.runs} fresh loads)`, [
      ['activate() median', ms(f.medianActivateMs), 'target <= 50 ms'],
      ['activate() max', ms(f.maxActivateMs)],
      ['activate() cold (first load)', ms(f.coldActivateMs)],
      ['module load median / cold', `${ms(f.medianLoadMs)} / ${ms(f.coldLoadMs)}`],
      ['load -> composition ready median / cold', `${ms(f.medianReadyMs)} / ${ms(f.coldReadyMs)}`, 'after activate() returned'],
      ['load -> first getChildren median', ms(f.medianToFirstChildrenMs)],
      ['network calls before first getChildren', int(f.networkCallsBeforeFirstChildren), 'expected 0'],
      ['network calls after start-up (monitor check)', int(f.networkCallsAfterStartup), 'expected > 0'],
      ['vscode APIs missing from the stub', f.stubMissing.length === 0 ? 'none' : f.stubMissing.join(', ')],
    ]),
  );
}

function printRealActivation(f: RealActivationResult, stubbed: ActivationFigures | undefined): void {
  if (f.status === 'not available') {
    console.log(`\n(c, real host) Activation in a real extension host: not measured (${f.reason})`);
    return;
  }
  const list = (values: readonly number[]): string => values.map((value) => `${value}`).join(', ');
  console.log(
    table(`(c, real host) Activation in a real extension host (${f.vscodeVersion}, ${f.runs} window reloads, as the Running Extensions editor reports it)`, [
      ['FlowForge median', ms(f.medianFlowforgeMs), 'target <= 30 ms'],
      ['hello-world floor median (same runs)', ms(f.medianFloorMs)],
      ['FlowForge above the floor', ms(f.medianFlowforgeMs - f.medianFloorMs)],
      ['FlowForge / floor runs (ms)', `${list(f.flowforgeMs)} / ${list(f.floorMs)}`],
      ['composition ready after activate() median (log)', f.readyMs.length > 0 ? ms(median(f.readyMs)) : 'n/a', 'not part of activation'],
      ['  compiled from source / from the code cache (runs, ms)', `${list(f.readyMs.filter((_, i) => f.readyFromCache[i] !== true))} / ${list(f.readyMs.filter((_, i) => f.readyFromCache[i] === true))}`],
      ['machine load average (1 min) at the end', f.loadAverage.toFixed(1), 'figures scale with it; compare with the floor'],
      ['stubbed load + activate median (c)', stubbed ? ms(stubbed.medianLoadMs + stubbed.medianActivateMs) : 'n/a'],
    ]),
  );
}

async function attempt<T>(name: string, errors: Record<string, string>, body: () => Promise<T>): Promise<T | undefined> {
  try {
    return await body();
  } catch (error) {
    errors[name] = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`\n${name} benchmark crashed: ${errors[name]}`);
    return undefined;
  }
}

async function main(): Promise<number> {
  const errors: Record<string, string> = {};
  const idle = await attempt('requests (idle)', errors, () => runRequestScenario({ ...BASE, name: 'idle', activeRepos: 0 }));
  if (idle) printRequests(idle);
  const active = await attempt('requests (active)', errors, () => runRequestScenario({ ...BASE, name: '2 active runs', activeRepos: 2 }));
  if (active) printRequests(active);
  const gitlabIdle = await attempt('gitlab requests (idle)', errors, () => runGitLabRequestScenario({ ...BASE, name: 'idle', activeRepos: 0 }));
  if (gitlabIdle) console.log(formatGitLabRequests(gitlabIdle));
  const gitlabActive = await attempt('gitlab requests (active)', errors, () => runGitLabRequestScenario({ ...BASE, name: '2 active pipelines', activeRepos: 2 }));
  if (gitlabActive) console.log(formatGitLabRequests(gitlabActive));
  const buildkite = await attempt('buildkite requests', errors, () => runBuildkiteRequestScenario());
  if (buildkite) console.log(formatBuildkiteRequests(buildkite));
  const azure = await attempt('azure requests', errors, () => runAzureRequestScenario());
  if (azure) console.log(formatAzureRequests(azure));
  const jenkinsIdle = await attempt('jenkins requests (idle)', errors, () => runJenkinsRequestScenario(0));
  if (jenkinsIdle) console.log(formatJenkinsRequests(jenkinsIdle));
  const jenkinsActive = await attempt('jenkins requests (active)', errors, () => runJenkinsRequestScenario(2));
  if (jenkinsActive) console.log(formatJenkinsRequests(jenkinsActive));
  const mergeGate = await attempt('merge gate', errors, () => runMergeGateBench(BASE));
  if (mergeGate) console.log(formatMergeGate(mergeGate));
  // Next to the 20-repository figures above: 200 repositories across providers and hosts, under their budgets.
  const scale = await attempt('scale', errors, () => runScaleScenario());
  if (scale) console.log(formatScale(scale));
  const sizes = await attempt('sizes', errors, () => measureSizes(ROOT));
  if (sizes) printSizes(sizes);
  const activation = await attempt('activation', errors, () => measureActivation(ROOT));
  if (activation) printActivation(activation);
  const realActivation = await attempt('real activation', errors, () => measureRealActivation(ROOT, 7));
  if (realActivation) printRealActivation(realActivation, activation);
  const logViewer = await attempt('logViewer', errors, () => runLogViewerBench());
  if (logViewer?.status === 'ok') {
    // The log viewer benchmark prints its own figures above.
    console.log('\nlog viewer benchmark: done');
  } else if (logViewer?.status === 'not available') {
    console.log(`\nlog viewer benchmark: not available (${logViewer.reason})`);
  }
  const insights = await attempt('insights', errors, () => runInsightsBench());
  console.log(`
${JSON.stringify({ requests: { idle, active }, gitlabRequests: { idle: gitlabIdle, active: gitlabActive }, buildkiteRequests: buildkite, azureRequests: azure, jenkinsRequests: { idle: jenkinsIdle, active: jenkinsActive }, mergeGate, scale, sizes, activation, realActivation, logViewer, insights, errors })}`);
  return Object.keys(errors).length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
