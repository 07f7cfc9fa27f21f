#!/usr/bin/env node
// Runs the integration suite (test/e2e/integration, compiled to out/) inside a real
// VS Code extension host against the moving scenario:
//   - default: code-server through scripts/e2e/vscode-via-code-server.mjs (works offline);
//   - E2E_REAL_VSCODE=1: the VS Code that @vscode/test-electron downloads (needs internet).
// Needs dist/extension.js (npm run build) and the compiled suite (tsc -p test/e2e/tsconfig.json);
// `node scripts/e2e/integration.mjs` builds both first unless E2E_NO_BUILD=1.
// Writes artifacts/e2e/integration.json ({ passed, failed, skipped, failures }).

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { QUIET_SETTINGS } from './codeServer.mjs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { createWorkspace, flowforgeSettings, gitlabCheckout, gitlabEnv, gitlabSettings } from './workspace.mjs';
import { elapsed, runCleanups } from './lib.mjs';
import { childEnv } from './childEnv.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
const require = createRequire(import.meta.url);

/** Compiles the e2e TypeScript (suite + scenario) into out/. */
export function compileE2E() {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'test', 'e2e', 'tsconfig.json')], { cwd: ROOT, stdio: 'inherit', env: childEnv() });
}

/** Loads the compiled scenario server module. */
export async function loadScenarioModule() {
  return import(pathToFileURL(path.join(ROOT, 'out', 'test', 'fakes', 'scenario', 'server.js')).href);
}

/**
 * Starts the scenario server with its GitLab part (scenario.gitlab: the fake GitLab on the same clock)
 * and, with `buildkite: true`, its Buildkite part (scenario.buildkite: the fake Buildkite REST API);
 * with `jenkins: true`, its Jenkins part (scenario.jenkins: the fake Jenkins under /jenkins).
 * `bitbucket: true` and `azure: true` add the Bitbucket and Azure Pipelines parts (scenario.bitbucket,
 * scenario.azure: the fake Bitbucket Cloud and Azure DevOps on the same clock).
 */
export async function startScenarioWithGitLab(options) {
  const { startScenarioServer } = await loadScenarioModule();
  const { withGitLab } = await import(pathToFileURL(path.join(ROOT, 'out', 'test', 'fakes', 'scenario', 'gitlab.js')).href);
  const scenario = await startScenarioServer(options);
  let withParts = scenario;
  try {
    withParts = await withGitLab(scenario, { loop: options.loop ?? false });
    if (options.buildkite) {
      const { withBuildkite } = await import(pathToFileURL(path.join(ROOT, 'out', 'test', 'fakes', 'scenario', 'buildkite.js')).href);
      withParts = await withBuildkite(withParts, { loop: options.loop ?? false, ...(options.buildkitePort ? { port: options.buildkitePort } : {}) });
    }
    if (options.jenkins) {
      const { withJenkins } = await import(pathToFileURL(path.join(ROOT, 'out', 'test', 'fakes', 'scenario', 'jenkins.js')).href);
      withParts = await withJenkins(withParts, { loop: options.loop ?? false });
    }
    if (options.bitbucket) {
      const { withBitbucket } = await import(pathToFileURL(path.join(ROOT, 'out', 'test', 'fakes', 'scenario', 'bitbucket.js')).href);
      withParts = await withBitbucket(withParts, { loop: options.loop ?? false });
    }
    if (options.azure) {
      const { withAzure } = await import(pathToFileURL(path.join(ROOT, 'out', 'test', 'fakes', 'scenario', 'azure.js')).href);
      withParts = await withAzure(withParts, { loop: options.loop ?? false });
    }
    return withParts;
  } catch (err) {
    await withParts.close();
    throw err;
  }
}

/**
 * @param {{ scenarioUrl: string, definition: any, gitlab?: any }} options  gitlab: scenario.gitlab (adds the GitLab checkout, settings and token)
 * @returns {Promise<{ passed: number, failed: number, skipped: number, failures: unknown[], exitCode: number }>}
 */
