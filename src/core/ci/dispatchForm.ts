/**
 * The input form of "Run Workflow…", as providers read it from a pipeline definition
 * (workflow_dispatch inputs, GitLab variables and spec:inputs, ...). vscode-free.
 */
export type FieldKind = 'string' | 'choice' | 'boolean' | 'number' | 'environment';

export type FieldValue = string | number | boolean;

export interface FormField {
  readonly name: string;
  readonly kind: FieldKind;
  readonly description?: string;
  readonly required: boolean;
  readonly default?: FieldValue;
  /** Allowed values of a `choice`. */
  readonly options?: readonly string[];
  /** GitLab: sent as a CI/CD variable rather than a spec input. */
  readonly target: 'input' | 'variable';
  /** A secret (Bitbucket secured variables): typed masked, never prefilled nor remembered. */
  readonly secret?: boolean;
}

export interface DispatchForm {
  /** Definition file the form was read from, for messages. */
  readonly path: string;
  /** False when the workflow cannot be started by hand (no workflow_dispatch trigger). */
  readonly dispatchable: boolean;
  readonly fields: readonly FormField[];
}

/** What the user entered, by field name. */
export type FormValues = Readonly<Record<string, FieldValue>>;

