import assert from 'node:assert/strict';
import { Lru } from '../../../../src/core/lru';

describe('core Lru', () => {
  it('drops the least recently used entry beyond its bound; get refreshes, peek does not', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1).set('b', 2);
    assert.equal(lru.get('a'), 1);
    lru.set('c', 3);
    assert.equal(lru.has('b'), false, 'b was the least recently used');
    assert.deepEqual([...lru.values()], [1, 3]);
    assert.equal(lru.peek('a'), 1);
    lru.set('d', 4);
    assert.equal(lru.has('a'), false, 'peek did not refresh a');
    assert.equal(lru.size, 2);
  });

  it('re-setting a key moves it to the newest place', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1).set('b', 2).set('a', 10).set('c', 3);
    assert.deepEqual([...lru.values()], [10, 3]);
    assert.throws(() => new Lru(0), RangeError);
  });
});
