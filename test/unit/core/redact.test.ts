import assert from 'node:assert/strict';
import { redact, Redactor } from '../../../src/core/redact';
import { ProviderRegistry } from '../../../src/providers/registry';
import { PROVIDERS } from '../../../src/providers';

describe('redact', () => {
  it('removes every provider\'s token formats (descriptor patterns) wherever they appear', () => {
    const text = 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789 and github_pat_11ABCDEFG0123456789_abcdefghijklmnop and glpat-abcdefghijklmnopqrst';
    const redactor = new Redactor(new ProviderRegistry(PROVIDERS).redactPatterns());
    const out = redactor.redact(text);
    assert.doesNotMatch(out, /ghp_|github_pat_|glpat-/);
    assert.match(redact(text), /ghp_/, 'without the descriptors\' patterns the formats are not known');
  });

  it('removes a token by value once the redactor has seen it', () => {
    const redactor = new Redactor();
    redactor.addSecret('plain-opaque-token-123');
    assert.equal(redactor.redact('sent plain-opaque-token-123 twice: plain-opaque-token-123'), 'sent *** twice: ***');
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
