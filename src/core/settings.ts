import type { SettingsReader } from './ci/descriptor';
import type { PollSettings } from './sync/types';

/** FlowForge's settings as core sees them, already validated and defaulted. */
export interface FlowForgeSettings {
  /** The providers' own settings (hosts, instances, budgets), read by their descriptors. */
  readonly providers: SettingsReader;
  /** Raw `flowforge.repositories` entries, validated later by the provider registry. */
  readonly repositories: readonly string[];
  readonly polling: PollSettings;
  readonly diagnosticsEnabled: boolean;
  readonly statusBar: { readonly enabled: boolean; readonly show: 'aggregate' | 'latest' };
  readonly budget?: BudgetSettings;
}

export interface BudgetSettings {
  /** Share (0..1] of each account's request budget FlowForge may use (flowforge.budget.share, in percent). */
  readonly share: number;
  /** flowforge.budget.requestsPerHour as set (host or provider kind -> requests per hour); validated by the pool. */
  readonly requestsPerHour: unknown;
}

export const DEFAULT_BUDGET_SHARE_PERCENT = 50;

/** Clamps a number setting into [min, max], falling back to `fallback` when not a finite number. */
export function clampSetting(value: unknown, fallback: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return fallback;
  }
  return Math.min(max, Math.max(min, value));
}

/** The layers of one setting as the editor reports them (`WorkspaceConfiguration.inspect`). */
export interface SettingLayers<T> {
  readonly defaultValue?: T;
  readonly globalValue?: T;
  readonly workspaceValue?: T;
  readonly workspaceFolderValue?: T;
}

/**
 * An interval whose workspace value may only lengthen what the user chose (or the default): a
 * cloned repository's `.vscode/settings.json` can slow polling down, never speed it up.
 * Then clamped into [min, max].
 */
export function intervalSetting(layers: SettingLayers<unknown> | undefined, fallback: number, min: number, max: number): number {
  const own = clampSetting(layers?.globalValue, clampSetting(layers?.defaultValue, fallback, min, max), min, max);
  const workspace = layers?.workspaceFolderValue ?? layers?.workspaceValue;
  return workspace === undefined ? own : Math.max(own, clampSetting(workspace, own, min, max));
}

/** The user's own value of an application- or machine-scoped setting: workspace values are ignored. */
export function userValue(layers: SettingLayers<unknown> | undefined): unknown {
  return layers?.globalValue ?? layers?.defaultValue;
}

/** A boolean only the user may set (application scope). */
export function userBoolean(layers: SettingLayers<unknown> | undefined, fallback: boolean): boolean {
  const value = userValue(layers);
  return typeof value === 'boolean' ? value : fallback;
}
