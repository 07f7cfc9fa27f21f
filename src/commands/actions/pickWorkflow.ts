/**
 * The workflow to run: the pipelines whose definition file at the chosen ref can be started
 * by hand, read through the API and parsed by the provider's dispatch support. Returns its form.
 */
import * as vscode from 'vscode';
import type { DispatchForm } from '../../core/ci/dispatchForm';
import type { DispatchSupport } from '../../core/ci/descriptor';
import { describeError, isCiError } from '../../core/errors';
import type { Pipeline, RepoRef } from '../../core/model';
import type { CiProvider } from '../../core/ci/provider';

export interface WorkflowChoice {
  readonly pipeline: Pipeline;
  readonly form: DispatchForm;
}

type Loaded = { readonly pipeline: Pipeline; readonly form?: DispatchForm; readonly error?: unknown };

const CONCURRENCY = 4;

type GetDefinition = NonNullable<CiProvider['getPipelineDefinition']>;

async function loadForm(getDefinition: GetDefinition, support: DispatchSupport, repo: RepoRef, pipeline: Pipeline, ref: string): Promise<Loaded> {
  try {
    const definition = await getDefinition(repo, pipeline.id, ref);
    return { pipeline, form: support.parseForm(definition.text, definition.path) };
  } catch (error) {
    if (isCiError(error) && error.kind === 'not_found') {
      // No such file at this ref: the provider says whether it can still be started (the API will explain).
      const form = support.formWhenMissing(pipeline);
      return form ? { pipeline, form } : { pipeline };
    }
    return { pipeline, error };
  }
}

async function loadAll(getDefinition: GetDefinition, support: DispatchSupport, repo: RepoRef, pipelines: readonly Pipeline[], ref: string): Promise<Loaded[]> {
  const results: Loaded[] = [];
  for (let i = 0; i < pipelines.length; i += CONCURRENCY) {
    results.push(...(await Promise.all(pipelines.slice(i, i + CONCURRENCY).map((p) => loadForm(getDefinition, support, repo, p, ref)))));
  }
  return results;
}

export async function pickWorkflow(provider: CiProvider, support: DispatchSupport, repo: RepoRef, pipelines: readonly Pipeline[], ref: string, title: string, preselect?: string): Promise<WorkflowChoice | undefined> {
  if (!provider.getPipelineDefinition) {
    throw new Error(vscode.l10n.t('{0} cannot read pipeline definitions.', provider.displayName));
  }
  const getDefinition = provider.getPipelineDefinition.bind(provider);
  const usable = pipelines.filter((p) => p.rawState === undefined || p.rawState === 'active');
  const loaded = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading workflows of {0} at {1}…', repo.slug, ref) }, () => loadAll(getDefinition, support, repo, usable, ref));
  const candidates = loaded.filter((l) => l.error !== undefined || l.form?.dispatchable === true);
  if (candidates.length === 0) {
    throw new Error(vscode.l10n.t('No workflow of {0} can be run by hand at {1}: {2}.', repo.slug, ref, support.noneDispatchable));
  }
  const ordered = [...candidates.filter((c) => c.pipeline.id === preselect), ...candidates.filter((c) => c.pipeline.id !== preselect)];
  const items = ordered.map((c) => ({
    label: c.error === undefined ? c.pipeline.name : `$(warning) ${c.pipeline.name}`,
    description: c.error === undefined ? c.pipeline.path : describeError(c.error),
    loaded: c,
  }));
  const picked = ordered.length === 1 && ordered[0]?.error === undefined ? items[0] : await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Choose a workflow'), matchOnDescription: true });
  if (!picked) {
    return undefined;
  }
  if (picked.loaded.error !== undefined || picked.loaded.form === undefined) {
    throw picked.loaded.error instanceof Error ? picked.loaded.error : new Error(describeError(picked.loaded.error));
  }
  return { pipeline: picked.loaded.pipeline, form: picked.loaded.form };
}
