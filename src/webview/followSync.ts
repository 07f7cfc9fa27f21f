import type { Disposable } from '../core/events';
import type { SyncReader } from '../core/sync/types';
import type { RunPanelManager } from './runPanel';

/** Keeps open run panels up to date with what the sync service learns about their runs. */
export function followSync(sync: SyncReader, panels: Pick<RunPanelManager, 'update'>): Disposable {
  return sync.onDidChange((key) => {
    const snapshot = key ? sync.snapshot(key) : undefined;
    if (!key || !snapshot) {
      return;
    }
    for (const run of [...snapshot.branchRuns, ...snapshot.recentRuns]) {
      panels.update(key, run);
    }
  });
}
