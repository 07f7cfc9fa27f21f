/**
 * CI detection: which CI systems a workspace's files name (`.gitlab-ci.yml`, a Jenkinsfile…)
 * that FlowForge has no signed-in account for, so it can offer exactly those. No `vscode` here.
 */

export interface DetectedCi {
  readonly kind: string;
  /** The first matching file, relative to its workspace folder. */
  readonly file: string;
}

/** Detected systems without a signed-in account that the user has not told FlowForge to stop offering. */
export function offersFor(detected: readonly DetectedCi[], signedIn: (kind: string) => boolean, dismissed: ReadonlySet<string>): DetectedCi[] {
  const seen = new Set<string>();
  return detected.filter((found) => {
    if (seen.has(found.kind) || signedIn(found.kind) || dismissed.has(found.kind)) {
      return false;
    }
    seen.add(found.kind);
    return true;
  });
}
