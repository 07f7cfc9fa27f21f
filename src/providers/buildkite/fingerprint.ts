/** Buildkite documents no ETags: change detection by fingerprint, from the shared toolkit. */
export { Fingerprints } from '../http/fingerprint';
