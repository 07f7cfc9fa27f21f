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
}

/** Clamps a number setting into [min, max], falling back to `fallback` when not a finite number. */
export function clampSetting(value: unknown, fallback: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return fallback;
  }
  return Math.min(max, Math.max(min, value));
}
