/**
 * Reads a .gitlab-ci.yml into the form of "Run Pipeline…": `spec:inputs` of the header
 * document (when the file has one) and the top-level `variables` that have a description (with value/options).
 * vscode-free.
 */
import { ConfigError } from '../../core/errors';
import type { DispatchForm, FieldKind, FieldValue, FormField } from '../../core/ci/dispatchForm';
import { asMap, asText, asTextList, parseYamlDocuments } from '../yamlDoc';

function inputField(name: string, raw: unknown): FormField {
  const spec = asMap(raw) ?? {};
  const options = asTextList(spec.options);
  const type = asText(spec.type) ?? 'string';
  const kind: FieldKind = options !== undefined && options.length > 0 ? 'choice' : type === 'boolean' ? 'boolean' : type === 'number' ? 'number' : 'string';
  const rawDefault = spec.default;
  let fallback: FieldValue | undefined;
  if (kind === 'boolean' && rawDefault !== undefined) {
    fallback = rawDefault === true || rawDefault === 'true';
  } else if (kind === 'number' && rawDefault !== undefined && Number.isFinite(Number(rawDefault))) {
    fallback = Number(rawDefault);
  } else {
    fallback = asText(rawDefault);
  }
  // A spec input without a default must be given.
  return { name, kind, description: asText(spec.description), required: !('default' in spec), default: fallback, options, target: 'input' };
}

/** Only variables with a `description` are offered in a manual pipeline's form (as GitLab does). */
function variableField(name: string, raw: unknown): FormField | undefined {
  const spec = asMap(raw);
  if (!spec || asText(spec.description) === undefined) {
    return undefined;
  }
  const options = asTextList(spec.options);
  return {
    name,
    kind: options !== undefined && options.length > 0 ? 'choice' : 'string',
    description: asText(spec.description),
    required: false,
    default: asText(spec.value) ?? '',
    options,
    target: 'variable',
  };
}

/** True for the header of a file with `spec:` (documents separated by ---). */
function isHeader(document: unknown, count: number): boolean {
  const map = asMap(document);
  return count > 1 && map !== undefined && 'spec' in map && Object.keys(map).length === 1;
}

export function gitlabPipelineForm(text: string, path: string): DispatchForm {
  const documents = parseYamlDocuments(text, path);
  const header = isHeader(documents[0], documents.length) ? asMap(documents[0]) : undefined;
  const config = header ? documents[1] : documents[0];
  if (config !== undefined && config !== null && !asMap(config)) {
    throw new ConfigError(`${path} is not a GitLab CI configuration: expected a mapping of jobs and keywords`);
  }
  const inputs = asMap(asMap(header?.spec)?.inputs) ?? {};
  const variables = asMap(asMap(config)?.variables) ?? {};
  return {
    path,
    dispatchable: true,
    fields: [...Object.entries(inputs).map(([name, raw]) => inputField(name, raw)), ...Object.entries(variables).flatMap(([name, raw]) => variableField(name, raw) ?? [])],
  };
}