export async function runIntegration({ scenarioUrl, definition, gitlab }) {
  const { runTests } = require('@vscode/test-electron');
  const artifacts = path.join(ROOT, 'artifacts', 'e2e');
  mkdirSync(artifacts, { recursive: true });
  const resultsFile = path.join(artifacts, 'integration.json');
  rmSync(resultsFile, { force: true });
  // flowforge.github.apiUrl is machine-scoped: it must be a user setting, not a workspace one.
  const settings = { ...flowforgeSettings(scenarioUrl, definition), ...(gitlab ? gitlabSettings(gitlab) : {}) };
  const ws = createWorkspace({ ...definition.demo, webUrl: scenarioUrl, settings, prefix: 'flowforge-it-', ...(gitlab ? { gitlab: gitlabCheckout(gitlab) } : {}) });
  const userDataDir = path.join(path.dirname(ws.dir), 'user-data');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), `${JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2)}\n`);
  const token = definition.tokens[0];
  const options = {
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'out', 'test', 'e2e', 'integration', 'index.js'),
    launchArgs: [ws.dir, `--user-data-dir=${userDataDir}`],
    extensionTestsEnv: {
      FLOWFORGE_GITHUB_TOKEN: token,
      E2E_GOOD_TOKEN: token,
      E2E_SCENARIO_URL: scenarioUrl,
      E2E_DEMO_BRANCH: definition.demo.branch,
      E2E_DEMO_REPOSITORY: definition.demo.repository,
      E2E_RESULTS_FILE: resultsFile,
      E2E_SCREENSHOT: path.join(artifacts, 'integration-final.png'),
      E2E_CODE_SERVER_LOG: path.join(artifacts, 'integration-code-server.log'),
      ...(gitlab ? { ...gitlabEnv(gitlab), E2E_GITLAB_URL: gitlab.url, E2E_GITLAB_PROJECT: gitlab.definition.project.path, E2E_GITLAB_BRANCH: gitlab.definition.demo.branch } : {}),
    },
  };
  // runTests passes process.env on to this wrapper; its own children (code-server, chromium) get childEnv().
  if (process.env.E2E_REAL_VSCODE !== '1') options.vscodeExecutablePath = path.join(here, 'vscode-via-code-server.mjs');
  rmSync(options.extensionTestsEnv.E2E_CODE_SERVER_LOG, { force: true });
  let exitCode = 0;
  try {
    await runTests(options);
  } catch (err) {
    exitCode = typeof err?.code === 'number' ? err.code : 1;
  } finally {
    ws.remove();
    if (gitlab) writeGitLabRequests(gitlab, path.join(artifacts, 'integration-gitlab-requests.txt'));
  }
  let results = { passed: 0, failed: 0, skipped: 0, failures: [] };
  try {
    results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  } catch {
    // The suite never reported (host did not start, crash): count one failure.
    results.failed = 1;
    results.failures = [{ title: 'integration suite', error: `no results (exit ${exitCode})` }];
  }
  if (exitCode !== 0 && results.failed === 0) results.failed = 1;
  return { ...results, exitCode };
}

/** What the extension asked the fake GitLab, one line a request (time since the first, route, path): for a failed run. */
function writeGitLabRequests(gitlab, file) {
  const requests = gitlab.server.stats.requests;
  const t0 = requests[0]?.at ?? 0;
  const lines = requests.map((r) => `${((r.at - t0) / 1000).toFixed(1).padStart(7)}s ${r.method} ${r.path}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const t = Date.now();
  try {
    if (process.env.E2E_NO_BUILD !== '1') {
      execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit', env: childEnv() });
      compileE2E();
    }
    const server = await startScenarioWithGitLab({ speed: 1 });
    let results;
    try {
      results = await runIntegration({ scenarioUrl: server.url, definition: server.definition, gitlab: server.gitlab });
    } finally {
      await server.close();
    }
    console.log(`integration: ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped (${elapsed(t)})`);
    await runCleanups();
    process.exit(results.failed > 0 ? 1 : 0);
  } catch (err) {
    console.error(err instanceof Error ? err.stack : String(err));
    await runCleanups();
    process.exit(1);
  }
}
