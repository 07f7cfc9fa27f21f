/**
 * "Build with Parameters": the job's parameter definitions (api/json property[parameterDefinitions])
 * as a core DispatchForm, and the form's values as the query of POST buildWithParameters. Pure.
 */
import type { DispatchForm, FormField, FormValues } from '../../core/ci/dispatchForm';
import { asArray, asRecord, bool, child, isRecord, str, type JsonRecord } from '../http';

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * One parameter definition as a form field: a job's (ParameterDefinition JSON: name, type, description,
 * choices, defaultParameterValue.value) or an input's (Pipeline Stage View InputParameterDefExt: name,
 * type, description, and its `definition` map merged in: defaultVal, choices).
 */
export function parameterField(definition: JsonRecord): FormField | undefined {
  const name = str(definition, 'name');
  if (name === undefined) return undefined;
  const type = str(definition, 'type') ?? '';
  const description = str(definition, 'description');
  const value = 'defaultVal' in definition ? definition.defaultVal : child(definition, 'defaultParameterValue').value;
  const base = { name, required: false, target: 'input' as const, ...(description ? { description } : {}) };
  if (/Boolean/.test(type)) return { ...base, kind: 'boolean', default: value === true };
  if (/Choice/.test(type)) {
    const options = asArray(definition.choices).filter((c): c is string => typeof c === 'string');
    return { ...base, kind: 'choice', options, ...(typeof value === 'string' ? { default: value } : options[0] !== undefined ? { default: options[0] } : {}) };
  }
  // String, Text and Password parameters are text; a password is typed masked, its default never shown.
  if (/Password/.test(type)) return { ...base, kind: 'string', secret: true };
  return { ...base, kind: 'string', ...(typeof value === 'string' ? { default: value } : {}) };
}

/** The definitions of a job answer (`property[parameterDefinitions[…]]`). */
export function parameterDefinitions(job: unknown): JsonRecord[] {
  return asArray(asRecord(job).property).filter(isRecord).flatMap((p) => asArray(p.parameterDefinitions).filter(isRecord));
}

/** The form of a job from its definitions as JSON text (what getPipelineDefinition returns). */
export function parametersForm(text: string, path: string): DispatchForm {
  const parsed = parseJsonText(text);
  const definitions = Array.isArray(parsed) ? parsed.filter(isRecord) : parameterDefinitions(parsed);
  const disabled = isRecord(parsed) && bool(parsed, 'buildable') === false;
  return { path, dispatchable: !disabled, fields: definitions.map(parameterField).filter((f): f is FormField => f !== undefined) };
}

/** Values as Jenkins' query parameters (booleans "true"/"false"). */
export function parameterQuery(values: FormValues): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value)]));
}
