import assert from 'node:assert/strict';
import { ConfigError } from '../../../../src/core/errors';
import { splitValues } from '../../../../src/actions/formModel';
import { gitlabPipelineForm } from '../../../../src/providers/gitlab/dispatchForm';

const WITH_INPUTS = `spec:
  inputs:
    environment:
      description: Target environment
      options: [staging, production]
      default: staging
    replicas:
      type: number
      default: 2
    canary:
      type: boolean
      default: false
    version:
      description: Version to release
---
variables:
  DEPLOY_REGION:
    description: Region to deploy to
    value: eu-west-1
    options: [eu-west-1, us-east-1]
  VERBOSE:
    description: Verbose logs
    value: "0"
  INTERNAL: plain-value
stages: [build]
build:
  stage: build
  script: echo $[[ inputs.environment ]]
`;

describe('gitlab pipeline form', () => {
  it('reads spec:inputs from the header and described variables from the config', () => {
    const form = gitlabPipelineForm(WITH_INPUTS, '.gitlab-ci.yml');
    assert.deepEqual(
      form.fields.map((f) => [f.name, f.target, f.kind, f.required, f.default, f.options]),
      [
        ['environment', 'input', 'choice', false, 'staging', ['staging', 'production']],
        ['replicas', 'input', 'number', false, 2, undefined],
        ['canary', 'input', 'boolean', false, false, undefined],
        ['version', 'input', 'string', true, undefined, undefined],
        ['DEPLOY_REGION', 'variable', 'choice', false, 'eu-west-1', ['eu-west-1', 'us-east-1']],
        ['VERBOSE', 'variable', 'string', false, '0', undefined],
      ],
    );
    assert.equal(form.fields[0]?.description, 'Target environment');
  });

  it('reads variables of a file without a header', () => {
    const form = gitlabPipelineForm('variables:\n  MODE:\n    description: Mode\n    value: fast\ntest:\n  script: make\n', '.gitlab-ci.yml');
    assert.deepEqual(form.fields.map((f) => [f.name, f.default]), [['MODE', 'fast']]);
    assert.equal(form.dispatchable, true);
  });

  it('splits values into inputs and string variables', () => {
    const form = gitlabPipelineForm(WITH_INPUTS, '.gitlab-ci.yml');
    assert.deepEqual(splitValues(form, { environment: 'production', replicas: 3, canary: true, DEPLOY_REGION: 'us-east-1', VERBOSE: '1' }), {
      inputs: { environment: 'production', replicas: 3, canary: true },
      variables: { DEPLOY_REGION: 'us-east-1', VERBOSE: '1' },
    });
  });

  it('names the file when the YAML is invalid', () => {
    assert.throws(() => gitlabPipelineForm('variables:\n  A: "unterminated\n', 'ci/pipeline.yml'), (e: unknown) => e instanceof ConfigError && e.message.startsWith('ci/pipeline.yml is not valid YAML'));
    assert.throws(() => gitlabPipelineForm('just a string\n', 'ci/pipeline.yml'), (e: unknown) => e instanceof ConfigError && e.message.includes('ci/pipeline.yml'));
  });
});
