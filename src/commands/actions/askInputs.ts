/** Asks each input of a dispatch form with the control its type calls for, prefilled with the last values. */
import * as vscode from 'vscode';
import { checkFieldText, initialValue, valueOfText, type FieldProblem } from '../../actions/formModel';
import type { DispatchForm, FieldValue, FormField, FormValues } from '../../core/ci/dispatchForm';
import type { Environment } from '../../core/ci/operations';

export interface InputContext {
  readonly workflowName: string;
  /** Repository environments, loaded on first use (undefined when the provider has none). */
  readonly environments: () => Promise<readonly Environment[] | undefined>;
}

function problemText(problem: FieldProblem): string {
  switch (problem) {
    case 'required':
      return vscode.l10n.t('This input is required');
    case 'not_a_number':
      return vscode.l10n.t('Enter a number');
    case 'not_an_option':
      return vscode.l10n.t('Choose one of the options');
  }
}

async function pickFrom(field: FormField, title: string, values: readonly string[], initial: FieldValue | undefined): Promise<string | undefined> {
  const first = initial === undefined ? undefined : String(initial);
  const ordered = first !== undefined && values.includes(first) ? [first, ...values.filter((v) => v !== first)] : [...values];
  const items = ordered.map((value) => ({ label: value, description: value === first ? vscode.l10n.t('last used or default') : undefined }));
  if (!field.required) {
    items.push({ label: '', description: vscode.l10n.t('(empty)') });
  }
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: field.description ?? field.name, ignoreFocusOut: true });
  return picked?.label;
}

async function askBoolean(title: string, field: FormField, initial: FieldValue | undefined): Promise<boolean | undefined> {
  const yes = { label: vscode.l10n.t('Yes'), value: true };
  const no = { label: vscode.l10n.t('No'), value: false };
  const picked = await vscode.window.showQuickPick(initial === false ? [no, yes] : [yes, no], { title, placeHolder: field.description ?? field.name, ignoreFocusOut: true });
  return picked?.value;
}

async function askText(title: string, field: FormField, initial: FieldValue | undefined): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt: field.description ?? field.name,
    value: initial === undefined ? '' : String(initial),
    password: field.secret === true,
    ignoreFocusOut: true,
    validateInput: (text) => {
      const problem = checkFieldText(field, text);
      return problem === undefined ? undefined : problemText(problem);
    },
  });
}

/** One field; undefined value when left empty; `cancelled` when the user pressed Escape. */
async function askField(field: FormField, title: string, initial: FieldValue | undefined, context: InputContext): Promise<{ value?: FieldValue } | 'cancelled'> {
  let text: string | undefined;
  if (field.kind === 'boolean') {
    const value = await askBoolean(title, field, initial);
    return value === undefined ? 'cancelled' : { value };
  }
  if (field.kind === 'choice' && field.options !== undefined && field.options.length > 0) {
    text = await pickFrom(field, title, field.options, initial);
  } else if (field.kind === 'environment') {
    const environments = await context.environments();
    text = environments && environments.length > 0 ? await pickFrom(field, title, environments.map((e) => e.name), initial) : await askText(title, field, initial);
  } else {
    text = await askText(title, field, initial);
  }
  return text === undefined ? 'cancelled' : { value: valueOfText(field, text) };
}

/** Walks the form; undefined when cancelled. */
export async function askInputs(form: DispatchForm, previous: FormValues | undefined, context: InputContext): Promise<FormValues | undefined> {
  const values: Record<string, FieldValue> = {};
  let index = 0;
  for (const field of form.fields) {
    index += 1;
    const required = field.required ? ' *' : '';
    const title = vscode.l10n.t('{0} ({1}/{2}): {3}{4}', context.workflowName, index, form.fields.length, field.name, required);
    const answer = await askField(field, title, initialValue(field, previous), context);
    if (answer === 'cancelled') {
      return undefined;
    }
    if (answer.value !== undefined) {
      values[field.name] = answer.value;
    }
  }
  return values;
}
