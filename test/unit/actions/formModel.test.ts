import assert from 'node:assert/strict';
import { initialValue, rememberedValues } from '../../../src/actions/formModel';
import type { DispatchForm, FormField } from '../../../src/core/ci/dispatchForm';

const plain: FormField = { name: 'variables', kind: 'string', required: false, default: 'A=1', target: 'input' };
const secret: FormField = { name: 'secured_variables', kind: 'string', required: false, default: 'KEY=default', secret: true, target: 'input' };
const form: DispatchForm = { path: 'bitbucket-pipelines.yml', dispatchable: true, fields: [plain, secret] };

describe('form model: secret fields', () => {
  it('never prefills a secret field, neither from the last values nor from a default', () => {
    assert.equal(initialValue(secret, { secured_variables: 'TOKEN=s3cret' }), undefined);
    assert.equal(initialValue(plain, { variables: 'B=2' }), 'B=2');
  });

  it('leaves secret fields out of the values remembered for next time', () => {
    assert.deepEqual(rememberedValues(form, { variables: 'B=2', secured_variables: 'TOKEN=s3cret' }), { variables: 'B=2' });
  });
});
