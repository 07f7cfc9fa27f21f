/**
 * The request budget of an account: the descriptor's documented one, unless
 * flowforge.budget.requestsPerHour names the account's host (or its provider kind).
 */
import { COURTESY_BUDGET, type ProviderDescriptor, type RequestBudget } from '../core/ci/descriptor';
import type { AccountConfig } from '../core/ci/provider';

/** Requests per hour by host ("gitlab.example.com") or provider kind ("gitlab"). */
export type BudgetOverrides = Readonly<Record<string, number>>;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function budgetOf(descriptor: ProviderDescriptor | undefined, account: AccountConfig, overrides: BudgetOverrides): RequestBudget {
  const documented = descriptor?.requestBudget?.(account.apiUrl) ?? COURTESY_BUDGET;
  const host = hostOf(account.apiUrl);
  const override = overrides[host] ?? overrides[account.kind];
  if (override === undefined || !Number.isFinite(override) || override < 1) {
    return documented;
  }
  return { ...documented, requests: Math.round(override), windowSeconds: 3600, source: `flowforge.budget.requestsPerHour (${host in overrides ? host : account.kind})`, fromSetting: true };
}

/** Reads the setting's object: positive numbers only. */
export function readBudgetOverrides(value: unknown): BudgetOverrides {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {};
  }
  const out: Record<string, number> = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry === 'number' && Number.isFinite(entry) && entry >= 1) {
      out[key.trim().toLowerCase()] = Math.min(1_000_000, entry);
    }
  }
  return out;
}
