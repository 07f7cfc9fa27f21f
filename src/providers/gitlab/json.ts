/**
 * Narrowing helpers for GitLab JSON bodies (parsed as `unknown`).
 * Lenient by design: a missing or mistyped field reads as undefined.
 */
export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? (value as readonly unknown[]) : [];
}

export function str(obj: JsonObject, key: string): string | undefined {
  const value = obj[key];
  return typeof value === 'string' ? value : undefined;
}

export function num(obj: JsonObject, key: string): number | undefined {
  const value = obj[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function bool(obj: JsonObject, key: string): boolean | undefined {
  const value = obj[key];
  return typeof value === 'boolean' ? value : undefined;
}

/** A numeric or string id as a string ("" when absent). */
export function idOf(obj: JsonObject, key = 'id'): string {
  const value = obj[key];
  if (typeof value === 'number' || typeof value === 'string') {
    return String(value);
  }
  return '';
}

export function child(obj: JsonObject, key: string): JsonObject {
  return asObject(obj[key]);
}
