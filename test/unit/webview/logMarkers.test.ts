import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROVIDERS } from '../../../src/providers';
import type { ProviderKind } from '../../../src/core/model';
import { logMarkersOf, LIMITS } from '../../../src/shared/validate';
import { toLogMarkerViews } from '../../../src/webview/mapping';
import { LineKind } from '../../../src/webview-ui/logLine';
import { compileMarkers, markedKind, MARKER_SCAN_CHARS } from '../../../src/webview-ui/logMarkers';
import { LogModel } from '../../../src/webview-ui/logModel';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/logs');

/** The markers the run panel uses for a provider: its descriptor's, through the protocol and its validation, plus the common ones. */
function markersOf(kind: ProviderKind | undefined) {
  const descriptor = PROVIDERS.find((d) => d.kind === kind);
  return compileMarkers(logMarkersOf(JSON.parse(JSON.stringify(toLogMarkerViews(descriptor?.logMarkers)))));
}

function parse(file: string, kind: ProviderKind | undefined): LogModel {
  const model = new LogModel(markersOf(kind));
  model.append(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
  model.finish();
  return model;
}

const texts = (model: LogModel, lines: readonly number[]): string[] => lines.map((line) => model.text(line).trim());

describe('log markers: per-provider and common error and warning lines', () => {
  it('marks a failed GitLab job: the compiler and test errors before the runner summary, and its warnings', () => {
    const model = parse('gitlab-failed-job.log', 'gitlab');
    assert.deepEqual(texts(model, model.errors), [
      "src/invoice/total.ts(27,14): error TS2345: Argument of type 'string' is not assignable to parameter of type 'number'.",
      "src/pdf.ts(12,7): error TS6133: 'unused' is declared but its value is never read.",
      'AssertionError [ERR_ASSERTION]: expected 10.01 to equal 10.02',
      'npm error code 1',
      'npm error path /builds/flowforge-demo/platform/billing',
      'ERROR: Job failed: exit code 1',
    ]);
    assert.deepEqual(texts(model, model.warnings), ['WARNING: Failed to pull image with policy "always": no basic auth credentials', 'npm warn deprecated inflight@1.0.6: This module is not supported, and leaks memory.']);
    assert.equal(model.kind(model.errors[0] ?? -1), LineKind.error);
  });

  it("is per provider: GitLab's runner lines are not errors for another provider, the common shapes are", () => {
    const model = parse('gitlab-failed-job.log', 'github');
    const errors = texts(model, model.errors);
    assert.equal(errors.includes('ERROR: Job failed: exit code 1'), false);
    assert.equal(errors[0]?.includes('error TS2345'), true);
    assert.equal(texts(model, model.warnings).some((t) => t.startsWith('WARNING:')), false);
  });

  it('marks a Jenkins console: the traceback first, then pytest, [Pipeline] error, ERROR: and Finished: FAILURE', () => {
    const model = parse('jenkins-console.log', 'jenkins');
    assert.deepEqual(texts(model, model.errors), [
      'Traceback (most recent call last):',
      'AssertionError',
      'FAILED tests/test_total.py::test_round_half_up - AssertionError',
      '[Pipeline] error',
      'ERROR: script returned exit code 1',
      'Finished: FAILURE',
    ]);
    assert.deepEqual(texts(model, model.warnings), ["WARNING: Unknown parameter(s) found for class type 'hudson.plugins.junit.JUnitResultArchiver': healthScaleFactor"]);
  });

  it("marks a Buildkite job: rustc's error before the agent's 🚨 Error line", () => {
    const model = parse('buildkite-failed-job.log', 'buildkite');
    assert.deepEqual(texts(model, model.errors), ['error[E0308]: mismatched types', 'error: could not compile `billing` (lib) due to 1 previous error', '🚨 Error: The command exited with status 101']);
    assert.deepEqual(texts(model, model.warnings), ['warning: unused variable: `x`']);
  });

  it('leaves ordinary lines that mention errors alone', () => {
    const markers = markersOf('gitlab');
    for (const line of ['0 errors, 0 warnings', 'error handling: retried 3 times', 'PASS tests/unit/a.test.ts', 'Errors: none', '$ echo done', 'Tests: 12 passed, 12 total', '  ✔ rounds half-cents up']) {
      assert.equal(markedKind(line, markers), LineKind.normal, line);
    }
  });

  it('looks only at the head of a very long line', () => {
    const markers = markersOf(undefined);
    assert.equal(markedKind('x'.repeat(MARKER_SCAN_CHARS) + ' AssertionError', markers), LineKind.normal);
    assert.equal(markedKind('AssertionError ' + 'x'.repeat(1_000_000), markers), LineKind.error);
  });

  it('sends each descriptor marker as a plain, flagless source that passes validation', () => {
    for (const descriptor of PROVIDERS) {
      assert.ok(descriptor.logMarkers !== undefined, `${descriptor.kind} declares its log markers`);
      for (const marker of descriptor.logMarkers) assert.equal(marker.pattern.flags, '', `${descriptor.kind} ${marker.pattern.source}`);
      const views = toLogMarkerViews(descriptor.logMarkers);
      assert.deepEqual(logMarkersOf(JSON.parse(JSON.stringify(views))), views);
    }
  });

  it('drops malformed markers from the host and keeps the good ones', () => {
    assert.deepEqual(logMarkersOf(undefined), []);
    assert.deepEqual(logMarkersOf('^ERROR'), []);
    const good = { level: 'error', pattern: '^ERROR: ' };
    assert.deepEqual(
      logMarkersOf([good, { level: 'fatal', pattern: 'x' }, { level: 'error', pattern: '(' }, { level: 'warning', pattern: '' }, { level: 'warning', pattern: 'x'.repeat(LIMITS.markerPattern + 1) }, { level: 'error' }, null, 'x']),
      [good],
    );
    assert.equal(logMarkersOf(Array.from({ length: 500 }, () => good)).length, LIMITS.markers);
  });
});
