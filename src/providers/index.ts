/**
 * The CI systems FlowForge supports. Adding one is a folder under src/providers/ that
 * exports a ProviderDescriptor, plus one line here.
 */
import type { ProviderDescriptor } from '../core/ci/descriptor';
import { bitbucketDescriptor } from './bitbucket';
import { azureDescriptor } from './azure';
import { buildkiteDescriptor } from './buildkite';
import { githubDescriptor } from './github';
import { gitlabDescriptor } from './gitlab';
import { jenkinsDescriptor } from './jenkins';

export const PROVIDERS: readonly ProviderDescriptor[] = [
  githubDescriptor,
  gitlabDescriptor,
  buildkiteDescriptor,
  jenkinsDescriptor,
  bitbucketDescriptor,
  azureDescriptor,
];
