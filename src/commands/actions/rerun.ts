/** Re-run (whole run, failed jobs) and Re-run Job (or play a manual job), where the provider can. */
import * as vscode from 'vscode';
import { RUN_FILTERS, type RunFilter } from '../../actions/runCandidates';
import type { ProviderFeature } from '../../core/ci/descriptor';
import type { RepoRef } from '../../core/model';
import { parseCommandOptions } from '../../shared/commandArgs';
import type { ActionDeps } from './deps';
import { hasFeature, requireFeature } from './features';
import { requireProvider, runMutation } from './mutation';
import { jobFromArgs, pickRun, runFromArgs, type JobTarget } from './target';

/** Providers with debug re-runs ask from the palette; a `{ debug }` argument decides otherwise. */
async function askDebug(deps: ActionDeps, repo: RepoRef, given: boolean | undefined, fromPalette: boolean): Promise<boolean | undefined> {
  if (given !== undefined || !fromPalette || !hasFeature(deps, repo, 'rerunDebug')) {
    return given ?? false;
  }
  const plain = { label: vscode.l10n.t('Re-run'), debug: false };
  const debug = { label: vscode.l10n.t('Re-run with debug logging'), description: vscode.l10n.t('Adds runner and step debug logs'), debug: true };
  return (await vscode.window.showQuickPick([plain, debug], { title: vscode.l10n.t('Debug logging') }))?.debug;
}

export function rerunRunCommand(deps: ActionDeps, failedOnly: boolean) {
  const filter: RunFilter = failedOnly ? RUN_FILTERS.rerunFailed : RUN_FILTERS.rerun;
  const feature: ProviderFeature = failedOnly ? 'rerunFailedJobs' : 'rerunRun';
  return async (...args: unknown[]): Promise<void> => {
    const given = runFromArgs(deps, args);
    const title = failedOnly ? vscode.l10n.t('FlowForge: Re-run Failed Jobs') : vscode.l10n.t('FlowForge: Re-run');
    const target = given ?? (await pickRun(deps, filter, title, feature));
    if (!target) {
      return;
    }
    requireFeature(deps, target.repo, feature);
    const debug = await askDebug(deps, target.repo, parseCommandOptions(args).debug, given === undefined);
    if (debug === undefined) {
      return;
    }
    const provider = requireProvider(deps, target.repo);
    const rerun = failedOnly ? provider.rerunFailedJobs?.bind(provider) : provider.rerunRun?.bind(provider);
    if (!rerun) {
      throw new Error(vscode.l10n.t('{0} cannot re-run runs.', provider.displayName));
    }
    const progress = vscode.l10n.t('Re-running {0} #{1}…', target.run.pipelineName, target.run.number);
    const created = await runMutation(deps, target.repo, progress, () => rerun(target.repo, target.run.id, { debug }));
    deps.notifier.track(target.repoKey, created.runId ?? target.run.id);
  };
}

async function pickJob(deps: ActionDeps): Promise<JobTarget | undefined> {
  const run = await pickRun(deps, RUN_FILTERS.anyRun, vscode.l10n.t('FlowForge: Re-run Job'), 'rerunJob');
  if (!run) {
    return undefined;
  }
  const jobs = await deps.sync.getJobs(run.repoKey, run.run.id);
  const items = jobs.filter((job) => job.downstream === undefined).map((job) => ({ label: job.name, description: [job.stage, job.rawStatus].filter(Boolean).join(' · '), job }));
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Choose a job of #{0}', run.run.number) });
  return picked ? { repoKey: run.repoKey, repo: run.repo, job: picked.job } : undefined;
}

export function rerunJobCommand(deps: ActionDeps) {
  return async (...args: unknown[]): Promise<void> => {
    const given = await jobFromArgs(deps, args);
    const target = given ?? (await pickJob(deps));
    if (!target) {
      return;
    }
    const { job } = target;
    const playable = job.manual === true && job.state === 'action_required' && hasFeature(deps, target.repo, 'playJob');
    if (!playable) {
      requireFeature(deps, target.repo, 'rerunJob');
    }
    const debug = playable ? false : await askDebug(deps, target.repo, parseCommandOptions(args).debug, given === undefined);
    if (debug === undefined) {
      return;
    }
    const provider = requireProvider(deps, target.repo);
    const play = playable ? provider.playJob?.bind(provider) : undefined;
    if (play) {
      await runMutation(deps, target.repo, vscode.l10n.t('Starting {0}…', job.name), () => play(target.repo, job.id));
    } else if (provider.rerunJob) {
      const rerun = provider.rerunJob.bind(provider);
      await runMutation(deps, target.repo, vscode.l10n.t('Re-running {0}…', job.name), () => rerun(target.repo, job.id, { debug }));
    } else {
      throw new Error(vscode.l10n.t('{0} cannot re-run single jobs.', provider.displayName));
    }
    deps.notifier.track(target.repoKey, job.runId);
  };
}
