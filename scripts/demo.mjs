#!/usr/bin/env node
// npm run demo: FlowForge in a real VS Code (code-server) against a moving fake GitHub, GitLab, Buildkite,
// Jenkins, Bitbucket and Azure DevOps (nested checkouts whose origins are the Bitbucket repository and the
// Azure Repos repository on their fakes).
//   setup (cached) -> package the VSIX -> fake GitHub + fake GitLab + fake Buildkite with the looping scenario ->
//   demo workspace (git repo, origin = the scenario's demo repository, branch with runs; a nested
//   checkout of the GitLab project) ->
//   code-server with the VSIX installed and FlowForge pointed at the fakes (Buildkite: its pipelines
//   as flowforge.repositories entries, FLOWFORGE_BUILDKITE_TOKEN) -> print the URL.
// Flags: --port N (code-server), --api-port N (fake GitHub), --no-browser, --speed N (scenario).
// Ctrl-C / SIGTERM stops everything. SKIP_PACKAGE=1 reuses an existing flowforge.vsix.
// Children get childEnv(): the same whether started by `npm run demo` or `node scripts/demo.mjs`.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureE2EEnv } from './e2e/setup.mjs';
import { startCodeServer } from './e2e/codeServer.mjs';
import { azureCheckout, azureEnv, azureSettings, bitbucketCheckout, bitbucketEnv, bitbucketSettings, buildkiteEnv, buildkiteSettings, createWorkspace, flowforgeSettings, gitlabCheckout, gitlabEnv, gitlabSettings, jenkinsEnv, jenkinsSettings } from './e2e/workspace.mjs';
import { compileE2E, startScenarioWithGitLab } from './e2e/integration.mjs';
import { elapsed, freePort, onCleanup, runCleanups, stopping } from './e2e/lib.mjs';
import { childEnv } from './e2e/childEnv.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const options = { port: 0, apiPort: 0, browser: true, speed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=');
    const value = () => Number(inline ?? argv[++i]);
    if (flag === '--port') options.port = value();
    else if (flag === '--api-port') options.apiPort = value();
    else if (flag === '--speed') options.speed = value();
    else if (flag === '--no-browser') options.browser = false;
    else if (flag === '--help' || flag === '-h') {
      console.log('usage: npm run demo -- [--port N] [--api-port N] [--speed N] [--no-browser]');
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]}`);
  }
  return options;
}

function openBrowser(url) {
  // Only with a display: without one xdg-open may fall back to a terminal browser.
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  try {
    const child = spawn('xdg-open', [url], { stdio: 'ignore', detached: true, env: childEnv() });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no xdg-open: the URL is printed anyway
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const t = Date.now();
  await ensureE2EEnv();
  compileE2E();
  const vsix = path.join(ROOT, 'flowforge.vsix');
  if (process.env.SKIP_PACKAGE === '1' && existsSync(vsix)) console.log('[demo] SKIP_PACKAGE=1: using the existing flowforge.vsix');
  else execFileSync('npm', ['run', 'package', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: childEnv() });

  const apiPort = options.apiPort ? await freePort(options.apiPort) : 0;
  if (options.apiPort && apiPort !== options.apiPort) console.warn(`[demo] API port ${options.apiPort} is busy; using another one`);
  const scenario = await startScenarioWithGitLab({ speed: options.speed, loop: true, port: apiPort, buildkite: true, jenkins: true, bitbucket: true, azure: true });
  const { gitlab, buildkite, jenkins, bitbucket, azure } = scenario;
  onCleanup(() => scenario.close());
  const definition = scenario.definition;

  const workspace = createWorkspace({ ...definition.demo, webUrl: scenario.url, prefix: 'flowforge-demo-', gitlab: gitlabCheckout(gitlab), checkouts: [bitbucketCheckout(bitbucket), azureCheckout(azure)] });
  const github = flowforgeSettings(scenario.url, definition);
  const server = await startCodeServer({
    folder: workspace.dir,
    port: options.port,
    settings: { ...github, ...gitlabSettings(gitlab), ...buildkiteSettings(buildkite, github['flowforge.repositories']), ...jenkinsSettings(jenkins), ...bitbucketSettings(bitbucket), ...azureSettings(azure), 'workbench.colorTheme': 'Default Dark Modern' },
    env: { FLOWFORGE_GITHUB_TOKEN: definition.tokens[0], ...gitlabEnv(gitlab), ...buildkiteEnv(buildkite), ...jenkinsEnv(jenkins), ...bitbucketEnv(bitbucket), ...azureEnv(azure) },
    vsix,
  });
  const url = server.workbenchUrl(workspace.dir);
  console.log(`
FlowForge demo ready in ${elapsed(t)}
  VS Code (code-server):  ${url}
  fake GitHub API:        ${scenario.url}   (token ${definition.tokens[0]})
  fake GitLab:            ${gitlab.url}   (token ${gitlab.token}, project ${gitlab.definition.project.path})
  fake Buildkite API:     ${buildkite.url}/v2   (token ${buildkite.token}, pipelines ${buildkite.entries.join(', ')})
  fake Jenkins:           ${jenkins.url}   (user ${jenkins.user}, API token ${jenkins.token}, folder ${jenkins.definition.folder})
  fake Bitbucket API:     ${bitbucket.apiUrl}   (${bitbucket.definition.account.email}, repository ${bitbucket.slug}; checkout ${workspace.checkoutDirs[bitbucketCheckout(bitbucket).folder]})
  fake Azure DevOps:      ${azure.organizationUrl}   (token ${azure.token}, repository ${azure.slug}; checkout ${workspace.checkoutDirs[azureCheckout(azure).folder]})
  scenario control:       GET ${scenario.url}/__scenario, POST ${scenario.url}/__scenario/advance {"seconds":30}
  workspace:              ${workspace.dir} (branch ${definition.demo.branch}; GitLab checkout ${workspace.gitlabDir}, branch ${gitlab.definition.demo.branch})
  The scenario loops every ${definition.loopSeconds}s: runs queue, run, stream logs, pass and fail.
Press Ctrl-C to stop.`);
  if (options.browser) openBrowser(url);

  const { code, signal } = await server.exited;
  if (stopping()) return new Promise(() => {}); // the signal handler ends the process
  console.error(`[demo] code-server exited (${code ?? signal})\n${server.output()}`);
  return 1;
}

main().then(
  async (code) => { await runCleanups(); process.exit(code); },
  async (err) => {
    console.error(`[demo] ${err instanceof Error ? err.stack : String(err)}`);
    await runCleanups();
    process.exit(1);
  },
);
