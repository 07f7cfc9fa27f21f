/**
 * Removes anything that looks like a credential from text before it is logged or shown:
 * every token value seen so far (by value), each provider's token formats (patterns from
 * the provider descriptors), Authorization-style headers and URL userinfo.
 */
const HEADER = /((?:authorization|private-token|x-api-key)\s*[:=]\s*)(?:(?:token|bearer|basic)\s+)?[^\s,;"']+/gi;
const USERINFO = /(\/\/)[^/\s:@]+(?::[^/\s@]*)?@/g;

export class Redactor {
  private readonly secrets = new Set<string>();

  constructor(private readonly patterns: readonly RegExp[] = []) {}

  /** Remembers a token value so that it is removed wherever it appears later. */
  addSecret(value: string | undefined): void {
    if (value !== undefined && value.trim().length >= 4) {
      this.secrets.add(value.trim());
    }
  }

  redact(text: string): string {
    return redact(text, [...this.secrets], this.patterns);
  }
}

export function redact(text: string, extraSecrets: readonly string[] = [], patterns: readonly RegExp[] = []): string {
  let out = text;
  for (const secret of extraSecrets) {
    if (secret.length >= 4) {
      out = out.split(secret).join('***');
    }
  }
  for (const pattern of patterns) {
    out = out.replace(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`), '***');
  }
  return out.replace(HEADER, '$1***').replace(USERINFO, '$1***@');
}
