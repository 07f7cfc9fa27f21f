/** Jenkins: the descriptor the registry lists, and the provider class. */
export { jenkinsDescriptor, JENKINS_TOKEN_ENV, JENKINS_USER_ENV } from './descriptor';
export { JenkinsProvider, type JenkinsProviderOptions } from './provider';
