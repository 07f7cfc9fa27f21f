/**
 * Error and warning lines beyond the workflow commands: the run's provider's own shapes (sent
 * by the host from its descriptor, already validated) plus the compiler and test-runner
 * failures every CI system prints, so "Jump to first error" lands on the cause (a failed
 * assertion, a type error) above the runner's summary (`ERROR: Job failed: exit code 1`).
 * Matched against the shown text of a line; only its first MARKER_SCAN_CHARS characters are
 * tested, so marking stays linear whatever the line length. Pure: no DOM.
 */
import type { LogMarkerView } from '../shared/protocol';
import { LineKind } from './logLine';

/** Characters of a line the markers look at (the shapes below start a line or sit near its start). */
export const MARKER_SCAN_CHARS = 2000;

/** Shapes common to every CI system's logs. */
export const COMMON_LOG_MARKERS: readonly LogMarkerView[] = [
  // TypeScript, C#, MSBuild: `src/a.ts(3,5): error TS2345: …`, `src/a.ts:3:5 - error TS2345: …`, `error CS0246: …`, `error MSB3073: …`.
  { level: 'error', pattern: String.raw`\berror [A-Z]{2,}\d+:` },
  // gcc, clang, rustc, go vet, git and most compilers: `a.c:1:2: error: …`, `error[E0308]: …`, `error: could not compile`.
  { level: 'error', pattern: String.raw`(?:^|[\s:])(?:fatal )?error(?:\[[A-Z]?\d+\])?: ` },
  { level: 'error', pattern: String.raw`^fatal: ` },
  // npm 6-9 (`npm ERR! code 1`) and npm 10 (`npm error code 1`).
  { level: 'error', pattern: String.raw`^npm (?:ERR!|error) ` },
  { level: 'error', pattern: String.raw`^Traceback \(most recent call last\):` },
  // Python, Node's assert, chai: `AssertionError: expected 1 to equal 2`, `AssertionError [ERR_ASSERTION]: …`.
  { level: 'error', pattern: String.raw`\bAssertionError\b` },
  // Node and JavaScript actions: `Error: Cannot find module 'x'`, `TypeError: x is not a function`.
  { level: 'error', pattern: String.raw`^\s*(?:[A-Z][A-Za-z]*)?Error: ` },
  // pytest (`FAILED tests/test_a.py::test_b - assert 1 == 2`), CTest, Gradle (`BUILD FAILED`).
  { level: 'error', pattern: String.raw`\bFAILED\b` },
  // go test (`--- FAIL: TestA (0.00s)`, `FAIL\tpkg 0.01s`), Jest (`FAIL src/a.test.ts`).
  { level: 'error', pattern: String.raw`^\s*(?:--- )?FAIL(?::|\s|$)` },
  // dotnet test: `  Failed Billing.Tests.Rounds [25 ms]`.
  { level: 'error', pattern: String.raw`^\s+Failed \S+ \[` },
  // Maven.
  { level: 'error', pattern: String.raw`^\[ERROR\] ` },
  { level: 'warning', pattern: String.raw`(?:^|[\s:])warning(?:\[[A-Za-z]?\d+\])?: ` },
  { level: 'warning', pattern: String.raw`\bwarning [A-Z]{2,}\d+:` },
  { level: 'warning', pattern: String.raw`^npm (?:WARN|warn) ` },
  { level: 'warning', pattern: String.raw`^\[WARNING\] ` },
];

export interface LineMarkers {
  readonly error: RegExp | undefined;
  readonly warning: RegExp | undefined;
}

export const NO_MARKERS: LineMarkers = { error: undefined, warning: undefined };

function combined(markers: readonly LogMarkerView[], level: LogMarkerView['level']): RegExp | undefined {
  const sources = markers.filter((marker) => marker.level === level).map((marker) => `(?:${marker.pattern})`);
  return sources.length === 0 ? undefined : new RegExp(sources.join('|'));
}

/** One expression per level: the provider's markers and the common ones. */
export function compileMarkers(provider: readonly LogMarkerView[], common: readonly LogMarkerView[] = COMMON_LOG_MARKERS): LineMarkers {
  const all = [...provider, ...common];
  return { error: combined(all, 'error'), warning: combined(all, 'warning') };
}

/** The kind of a plain line by the markers: error, warning, or normal. */
export function markedKind(text: string, markers: LineMarkers): LineKind {
  const head = text.length > MARKER_SCAN_CHARS ? text.slice(0, MARKER_SCAN_CHARS) : text;
  if (markers.error?.test(head) === true) return LineKind.error;
  if (markers.warning?.test(head) === true) return LineKind.warning;
  return LineKind.normal;
}
