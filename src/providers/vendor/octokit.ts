/**
 * Octokit for the GitHub client: @octokit/core (only `request()` is used) with the throttling
 * (bottleneck) and retry plugins. Built into its own file (dist/vendor/octokit.js, see
 * esbuild.config.mjs) and required on first use by ../github/client.ts, so activation does not load it.
 * Imports npm packages only: a src/ module here would exist twice (the build rejects it).
 */
import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export const GitHubOctokit = Octokit.plugin(throttling, retry);
