/**
 * The input form of "Run Workflow…": fields read from a workflow's workflow_dispatch inputs
 * or from a .gitlab-ci.yml (top-level variables, spec:inputs). vscode-free.
 */
import type { DispatchForm, FieldValue, FormField, FormValues } from '../core/ci/dispatchForm';

/** Why a typed value was refused; the UI words it. */
export type FieldProblem = 'required' | 'not_a_number' | 'not_an_option';

/** Checks the text typed into a field; undefined when fine. */
export function checkFieldText(field: FormField, text: string): FieldProblem | undefined {
  const trimmed = text.trim();
  if (trimmed === '') {
    return field.required && field.default === undefined ? 'required' : undefined;
  }
  if (field.kind === 'number' && !Number.isFinite(Number(trimmed))) {
    return 'not_a_number';
  }
  if (field.kind === 'choice' && field.options !== undefined && !field.options.includes(trimmed)) {
    return 'not_an_option';
  }
  return undefined;
}

/** The value to send for the text typed into a field (empty text takes the default). */
export function valueOfText(field: FormField, text: string): FieldValue | undefined {
  const trimmed = field.kind === 'string' ? text : text.trim();
  if (trimmed.trim() === '') {
    return field.default;
  }
  switch (field.kind) {
    case 'number':
      return Number(trimmed);
    case 'boolean':
      return trimmed === 'true';
    default:
      return trimmed;
  }
}

/** The value shown first: what the user entered last time, else the default. */
export function initialValue(field: FormField, previous: FormValues | undefined): FieldValue | undefined {
  if (field.secret === true) {
    return undefined;
  }
  const last = previous?.[field.name];
  if (last === undefined) {
    return field.default;
  }
  if (field.kind === 'choice' && field.options !== undefined && !field.options.includes(String(last))) {
    return field.default;
  }
  return last;
}

/** Splits the values into provider inputs and (GitLab) variables, as strings where the API wants them. */
export function splitValues(form: DispatchForm, values: FormValues): { inputs: Record<string, FieldValue>; variables: Record<string, string> } {
  const inputs: Record<string, FieldValue> = {};
  const variables: Record<string, string> = {};
  for (const field of form.fields) {
    const value = values[field.name];
    if (value === undefined) {
      continue;
    }
    if (field.target === 'variable') {
      variables[field.name] = String(value);
    } else {
      inputs[field.name] = value;
    }
  }
  return { inputs, variables };
}

/** The values worth remembering for next time: secret fields are left out. */
export function rememberedValues(form: DispatchForm, values: FormValues): FormValues {
  const secret = new Set(form.fields.filter((field) => field.secret === true).map((field) => field.name));
  return Object.fromEntries(Object.entries(values).filter(([name]) => !secret.has(name)));
}
