/**
 * Validation of messages coming from the webview. The webview renders hostile text
 * (logs, check summaries), so the host treats every message as untrusted input:
 * each field is checked for type, size and shape, and anything unexpected is dropped.
 */
import { ARTIFACT_ACTIONS, RUN_ACTIONS, SUMMARY_FORMATS, type LogMarkerView, type RunAction, type SummaryFormat, type WebviewMessage } from './protocol';

export const LIMITS = {
  jobId: 200,
  url: 2048,
  path: 1024,
  line: 10_000_000,
  copy: 16 * 1024 * 1024,
  markers: 64,
  markerPattern: 300,
  artifactId: 1024,
} as const;

// Job ids as providers make them: no path separators; Jenkins' "feature%2Fx#4@13" (branch job, build, stage).
const JOB_ID = /^[A-Za-z0-9_.:@#%-]+$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function boundedString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

function positiveInt(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max;
}

/** True for absolute http(s) URLs without credentials. */
export function isSafeWebUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
}

function isRunAction(value: unknown): value is RunAction {
  return typeof value === 'string' && (RUN_ACTIONS as readonly string[]).includes(value);
}

/**
 * The format a check summary is rendered in (host -> webview data, checked on the webview side):
 * only an exact known value counts; anything else (missing, misspelt, not a string) is Markdown,
 * whose HTML parts go through the same allowlist sanitizer, so a wrong value never widens it.
 */
export function summaryFormatOf(value: unknown): SummaryFormat {
  return typeof value === 'string' && (SUMMARY_FORMATS as readonly string[]).includes(value) ? (value as SummaryFormat) : 'markdown';
}

/**
 * The provider's log markers (host -> webview data, checked on the webview side): at most
 * LIMITS.markers entries of a known level and a pattern that compiles; anything else is dropped,
 * so a wrong entry costs only its own marks.
 */
export function logMarkersOf(value: unknown): LogMarkerView[] {
  if (!Array.isArray(value)) return [];
  const markers: LogMarkerView[] = [];
  for (const item of value.slice(0, LIMITS.markers)) {
    if (!isRecord(item) || (item.level !== 'error' && item.level !== 'warning') || !boundedString(item.pattern, LIMITS.markerPattern)) continue;
    try {
      new RegExp(item.pattern);
    } catch {
      continue;
    }
    markers.push({ level: item.level, pattern: item.pattern });
  }
  return markers;
}

function hasControl(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(value);
}

/** A relative or absolute file path: no NUL or control characters, no URL scheme. */
function isPlainPath(value: unknown): value is string {
  // eslint-disable-next-line no-control-regex
  return boundedString(value, LIMITS.path) && !/[\u0000-\u001f\u007f]/.test(value) && !/^[A-Za-z][A-Za-z0-9+.-]+:/.test(value);
}

/** Returns the message if every field is valid, otherwise undefined. Never throws. */
export function validateWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  try {
    // Only own data properties count: nothing inherited, no getters.
    const fields: Record<string, unknown> = {};
    for (const key of ['type', 'jobId', 'url', 'path', 'line', 'column', 'command', 'text', 'action', 'artifactId']) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor !== undefined && 'value' in descriptor) {
        fields[key] = descriptor.value;
      }
    }
    return validateFields(fields);
  } catch {
    return undefined;
  }
}

function validateFields(value: Record<string, unknown>): WebviewMessage | undefined {
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'selectJob':
      return boundedString(value.jobId, LIMITS.jobId) && JOB_ID.test(value.jobId) ? { type: 'selectJob', jobId: value.jobId } : undefined;
    case 'openExternal':
      return boundedString(value.url, LIMITS.url) && isSafeWebUrl(value.url) ? { type: 'openExternal', url: value.url } : undefined;
    case 'openFile': {
      if (!isPlainPath(value.path) || !positiveInt(value.line, LIMITS.line)) {
        return undefined;
      }
      if (value.column === undefined) {
        return { type: 'openFile', path: value.path, line: value.line };
      }
      return positiveInt(value.column, LIMITS.line) ? { type: 'openFile', path: value.path, line: value.line, column: value.column } : undefined;
    }
    case 'runCommand':
      return isRunAction(value.command) ? { type: 'runCommand', command: value.command } : undefined;
    case 'copy':
      return boundedString(value.text, LIMITS.copy) ? { type: 'copy', text: value.text } : undefined;
    case 'openRawLog':
      return boundedString(value.jobId, LIMITS.jobId) && JOB_ID.test(value.jobId) ? { type: 'openRawLog', jobId: value.jobId } : undefined;
    case 'artifact':
      return typeof value.action === 'string' && (ARTIFACT_ACTIONS as readonly string[]).includes(value.action) && boundedString(value.artifactId, LIMITS.artifactId) && !hasControl(value.artifactId)
        ? { type: 'artifact', action: value.action as (typeof ARTIFACT_ACTIONS)[number], artifactId: value.artifactId }
        : undefined;
    default:
      return undefined;
  }
}
