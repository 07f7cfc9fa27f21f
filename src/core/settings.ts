import type { PollSettings } from './sync/types';

/** FlowForge's settings as core sees them, already validated and defaulted. */
export interface FlowForgeSettings {
  readonly githubApiUrl: string;
  /** Default GitLab instance URL. */
  readonly gitlabUrl: string;
  /** Further GitLab instances (self-managed), as base URLs. */
  readonly gitlabInstances: readonly string[];
  /** Client-side request budget per GitLab instance and minute. */
  readonly gitlabRequestsPerMinute: number;
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
