import assert from 'node:assert/strict';
import { parseJsonKeepingBigInts } from '../../../../src/providers/http/bigIntJson';

describe('parseJsonKeepingBigInts', () => {
  it('parses a 10 MB string value (Octokit\'s parser overflows the stack on one)', () => {
    const text = JSON.stringify({ id: 1, title: 'x'.repeat(10 * 1024 * 1024), runs: [{ id: 2 }] });
    const value = parseJsonKeepingBigInts(text) as { id: number; title: string; runs: { id: number }[] };
    assert.equal(value.title.length, 10 * 1024 * 1024);
    assert.equal(value.runs[0]?.id, 2);
  });

  it('keeps integers beyond 2^53 exact as bigint, and safe ones as numbers', () => {
    const value = parseJsonKeepingBigInts('{"big": 12345678901234567890, "neg": -98765432109876543210, "safe": 9007199254740991, "float": 1.5e300, "list": [18446744073709551615]}') as Record<string, unknown>;
    assert.equal(value['big'], 12345678901234567890n);
    assert.equal(value['neg'], -98765432109876543210n);
    assert.equal(value['safe'], 9007199254740991);
    assert.equal(value['float'], 1.5e300);
    assert.deepEqual(value['list'], [18446744073709551615n]);
  });

  it('leaves digits inside strings (escaped quotes included) alone', () => {
    const text = '{"a": "12345678901234567890", "b": "say \\"12345678901234567890\\" \\\\", "c": 12345678901234567890}';
    const value = parseJsonKeepingBigInts(text) as Record<string, unknown>;
    assert.equal(value['a'], '12345678901234567890');
    assert.equal(value['b'], 'say "12345678901234567890" \\');
    assert.equal(value['c'], 12345678901234567890n);
  });

  it('parses like JSON.parse otherwise, and rejects what JSON.parse rejects', () => {
    const text = '{"x": [1, -2, 3.25, true, null, "é\\u00e9"], "y": {"z": 0}}';
    assert.deepEqual(parseJsonKeepingBigInts(text), JSON.parse(text));
    assert.throws(() => parseJsonKeepingBigInts('[{"id": 1, "status": "succ'), SyntaxError);
    assert.throws(() => parseJsonKeepingBigInts('[12345678901234567890,'), SyntaxError);
  });
});
