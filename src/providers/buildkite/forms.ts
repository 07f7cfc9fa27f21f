/**
 * Forms: "Run Workflow…" for a Buildkite pipeline (message, commit, env, meta-data, clean checkout
 * on the chosen branch) and the fields of a block/input step, both as core DispatchForms. Pure.
 */
import type { DispatchForm, FormField, FormValues } from '../../core/ci/dispatchForm';
import { parsePairs } from '../keyValuePairs';
import { asMap, parseYamlDocuments } from '../yamlDoc';

export const CREATE_BUILD_FIELDS: readonly FormField[] = [
  { name: 'message', kind: 'string', required: false, description: 'Build message (the commit message when empty)', target: 'input' },
  { name: 'commit', kind: 'string', required: true, default: 'HEAD', description: 'Commit, ref or tag to build', target: 'input' },
  { name: 'env', kind: 'string', required: false, description: 'Environment variables: KEY=value, separated by commas or new lines', target: 'input' },
  { name: 'meta_data', kind: 'string', required: false, description: 'Build meta-data: key=value, separated by commas or new lines', target: 'input' },
  { name: 'clean_checkout', kind: 'boolean', required: false, default: false, description: 'Remove the build directory and check out afresh', target: 'input' },
];

/** Every Buildkite pipeline can be started through the API; the form does not depend on its steps. */
export function createBuildForm(path: string): DispatchForm {
  return { path, dispatchable: true, fields: CREATE_BUILD_FIELDS };
}

/** The body of POST …/builds from the form's values. */
export function createBuildBody(branch: string, inputs: FormValues, variables: Readonly<Record<string, string>> = {}): Record<string, unknown> {
  const message = String(inputs.message ?? '').trim();
  const commit = String(inputs.commit ?? '').trim() || 'HEAD';
  const env = { ...parsePairs(inputs.env), ...variables };
  const metaData = parsePairs(inputs.meta_data);
  return {
    branch,
    commit,
    ...(message !== '' ? { message } : {}),
    ...(Object.keys(env).length > 0 ? { env } : {}),
    ...(Object.keys(metaData).length > 0 ? { meta_data: metaData } : {}),
    ...(inputs.clean_checkout === true ? { clean_checkout: true } : {}),
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** One field of a block/input step (`text` or `select`) as a form field; undefined when malformed. */
export function blockField(raw: unknown): FormField | undefined {
  const field = asMap(raw);
  const key = text(field?.key);
  if (field === undefined || key === undefined) return undefined;
  const required = field.required !== false;
  const hint = text(field.hint);
  if (text(field.select) !== undefined || Array.isArray(field.options)) {
    const options = (Array.isArray(field.options) ? field.options : []).map((o) => text(asMap(o)?.value) ?? text(o)).filter((o): o is string => o !== undefined);
    const label = text(field.select) ?? key;
    const fallback = Array.isArray(field.default) ? field.default.filter((d): d is string => typeof d === 'string').join(',') : text(field.default);
    if (field.multiple === true) {
      // Several values: typed as one comma-separated string (the form has no multi-select).
      return { name: key, kind: 'string', required, description: `${label} (one or more of: ${options.join(', ')}; comma-separated)${hint ? ` — ${hint}` : ''}`, ...(fallback !== undefined ? { default: fallback } : {}), target: 'input' };
    }
    return { name: key, kind: 'choice', required, options, description: hint ? `${label} — ${hint}` : label, ...(fallback !== undefined && options.includes(fallback) ? { default: fallback } : {}), target: 'input' };
  }
  const label = text(field.text) ?? key;
  const fallback = text(field.default);
  return { name: key, kind: 'string', required, description: hint ? `${label} — ${hint}` : label, ...(fallback !== undefined ? { default: fallback } : {}), target: 'input' };
}

function stepsOf(document: unknown): readonly unknown[] {
  if (Array.isArray(document)) return document;
  const steps = asMap(document)?.steps;
  return Array.isArray(steps) ? steps : [];
}

function* allSteps(steps: readonly unknown[]): Generator<Record<string, unknown>> {
  for (const raw of steps) {
    const step = asMap(raw);
    if (step === undefined) continue;
    yield step;
    if (Array.isArray(step.steps)) yield* allSteps(step.steps);
  }
}

/**
 * The form of the block or input step with this key (or label) in a pipeline's YAML steps; undefined
 * when the YAML has no such step (steps uploaded at run time are not in the pipeline settings).
 */
export function blockStepForm(yamlText: string, path: string, stepKey: string | undefined, label: string | undefined): DispatchForm | undefined {
  for (const document of parseYamlDocuments(yamlText, path)) {
    for (const step of allSteps(stepsOf(document))) {
      const name = text(step.block) ?? text(step.input);
      if (name === undefined) continue;
      const key = text(step.key) ?? text(step.identifier) ?? text(step.id);
      if ((stepKey !== undefined && key === stepKey) || (label !== undefined && name === label)) {
        const fields = (Array.isArray(step.fields) ? step.fields : []).map(blockField).filter((f): f is FormField => f !== undefined);
        return { path, dispatchable: true, fields };
      }
    }
  }
  return undefined;
}
