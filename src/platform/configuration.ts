import * as vscode from 'vscode';
import { clampSetting, DEFAULT_BUDGET_SHARE_PERCENT, intervalSetting, userBoolean, userValue, type FlowForgeSettings } from '../core/settings';
import { DEFAULT_POLL_SETTINGS } from '../core/sync/types';

const SECTION = 'flowforge';

/**
 * Reads settings on demand (never at import time), typed and clamped. `providerKeys` are
 * the providers' own settings (from their descriptors), snapshotted for their readers.
 */
export function readSettings(providerKeys: readonly string[]): FlowForgeSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const providerValues = new Map(providerKeys.map((key) => [key, config.get<unknown>(key)]));
  const d = DEFAULT_POLL_SETTINGS;
  const repositories = config.get<unknown>('repositories', []);
  const show = config.get<string>('statusBar.show', 'aggregate');
  return {
    providers: (key) => providerValues.get(key),
    repositories: stringArray(repositories),
    polling: {
      // Bounds as in package.json; a workspace may lengthen an interval, never shorten it.
      activeInterval: intervalSetting(config.inspect('polling.activeInterval'), d.activeInterval, 2, 600),
      idleInterval: intervalSetting(config.inspect('polling.idleInterval'), d.idleInterval, 2, 3600),
      maxInterval: intervalSetting(config.inspect('polling.maxInterval'), d.maxInterval, 5, 3600),
      backgroundInterval: intervalSetting(config.inspect('polling.backgroundInterval'), d.backgroundInterval, 5, 3600),
      pageSize: Math.round(clampSetting(config.get('runsPerPage'), d.pageSize, 5, 100)),
      mergeGate: config.get<boolean>('mergeGate.enabled', true),
    },
    diagnosticsEnabled: config.get<boolean>('diagnostics.enabled', true),
    statusBar: {
      enabled: config.get<boolean>('statusBar.enabled', true),
      show: show === 'latest' ? 'latest' : 'aggregate',
    },
    // Application/machine scope: only the user's own values count.
    budget: {
      share: clampSetting(userValue(config.inspect('budget.share')), DEFAULT_BUDGET_SHARE_PERCENT, 5, 100) / 100,
      requestsPerHour: userValue(config.inspect('budget.requestsPerHour')),
    },
  };
}

/**
 * `flowforge.confirmDestructiveActions` (default true). Application-scoped: only the user's own
 * value counts, so a cloned repository's workspace settings cannot turn the confirmation off.
 */
export function confirmDestructiveActions(): boolean {
  return userBoolean(vscode.workspace.getConfiguration(SECTION).inspect('confirmDestructiveActions'), true);
}

/** Fires when any FlowForge setting changes. */
export function onDidChangeSettings(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SECTION)) {
      listener();
    }
  });
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((e): e is string => typeof e === 'string' && e.trim() !== '').map((e) => e.trim()) : [];
}
