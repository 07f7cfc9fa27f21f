/**
 * Removes anything that looks like a credential from text before it is logged or shown.
 * Covers GitHub (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_), GitLab (glpat-, gloas-...),
 * Authorization headers and URL userinfo.
 */
const PATTERNS: readonly RegExp[] = [
  /\b(gh[pousr]_[A-Za-z0-9]{20,})\b/g,
  /\b(github_pat_[A-Za-z0-9_]{20,})\b/g,
  /\b(gl(?:pat|oas|dt|rt|cbt|ptt|ft|imt|agent|soat)-[A-Za-z0-9_-]{16,})\b/g,
  /((?:authorization|private-token)\s*[:=]\s*)(?:(?:token|bearer|basic)\s+)?[^\s,;"']+/gi,
  /(\/\/)[^/\s:@]+(?::[^/\s@]*)?@/g,
];

export function redact(text: string, extraSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of extraSecrets) {
    if (secret.length >= 4) {
      out = out.split(secret).join('***');
    }
  }
  out = out.replace(PATTERNS[0]!, '***').replace(PATTERNS[1]!, '***').replace(PATTERNS[2]!, '***');
  out = out.replace(PATTERNS[3]!, '$1***');
  out = out.replace(PATTERNS[4]!, '$1***@');
  return out;
}
