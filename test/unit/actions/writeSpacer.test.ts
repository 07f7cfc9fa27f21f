import assert from 'node:assert/strict';
import { WriteSpacer } from '../../../src/actions/writeSpacer';
import { FakeClock, flushMicrotasks } from '../../support/fakeClock';

describe('write spacer', () => {
  it('runs the first write at once and spaces the next ones 1 s apart per account', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const spacer = new WriteSpacer(clock);
    const started: [string, number][] = [];
    const write = (name: string) => () => {
      started.push([name, clock.now() - start]);
      return Promise.resolve(name);
    };
    const a1 = spacer.run('github|a', write('a1'));
    const a2 = spacer.run('github|a', write('a2'));
    const b1 = spacer.run('gitlab|b', write('b1'));
    await flushMicrotasks();
    assert.deepEqual(started, [['a1', 0], ['b1', 0]]);
    await clock.tick(999);
    assert.equal(started.length, 2);
    await clock.tick(1);
    assert.deepEqual(started, [['a1', 0], ['b1', 0], ['a2', 1000]]);
    assert.deepEqual(await Promise.all([a1, a2, b1]), ['a1', 'a2', 'b1']);
  });

  it('does not wait when the last write is long past, and keeps going after a failure', async () => {
    const clock = new FakeClock();
    const spacer = new WriteSpacer(clock);
    await assert.rejects(spacer.run('x', () => Promise.reject(new Error('boom'))), /boom/);
    await clock.tick(5000);
    const before = clock.now();
    assert.equal(await spacer.run('x', () => Promise.resolve(clock.now() - before)), 0);
    const next = spacer.run('x', () => Promise.resolve(clock.now() - before));
    await clock.tick(1000);
    assert.equal(await next, 1000);
  });
});
