/**
 * "Run Workflow…" for an Azure pipeline: the runtime parameters of its YAML (`parameters:` with
 * their type, default and allowed `values`) as typed fields, plus queue-time variables as KEY=value
 * pairs; and the body of POST _apis/pipelines/{id}/runs from the values entered. Pure.
 */
import type { DispatchForm, FormField, FormValues } from '../../core/ci/dispatchForm';
import { parsePairs } from '../keyValuePairs';
import { asMap, asText, asTextList, parseYamlDocuments } from '../yamlDoc';
import { refOfBranch } from './urls';

/** The free-form variables field; runtime parameters keep their own names. */
export const VARIABLES_FIELD = 'variables';

const VARIABLES: FormField = { name: VARIABLES_FIELD, kind: 'string', required: false, description: 'Variables: KEY=value, separated by commas or new lines (they must be settable at queue time)', target: 'input' };

/** One runtime parameter as a field; undefined for the types a form cannot enter (object, step, stage lists...). */
export function parameterField(raw: unknown): FormField | undefined {
  const p = asMap(raw);
  const name = asText(p?.name);
  if (p === undefined || name === undefined || name === VARIABLES_FIELD) return undefined;
  const type = (asText(p.type) ?? 'string').toLowerCase();
  const label = asText(p.displayName);
  const description = label !== undefined && label !== name ? label : undefined;
  const values = asTextList(p.values);
  const base = { name, required: p.default === undefined, target: 'input' as const, ...(description !== undefined ? { description } : {}) };
  if (type === 'boolean') {
    return { ...base, kind: 'boolean', ...(typeof p.default === 'boolean' ? { default: p.default } : { default: asText(p.default) === 'true' }) };
  }
  if (type !== 'string' && type !== 'number') return undefined;
  if (values !== undefined && values.length > 0) {
    const fallback = asText(p.default);
    return { ...base, kind: 'choice', options: values, ...(fallback !== undefined && values.includes(fallback) ? { default: fallback } : {}) };
  }
  if (type === 'number') {
    const fallback = typeof p.default === 'number' ? p.default : Number(asText(p.default) ?? NaN);
    return { ...base, kind: 'number', ...(Number.isFinite(fallback) ? { default: fallback } : {}) };
  }
  const fallback = asText(p.default);
  return { ...base, kind: 'string', ...(fallback !== undefined ? { default: fallback } : {}) };
}

/** The form of a pipeline YAML file: its runtime parameters, then the variables field. */
export function parseRunForm(text: string, path: string): DispatchForm {
  const fields: FormField[] = [];
  for (const document of parseYamlDocuments(text, path)) {
    const parameters = asMap(document)?.parameters;
    for (const raw of Array.isArray(parameters) ? parameters : []) {
      const field = parameterField(raw);
      if (field !== undefined) fields.push(field);
    }
  }
  return { path, dispatchable: true, fields: [...fields, VARIABLES] };
}

/** Without the YAML (a classic pipeline, or none at the ref): only variables. */
export function variablesOnlyForm(path: string): DispatchForm {
  return { path, dispatchable: true, fields: [VARIABLES] };
}

/** The body of POST …/pipelines/{id}/runs: the branch, template parameters (as strings) and variables. */
export function runPipelineBody(branch: string, inputs: FormValues, variables: Readonly<Record<string, string>> = {}): Record<string, unknown> {
  const templateParameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(inputs)) {
    if (name !== VARIABLES_FIELD) templateParameters[name] = String(value);
  }
  const vars = { ...parsePairs(inputs[VARIABLES_FIELD]), ...variables };
  return {
    resources: { repositories: { self: { refName: refOfBranch(branch) } } },
    ...(Object.keys(templateParameters).length > 0 ? { templateParameters } : {}),
    ...(Object.keys(vars).length > 0 ? { variables: Object.fromEntries(Object.entries(vars).map(([key, value]) => [key, { value }])) } : {}),
  };
}
