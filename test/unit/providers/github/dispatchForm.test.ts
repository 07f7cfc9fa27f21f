import assert from 'node:assert/strict';
import { ConfigError } from '../../../../src/core/errors';
import { checkFieldText, initialValue, splitValues, valueOfText } from '../../../../src/actions/formModel';
import type { FormField } from '../../../../src/core/ci/dispatchForm';
import { githubDispatchForm } from '../../../../src/providers/github/dispatchForm';

const DEPLOY = `name: Deploy
on:
  push:
    branches: [main]
  workflow_dispatch:
    inputs:
      logLevel:
        description: 'Log level'
        required: true
        default: 'warning'
        type: choice
        options:
          - info
          - warning
          - debug
      dryRun:
        description: Only print what would happen
        type: boolean
        default: true
      replicas:
        type: number
        default: 3
        required: false
      target:
        description: Where to deploy
        type: environment
        required: true
      tag:
        description: Image tag
        required: true
      note:
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: echo hi
`;

describe('github dispatch form', () => {
  it('reads every input type with defaults, required flags, options and descriptions', () => {
    const form = githubDispatchForm(DEPLOY, '.github/workflows/deploy.yml');
    assert.equal(form.dispatchable, true);
    assert.deepEqual(
      form.fields.map((f) => [f.name, f.kind, f.required, f.default, f.options, f.description]),
      [
        ['logLevel', 'choice', true, 'warning', ['info', 'warning', 'debug'], 'Log level'],
        ['dryRun', 'boolean', false, true, undefined, 'Only print what would happen'],
        ['replicas', 'number', false, 3, undefined, undefined],
        ['target', 'environment', true, undefined, undefined, 'Where to deploy'],
        ['tag', 'string', true, undefined, undefined, 'Image tag'],
        ['note', 'string', false, undefined, undefined, undefined],
      ],
    );
  });

  it('accepts the short forms of on: (string, list, bare key)', () => {
    assert.equal(githubDispatchForm('on: workflow_dispatch\njobs: {}\n', 'a.yml').dispatchable, true);
    assert.equal(githubDispatchForm('on: [push, workflow_dispatch]\njobs: {}\n', 'a.yml').dispatchable, true);
    const bare = githubDispatchForm('on:\n  workflow_dispatch:\njobs: {}\n', 'a.yml');
    assert.deepEqual([bare.dispatchable, bare.fields], [true, []]);
  });

  it('reports workflows without workflow_dispatch as not dispatchable', () => {
    assert.equal(githubDispatchForm('on: [push]\njobs: {}\n', 'ci.yml').dispatchable, false);
    assert.equal(githubDispatchForm('on:\n  push:\n  schedule:\n    - cron: "0 0 * * *"\n', 'ci.yml').dispatchable, false);
  });

  it('turns invalid YAML into a ConfigError naming the file and line', () => {
    assert.throws(
      () => githubDispatchForm('on:\n  workflow_dispatch:\n    inputs: [unclosed\n', '.github/workflows/bad.yml'),
      (e: unknown) => e instanceof ConfigError && e.message.startsWith('.github/workflows/bad.yml is not valid YAML') && /line \d+/.test(e.message),
    );
    assert.throws(() => githubDispatchForm('- just\n- a list\n', 'list.yml'), (e: unknown) => e instanceof ConfigError && e.message.includes('list.yml'));
  });

  it('checks and converts typed values', () => {
    const form = githubDispatchForm(DEPLOY, 'deploy.yml');
    const field = (name: string): FormField => form.fields.find((f) => f.name === name)!;
    assert.equal(checkFieldText(field('tag'), '  '), 'required');
    assert.equal(checkFieldText(field('logLevel'), ''), undefined, 'required but has a default');
    assert.equal(checkFieldText(field('replicas'), 'three'), 'not_a_number');
    assert.equal(checkFieldText(field('logLevel'), 'trace'), 'not_an_option');
    assert.equal(checkFieldText(field('replicas'), '5'), undefined);
    assert.equal(valueOfText(field('replicas'), '5'), 5);
    assert.equal(valueOfText(field('replicas'), ''), 3);
    assert.equal(valueOfText(field('dryRun'), 'false'), false);
    assert.equal(valueOfText(field('tag'), ' v1 '), ' v1 ');
  });

  it('prefills with the last values, falling back to defaults for stale options', () => {
    const form = githubDispatchForm(DEPLOY, 'deploy.yml');
    const [logLevel, dryRun] = form.fields;
    assert.equal(initialValue(logLevel!, { logLevel: 'debug' }), 'debug');
    assert.equal(initialValue(logLevel!, { logLevel: 'removed' }), 'warning');
    assert.equal(initialValue(dryRun!, undefined), true);
    assert.deepEqual(splitValues(form, { logLevel: 'info', dryRun: false }), { inputs: { logLevel: 'info', dryRun: false }, variables: {} });
  });
});
