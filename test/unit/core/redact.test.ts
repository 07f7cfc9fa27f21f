import assert from 'node:assert/strict';
import { redact } from '../../../src/core/redact';

describe('redact', () => {
  it('removes GitHub and GitLab tokens wherever they appear', () => {
    const text = 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789 and github_pat_11ABCDEFG0123456789_abcdefghijklmnop and glpat-abcdefghijklmnopqrst';
    const out = redact(text);
    assert.doesNotMatch(out, /ghp_|github_pat_|glpat-/);
  });

  it('removes Authorization headers, PRIVATE-TOKEN and URL credentials', () => {
    assert.equal(redact('Authorization: token abc123'), 'Authorization: ***');
    assert.equal(redact('authorization=Bearer xyz.zz'), 'authorization=***');
    assert.equal(redact('PRIVATE-TOKEN: secret'), 'PRIVATE-TOKEN: ***');
    assert.equal(redact('https://user:pass@example.com/x'), 'https://***@example.com/x');
  });

  it('removes explicitly named secrets', () => {
    assert.equal(redact('a s3cr3t-value b', ['s3cr3t-value']), 'a *** b');
  });

  it('leaves ordinary text alone', () => {
    assert.equal(redact('Run #12 of CI failed on main'), 'Run #12 of CI failed on main');
  });
});
