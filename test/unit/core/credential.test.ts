import * as assert from 'node:assert/strict';
import { basicAuthorization, credentialSecrets, joinCredential, splitCredential } from '../../../src/core/ci/credential';

describe('credential', () => {
  it('joins a user name and a secret as user:secret, and a missing or blank user name as the bare secret', () => {
    assert.equal(joinCredential('alice', 's3cr3t'), 'alice:s3cr3t');
    assert.equal(joinCredential('  ', 's3cr3t'), 's3cr3t');
    assert.equal(joinCredential(undefined, 's3cr3t'), 's3cr3t');
  });

  it('splits at the first colon, so a secret may contain colons', () => {
    assert.deepEqual(splitCredential('alice:a:b'), { user: 'alice', secret: 'a:b' });
    assert.deepEqual(splitCredential('bare-token'), { secret: 'bare-token' });
    assert.deepEqual(splitCredential(':pat'), { secret: 'pat' });
  });

  it('encodes HTTP Basic as RFC 7617 does, with an empty user name where there is none', () => {
    assert.equal(basicAuthorization({ user: 'Aladdin', secret: 'open sesame' }), 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
    assert.equal(basicAuthorization({ secret: 'pat' }), `Basic ${Buffer.from(':pat').toString('base64')}`);
  });

  it('lists the whole credential, the secret alone and the Basic value for redaction', () => {
    const secrets = credentialSecrets('alice:s3cr3t-token');
    assert.ok(secrets.includes('alice:s3cr3t-token'));
    assert.ok(secrets.includes('s3cr3t-token'));
    assert.ok(secrets.includes(Buffer.from('alice:s3cr3t-token').toString('base64')));
    assert.deepEqual(credentialSecrets('bare-token'), ['bare-token']);
  });
});
