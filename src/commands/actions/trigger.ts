/**
 * Run Workflow…: repository -> branch/tag -> workflow (dispatchable at that ref) -> typed inputs -> dispatch.
 * On failure the values are kept and offered again, prefilled.
 */
import * as vscode from 'vscode';
import { FormMemory } from '../../actions/formMemory';
import { rememberedValues } from '../../actions/formModel';
import { isCiError } from '../../core/errors';
import { openWebUrl } from '../../platform/openWeb';
import { repoKey, type RepoRef } from '../../core/model';
import type { Environment } from '../../core/ci/operations';
import type { CiProvider } from '../../core/ci/provider';
import { parseCommandTarget, pipelineIdOf } from '../../shared/commandArgs';
import { askInputs } from './askInputs';
import type { ActionDeps } from './deps';
import { dispatch } from './dispatch';
import { hasFeature, requireFeature } from './features';
import { actionErrorMessage, refreshQuietly, requireProvider } from './mutation';
import { pickRef } from './pickRef';
import { pickWorkflow } from './pickWorkflow';

async function pickRepository(deps: ActionDeps, title: string): Promise<RepoRef | undefined> {
  const repos = deps.sync.repositories().filter((repo) => deps.canWrite(repo) && hasFeature(deps, repo, 'dispatch'));
  if (repos.length <= 1) {
    return repos[0];
  }
  const withBranch = repos.map((repo) => ({ repo, branch: deps.sync.snapshot(repoKey(repo))?.branch }));
  withBranch.sort((a, b) => Number(b.branch !== undefined) - Number(a.branch !== undefined));
  const items = withBranch.map(({ repo, branch }) => ({ label: repo.slug, description: [deps.providerFor(repo)?.displayName, branch].filter(Boolean).join(' · '), repo }));
  return (await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Choose a repository') }))?.repo;
}

function environmentLoader(provider: CiProvider, repo: RepoRef): () => Promise<readonly Environment[] | undefined> {
  let loaded: Promise<readonly Environment[] | undefined> | undefined;
  return () => (loaded ??= provider.listEnvironments ? provider.listEnvironments(repo).catch(() => undefined) : Promise.resolve(undefined));
}

async function announce(deps: ActionDeps, key: string, runId: string | undefined, name: string): Promise<void> {
  if (runId === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} was started; its run will appear shortly.', name));
    return;
  }
  deps.notifier.track(key, runId);
  await refreshQuietly(deps, key);
  await deps.revealRun?.(key, runId);
  const run = [...(deps.sync.snapshot(key)?.recentRuns ?? [])].find((r) => r.id === runId);
  const open = vscode.l10n.t('Open Run');
  const browser = vscode.l10n.t('Open in Browser');
  const choice = await vscode.window.showInformationMessage(run ? vscode.l10n.t('Started {0} #{1}.', name, run.number) : vscode.l10n.t('Started {0}.', name), open, ...(run ? [browser] : []));
  if (choice === open) {
    await vscode.commands.executeCommand('flowforge.openRun', key, runId);
  } else if (choice === browser && run) {
    await openWebUrl(run.webUrl);
  }
}

export function triggerPipelineCommand(deps: ActionDeps) {
  return async (node?: unknown): Promise<void> => {
    const title = vscode.l10n.t('FlowForge: Run Workflow…');
    const nodeKey = parseCommandTarget([node])?.repoKey;
    const repo = (nodeKey ? deps.sync.snapshot(nodeKey)?.repo : undefined) ?? (await pickRepository(deps, title));
    if (!repo) {
      return;
    }
    const key = repoKey(repo);
    requireFeature(deps, repo, 'dispatch');
    const support = deps.describe(repo)?.dispatch;
    const provider = requireProvider(deps, repo);
    if (!support) {
      throw new Error(vscode.l10n.t('{0} cannot start runs by hand.', provider.displayName));
    }
    const snapshot = deps.sync.snapshot(key);
    const ref = await pickRef(provider, repo, [snapshot?.branch, snapshot?.repository?.defaultBranch], title);
    if (ref === undefined) {
      return;
    }
    // Before the repository's first poll the snapshot has no workflows yet: ask the API.
    const pipelines = snapshot?.pipelines.length ? snapshot.pipelines : (await provider.listPipelines(repo)).value;
    // From a workflow row or a workflow file's CodeLens: that workflow only.
    const wanted = pipelineIdOf(node);
    const given = pipelines.filter((pipeline) => pipeline.id === wanted);
    const choice = await pickWorkflow(provider, support, repo, given.length > 0 ? given : pipelines, ref, title, wanted);
    if (!choice) {
      return;
    }
    const memoryKey = FormMemory.key(key, choice.pipeline.id);
    const context = { workflowName: choice.pipeline.name, environments: environmentLoader(provider, repo) };
    for (;;) {
      const values = await askInputs(choice.form, deps.memory.get(memoryKey)?.values, context);
      if (!values) {
        return;
      }
      deps.memory.remember(memoryKey, ref, rememberedValues(choice.form, values));
      try {
        const runId = await dispatch(deps, { repoKey: key, repo, provider, events: support.events, pipeline: choice.pipeline, form: choice.form, ref, values });
        await announce(deps, key, runId, choice.pipeline.name);
        return;
      } catch (error) {
        if (isCiError(error) && error.kind === 'cancelled') {
          return;
        }
        const retry = vscode.l10n.t('Edit and Retry');
        const answer = await vscode.window.showErrorMessage(vscode.l10n.t('Could not start {0}: {1}', choice.pipeline.name, actionErrorMessage(error, deps.describe(repo)?.token.help)), retry);
        if (answer !== retry) {
          return;
        }
      }
    }
  };
}
