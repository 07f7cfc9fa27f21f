/** YAML parsing with errors that name the file and the line. vscode-free. */
import type { Document } from 'yaml';
import { ConfigError } from '../core/errors';
import type * as YamlVendor from './vendor/yaml';

let vendor: typeof YamlVendor | undefined;
/** `yaml` is only needed by dispatch forms: required on the first parse, never at activation. */
function yaml(): typeof YamlVendor {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose: dist/vendor/yaml.js (esbuild.config.mjs)
  vendor ??= require('./vendor/yaml') as typeof YamlVendor;
  return vendor;
}

/** Parses every document of a YAML file; throws ConfigError naming `path` and the first problem. */
export function parseYamlDocuments(text: string, path: string): unknown[] {
  let documents: Document.Parsed[];
  try {
    const parsed = yaml().parseAllDocuments(text, { prettyErrors: true, uniqueKeys: false });
    documents = Array.isArray(parsed) ? parsed : [];
  } catch (error) {
    throw new ConfigError(`${path} is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const document of documents) {
    const problem = document.errors[0];
    if (problem) {
      const line = problem.linePos?.[0]?.line;
      const where = line === undefined ? '' : ` (line ${line})`;
      throw new ConfigError(`${path} is not valid YAML${where}: ${problem.message.split('\n')[0] ?? ''}`);
    }
  }
  return documents.map((document) => document.toJS({ maxAliasCount: 100 }) as unknown);
}

export type YamlMap = Readonly<Record<string, unknown>>;

export function asMap(value: unknown): YamlMap | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as YamlMap) : undefined;
}

export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

export function asTextList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map(asText).filter((item): item is string => item !== undefined) : undefined;
}
