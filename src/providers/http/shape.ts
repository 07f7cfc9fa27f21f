/**
 * Answers checked at the boundary against a small schema: the fields a provider reads, with the
 * types its API description gives them. `requireShape` throws a ShapeError for an answer that is
 * wholly wrong ("the server's answer was not the expected shape: …"); `wellShaped` keeps the good
 * items of a list and drops the malformed ones, reporting them in one log line with the count.
 */
import type { Logger } from '../../core/ports';
import { UnexpectedResponseError } from './errors';
import { isRecord, type JsonRecord } from './json';

/** `id`: an integer (a bigint beyond 2^53) or a non-empty string; `integer`: a finite whole number. */
export type FieldType = 'string' | 'id' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

export interface FieldSpec {
  readonly type: FieldType;
  /** null is allowed (the description says `nullable` or `type: [x, "null"]`). */
  readonly nullable?: boolean;
  /** The field may be absent (the description does not list it as required). */
  readonly optional?: boolean;
  /** For objects: the nested fields. */
  readonly fields?: ShapeSpec;
}

export type ShapeSpec = Readonly<Record<string, FieldType | FieldSpec>>;

/** A JSON answer that is not of the shape asked for. */
export class ShapeError extends UnexpectedResponseError {}

function typeOk(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'id':
      return (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint' || (typeof value === 'string' && value !== '');
    case 'integer':
      return (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return isRecord(value);
    case 'array':
      return Array.isArray(value);
  }
}

function described(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  return Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** What is wrong with `value` against `spec` ("id: missing", "status: a number, expected string"); [] when nothing. */
export function shapeProblems(value: unknown, spec: ShapeSpec, prefix = ''): string[] {
  if (!isRecord(value)) {
    return [`${prefix || 'the answer'}: ${described(value)}, expected an object`];
  }
  const problems: string[] = [];
  for (const [key, given] of Object.entries(spec)) {
    const field: FieldSpec = typeof given === 'string' ? { type: given } : given;
    const at = `${prefix}${key}`;
    const present = value[key];
    if (present === undefined) {
      if (!field.optional) {
        problems.push(`${at}: missing`);
      }
    } else if (present === null) {
      if (!field.nullable) {
        problems.push(`${at}: null, expected ${field.type}`);
      }
    } else if (!typeOk(present, field.type)) {
      problems.push(`${at}: ${described(present)}, expected ${field.type}`);
    } else if (field.fields !== undefined) {
      problems.push(...shapeProblems(present, field.fields, `${at}.`));
    }
  }
  return problems;
}

function summary(problems: readonly string[]): string {
  const shown = problems.slice(0, 3).join('; ');
  return problems.length > 3 ? `${shown}; and ${problems.length - 3} more` : shown;
}

/** `value` when it has the shape, else ShapeError naming `what` and the first problems. */
export function requireShape<T>(value: unknown, spec: ShapeSpec, what: string): T & JsonRecord {
  const problems = shapeProblems(value, spec);
  if (problems.length > 0) {
    throw new ShapeError(`${what}: the server's answer was not the expected shape: ${summary(problems)}`);
  }
  return value as T & JsonRecord;
}

/**
 * The items of a list that have the shape; the others are dropped and reported in one log line
 * (with the count and the first problem). A value that is no list is a ShapeError.
 */
export function wellShaped<T>(items: unknown, spec: ShapeSpec, what: string, logger: Logger): T[] {
  if (!Array.isArray(items)) {
    throw new ShapeError(`${what}: the server's answer was not the expected shape: ${described(items)}, expected a list`);
  }
  const kept: T[] = [];
  let dropped = 0;
  let first: string | undefined;
  for (const item of items as readonly unknown[]) {
    const problems = shapeProblems(item, spec);
    if (problems.length === 0) {
      kept.push(item as T);
    } else {
      dropped++;
      first ??= summary(problems);
    }
  }
  if (dropped > 0) {
    logger.warn(`${what}: dropped ${dropped} of ${items.length} malformed item${items.length === 1 ? '' : 's'} (${first ?? ''})`);
  }
  return kept;
}
