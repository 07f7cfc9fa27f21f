/**
 * JSON at the boundary. `parseJson` turns the bytes of a 2xx answer into `unknown` or throws
 * UnexpectedResponseError saying what came back (an HTML page, cut-off or invalid JSON, an
 * empty answer): never a silent empty list. The guards narrow `unknown` in provider mappings:
 * `require*` throw for the top-level shape a provider relies on, the lenient readers (`str`,
 * `num`, `asArray`, …) read a missing or mistyped field as undefined / empty.
 */
import { UnexpectedResponseError } from './errors';

export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): JsonRecord {
  return isRecord(value) ? value : {};
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? (value as readonly unknown[]) : [];
}

function shapeOf(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** `value` as a list, or UnexpectedResponseError naming `what` and what came instead. */
export function requireArray(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) {
    throw new UnexpectedResponseError(`Unexpected answer for ${what}: expected a JSON list, got ${shapeOf(value)}`);
  }
  return value as readonly unknown[];
}

/** `value` as an object, or UnexpectedResponseError naming `what` and what came instead. */
/** A JSON object; with `required`, one that has each of those keys (not null): the fields that make it what was asked for. */
export function requireRecord(value: unknown, what: string, required: readonly string[] = []): JsonRecord {
  if (!isRecord(value)) {
    throw new UnexpectedResponseError(`Unexpected answer for ${what}: expected a JSON object, got ${shapeOf(value)}`);
  }
  const missing = required.filter((key) => value[key] === undefined || value[key] === null);
  if (missing.length > 0) {
    throw new UnexpectedResponseError(`Unexpected answer for ${what}: the JSON object has no ${missing.join(', ')}`);
  }
  return value;
}

export function str(obj: JsonRecord, key: string): string | undefined {
  const value = obj[key];
  return typeof value === 'string' ? value : undefined;
}

export function num(obj: JsonRecord, key: string): number | undefined {
  const value = obj[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function bool(obj: JsonRecord, key: string): boolean | undefined {
  const value = obj[key];
  return typeof value === 'boolean' ? value : undefined;
}

/** A numeric or string id as a string ("" when absent). */
export function idOf(obj: JsonRecord, key = 'id'): string {
  const value = obj[key];
  return typeof value === 'number' || typeof value === 'string' ? String(value) : '';
}

/** The nested object under `key` ({} when absent). */
export function child(obj: JsonRecord, key: string): JsonRecord {
  return asRecord(obj[key]);
}

function looksLikeHtml(text: string, contentType: string): boolean {
  return contentType.includes('html') || /^\s*<(?:!doctype\s+html|html|head|body)[\s>]/i.test(text);
}

function htmlTitle(text: string): string | undefined {
  const title = /<title[^>]*>([^<]{1,200})<\/title>/i.exec(text)?.[1]?.replace(/\s+/g, ' ').trim();
  return title ? title.slice(0, 80) : undefined;
}

/** An HTML page where something else was asked for (a proxy's, a captive portal's or a sign-in page): UnexpectedResponseError. */
export function rejectHtml(text: string, contentType: string, what: string, instead = 'JSON'): void {
  if (looksLikeHtml(text, contentType.toLowerCase())) {
    const title = htmlTitle(text);
    throw new UnexpectedResponseError(
      `${what}: the server answered with an HTML page, not ${instead}${title ? ` ("${title}")` : ''}: a proxy or sign-in page?`,
    );
  }
}

/**
 * The JSON value of a successful answer. `what` names the request in the error, e.g.
 * "GitLab pipelines of group/app". Throws UnexpectedResponseError for HTML, empty or invalid JSON.
 */
export function parseJson(bytes: Uint8Array, contentType: string, what: string): unknown {
  return parseJsonText(new TextDecoder().decode(bytes), contentType, what);
}

/** parseJson for text already decoded; `parse` may keep big integers (parseJsonKeepingBigInts). */
export function parseJsonText(text: string, contentType: string, what: string, parse: (text: string) => unknown = JSON.parse): unknown {
  rejectHtml(text, contentType, what);
  if (text.trim() === '') {
    throw new UnexpectedResponseError(`${what}: the server answered with an empty body, not JSON`);
  }
  try {
    return parse(text);
  } catch {
    throw new UnexpectedResponseError(`${what}: the answer is not valid JSON (${Buffer.byteLength(text, 'utf8')} bytes; cut off or not JSON?)`);
  }
}

/** Lenient reading of an error body: JSON when it parses, else trimmed text, else undefined. */
export function parseErrorBody(bytes: Uint8Array): unknown {
  const text = new TextDecoder().decode(bytes).trim();
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return looksLikeHtml(text, '') ? undefined : text.slice(0, 500);
  }
}
