/** Reads the workflow_dispatch inputs of a GitHub Actions workflow file into a form. vscode-free. */
import { ConfigError } from '../../core/errors';
import type { DispatchForm, FieldKind, FieldValue, FormField } from '../../core/ci/dispatchForm';
import { asMap, asText, asTextList, parseYamlDocuments, type YamlMap } from '../yamlDoc';

const KINDS: readonly FieldKind[] = ['string', 'choice', 'boolean', 'number', 'environment'];

/** The `on:` block; YAML 1.1 readers turn the key into `true`, so accept both. */
function triggersOf(workflow: YamlMap): unknown {
  return workflow.on ?? workflow.true;
}

/** The workflow_dispatch trigger: undefined when absent, {} when present without inputs. */
function dispatchTrigger(on: unknown): YamlMap | undefined {
  if (on === 'workflow_dispatch') {
    return {};
  }
  if (Array.isArray(on)) {
    return on.includes('workflow_dispatch') ? {} : undefined;
  }
  const map = asMap(on);
  if (!map || !('workflow_dispatch' in map)) {
    return undefined;
  }
  return asMap(map.workflow_dispatch) ?? {};
}

function defaultOf(kind: FieldKind, raw: unknown): FieldValue | undefined {
  if (raw === undefined || raw === null) {
    return undefined;
  }
  if (kind === 'boolean') {
    return raw === true || raw === 'true';
  }
  if (kind === 'number') {
    const value = Number(raw);
    return Number.isFinite(value) ? value : undefined;
  }
  return asText(raw);
}

function fieldOf(name: string, raw: unknown): FormField {
  const spec = asMap(raw) ?? {};
  const type = asText(spec.type) ?? 'string';
  const kind = KINDS.find((candidate) => candidate === type) ?? 'string';
  const options = kind === 'choice' ? asTextList(spec.options) ?? [] : undefined;
  const field: FormField = {
    name,
    kind,
    description: asText(spec.description),
    required: spec.required === true || spec.required === 'true',
    default: defaultOf(kind, spec.default),
    options,
    target: 'input',
  };
  return field;
}

/** Parses a workflow file; throws ConfigError naming `path` when it is not valid YAML or not a workflow. */
export function githubDispatchForm(text: string, path: string): DispatchForm {
  const [first] = parseYamlDocuments(text, path);
  const workflow = asMap(first);
  if (!workflow) {
    throw new ConfigError(`${path} is not a workflow: expected a mapping with "on:" and "jobs:"`);
  }
  const trigger = dispatchTrigger(triggersOf(workflow));
  if (!trigger) {
    return { path, dispatchable: false, fields: [] };
  }
  const inputs = asMap(trigger.inputs) ?? {};
  return { path, dispatchable: true, fields: Object.entries(inputs).map(([name, raw]) => fieldOf(name, raw)) };
}
