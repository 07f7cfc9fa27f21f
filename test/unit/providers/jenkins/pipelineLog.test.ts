/** [Pipeline] blocks of a Jenkins console as the log viewer's folds, also across live tail reads. */
import assert from 'node:assert/strict';
import type { RepoRef } from '../../../../src/core/model';
import { foldPipelineLines, NO_FOLDS } from '../../../../src/providers/jenkins/pipelineLog';
import { LogModel } from '../../../../src/webview-ui/logModel';
import { useFakeJenkins } from './fake';

const CONSOLE = [
  'Started by user Jane Doe',
  '[Pipeline] Start of Pipeline',
  '[Pipeline] node',
  'Running on agent-1',
  '[Pipeline] {',
  '[Pipeline] stage',
  '[Pipeline] { (Build)',
  '[Pipeline] sh',
  '+ npm ci',
  '[Pipeline] }',
  '[Pipeline] stage',
  '[Pipeline] { (Test)',
  '[Pipeline] parallel',
  '[Pipeline] { (Branch: unit)',
  'unit ok',
  '[Pipeline] }',
  '[Pipeline] }',
  '[Pipeline] }',
  '[Pipeline] End of Pipeline',
  'Finished: SUCCESS',
  '',
].join('\n');

function viewer(...chunks: string[]): LogModel {
  const model = new LogModel();
  for (const chunk of chunks) model.append(chunk);
  model.finish();
  return model;
}

const lines = (model: LogModel): string[] => Array.from({ length: model.lineCount }, (_, i) => model.text(i));

describe('Jenkins pipeline log folds', () => {
  it('turns named blocks into nested folds, hides brace and stage lines, dims other steps', () => {
    const { text, state } = foldPipelineLines(CONSOLE, NO_FOLDS);
    assert.deepEqual(state, { open: [], count: 3 });
    assert.ok(text.includes('\x1b[2m[Pipeline] sh\x1b[22m'));
    const model = viewer(text);
    assert.deepEqual(lines(model), ['Started by user Jane Doe', '[Pipeline] node', 'Running on agent-1', 'Build', '[Pipeline] sh', '+ npm ci', 'Test', 'unit', 'unit ok', 'Finished: SUCCESS']);
    assert.deepEqual(model.folds.map((f) => [model.text(f.start), f.depth]), [['Build', 0], ['Test', 0], ['unit', 1]]);
  });

  it('leaves a console without Pipeline lines as it is', () => {
    assert.deepEqual(foldPipelineLines('a\nb\n', NO_FOLDS), { text: 'a\nb\n', state: NO_FOLDS });
  });

  describe('live tail', () => {
    const fake = useFakeJenkins();
    const repo = (): RepoRef => ({ provider: 'jenkins', host: fake.server.jenkinsUrl, slug: 'team/web' });

    it('closes a fold opened by an earlier read, and holds back an unfinished line', async () => {
      const provider = fake.make();
      const build = fake.server.state.build(['team', 'web', 'main'], 3);
      assert.ok(build);
      const first = await provider.getJobLog(repo(), 'main#3@13', 0);
      build.console += 'half a li';
      const second = await provider.getJobLog(repo(), 'main#3@13', first.nextOffset);
      assert.deepEqual([second.text, second.nextOffset], ['', first.nextOffset]);
      build.console += 'ne\n[Pipeline] }\nafter\n';
      const third = await provider.getJobLog(repo(), 'main#3@13', second.nextOffset);
      assert.equal(third.text, 'half a line\nsection_end:0:stage_2\r\x1b[0K\nafter\n');
      const model = viewer(first.text, third.text);
      assert.deepEqual(model.folds.map((f) => [model.text(f.start), model.text(f.end - 1)]), [['Build', 'npm ci'], ['Test', 'half a line']]);
      assert.equal(model.text(model.lineCount - 1), 'after');
    });
  });
});
