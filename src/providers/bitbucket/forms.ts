/**
 * "Run Pipeline…" for a Bitbucket repository: which pipeline of bitbucket-pipelines.yml (the branch's
 * own, or a custom one by name), an optional commit, and variables, the secured ones masked while
 * typed and sent with `secured: true` (Bitbucket then never shows their value). Pure.
 */
import type { DispatchForm, FieldValue, FormField, FormValues } from '../../core/ci/dispatchForm';
import { asMap, parseYamlDocuments } from '../yamlDoc';

export const DEFINITION_PATH = 'bitbucket-pipelines.yml';
/** The selector choice that runs the pipeline the branch itself would run. */
export const BRANCH_PIPELINE = '(the branch pipeline)';

const VARIABLES: FormField = { name: 'variables', kind: 'string', required: false, description: 'Variables: KEY=value, one per line or separated by ";"', target: 'input' };
const SECURED: FormField = { name: 'secured_variables', kind: 'string', required: false, secret: true, description: 'Secured variables (masked, never shown again): KEY=value, separated by ";"', target: 'input' };
const COMMIT: FormField = { name: 'commit', kind: 'string', required: false, description: 'Commit hash to build (empty: the head of the branch)', target: 'input' };

/** The custom pipelines (`pipelines.custom` keys) of a bitbucket-pipelines.yml. */
export function customPipelines(yamlText: string, path: string): string[] {
  const names: string[] = [];
  for (const document of parseYamlDocuments(yamlText, path)) {
    const custom = asMap(asMap(asMap(document)?.pipelines)?.custom);
    if (custom !== undefined) names.push(...Object.keys(custom));
  }
  return names;
}

function formOf(path: string, selector: FormField): DispatchForm {
  return { path, dispatchable: true, fields: [selector, COMMIT, VARIABLES, SECURED] };
}

/** The form for a definition file: the custom pipelines as a choice next to the branch pipeline. */
export function runPipelineForm(yamlText: string, path: string): DispatchForm {
  const custom = customPipelines(yamlText, path);
  return formOf(path, { name: 'pipeline', kind: 'choice', required: true, options: [BRANCH_PIPELINE, ...custom], default: BRANCH_PIPELINE, description: 'Which pipeline to run', target: 'input' });
}

/** Without the file at the ref (not readable): the custom pipeline typed by name. */
export function runPipelineFormWithoutFile(path: string): DispatchForm {
  return formOf(path, { name: 'pipeline', kind: 'string', required: false, description: 'Custom pipeline name (empty: the branch pipeline)', target: 'input' });
}

export interface PipelineVariable {
  readonly type: 'pipeline_variable';
  readonly key: string;
  readonly value: string;
  readonly secured?: boolean;
}

/** "A=1\nB=x=y; C=3" -> [A=1, B=x=y, C=3]; entries without a key before "=" are dropped. */
export function parseVariables(text: FieldValue | undefined, secured: boolean): PipelineVariable[] {
  const out: PipelineVariable[] = [];
  for (const entry of String(text ?? '').split(/[\n;]/)) {
    const eq = entry.indexOf('=');
    const key = eq > 0 ? entry.slice(0, eq).trim() : '';
    if (key !== '') out.push({ type: 'pipeline_variable', key, value: entry.slice(eq + 1).trim(), ...(secured ? { secured: true } : {}) });
  }
  return out;
}

/** The body of POST …/pipelines: a branch target, optionally pinned to a commit and a custom selector. */
export function runPipelineBody(branch: string, inputs: FormValues, variables: Readonly<Record<string, string>> = {}): Record<string, unknown> {
  const selector = String(inputs.pipeline ?? '').trim();
  const commit = String(inputs.commit ?? '').trim();
  const vars = [
    ...parseVariables(inputs.variables, false),
    ...Object.entries(variables).map(([key, value]): PipelineVariable => ({ type: 'pipeline_variable', key, value })),
    ...parseVariables(inputs.secured_variables, true),
  ];
  return {
    type: 'pipeline',
    target: {
      type: 'pipeline_ref_target',
      ref_type: 'branch',
      ref_name: branch,
      ...(commit !== '' ? { commit: { type: 'commit', hash: commit } } : {}),
      ...(selector !== '' && selector !== BRANCH_PIPELINE ? { selector: { type: 'custom', pattern: selector } } : {}),
    },
    ...(vars.length > 0 ? { variables: vars } : {}),
  };
}
