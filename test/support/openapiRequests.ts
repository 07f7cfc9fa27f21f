/**
 * A small OpenAPI 3.0 request checker for contract tests: finds the operation a
 * recorded request (method, path with query, JSON body) belongs to and lists what
 * the description does not allow. Not a full validator: it checks paths, methods,
 * declared query parameters, path/query parameter types, and JSON bodies (required,
 * types, enum, additionalProperties: false; $ref, allOf, anyOf/oneOf).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Schema {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  /** The property whose value names the component schema the object is (Bitbucket's `type`). */
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
}

export interface Parameter {
  $ref?: string;
  name?: string;
  in?: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
  /** GitHub's extension: the path parameter may span several segments (contents/{path}). */
  'x-multi-segment'?: boolean;
}

interface RequestBody {
  $ref?: string;
  required?: boolean;
  content?: Record<string, { schema?: Schema } | undefined>;
}

interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: RequestBody;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
type Method = (typeof METHODS)[number];

type PathItem = Partial<Record<Method, Operation>> & { parameters?: Parameter[] };

export interface OpenApiDescription {
  servers?: { url: string }[];
  paths: Record<string, PathItem | undefined>;
  components: { schemas: Record<string, Schema | undefined> };
}

/** A request as the fake server received it. */
export interface RecordedRequest {
  readonly method: string;
  /** Path with query string, e.g. "/repos/o/r/actions/runs?page=2". */
  readonly path: string;
  /** Parsed JSON body; undefined when none was sent. */
  readonly body?: unknown;
}

/** The subset of GitHub's REST description in test/fixtures (from @octokit/openapi). */
export function loadGitHubRestDescription(): OpenApiDescription {
  const file = join(__dirname, '../../../test/fixtures/github-rest-flowforge.openapi.json');
  return JSON.parse(readFileSync(file, 'utf8')) as OpenApiDescription;
}

/** Follows local `$ref`s ("#/components/…") until it reaches a node without one. */
export function resolveRef<T extends { $ref?: string }>(spec: OpenApiDescription, node: T): T {
  let current = node;
  for (let hops = 0; current.$ref !== undefined; hops++) {
    const ref = current.$ref;
    if (!ref.startsWith('#/') || hops > 20) {
      throw new Error(`cannot resolve $ref ${ref}`);
    }
    let target: unknown = spec;
    for (const key of ref.slice(2).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))) {
      target = isRecord(target) ? target[key] : undefined;
    }
    if (!isRecord(target)) {
      throw new Error(`unknown $ref ${ref}`);
    }
    current = target as T;
  }
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOf(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  if (typeof value === 'number' && Number.isInteger(value)) {
    return 'integer';
  }
  return typeof value;
}

function typesOf(schema: Schema): string[] {
  return schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
}

function hasType(expected: string, value: unknown): boolean {
  const actual = typeOf(value);
  return actual === expected || (expected === 'number' && actual === 'integer');
}

/** Problems of a JSON value against a schema; `where` names the value ("body.inputs"). */
export function valueProblems(spec: OpenApiDescription, schemaOrRef: Schema, value: unknown, where: string): string[] {
  const schema = resolveRef(spec, schemaOrRef);
  const types = typesOf(schema);
  if (value === null && (schema.nullable === true || types.includes('null'))) {
    return [];
  }
  const problems = (schema.allOf ?? []).flatMap((part) => valueProblems(spec, part, value, where));
  // oneOf is treated like anyOf: enough for request bodies, and kinder to overlapping branches.
  for (const alternatives of [schema.anyOf, schema.oneOf]) {
    if (alternatives && !alternatives.some((branch) => valueProblems(spec, branch, value, where).length === 0)) {
      const first = valueProblems(spec, alternatives[0] ?? {}, value, where).join('; ');
      problems.push(`${where}: ${JSON.stringify(value)} matches none of the ${alternatives.length} alternatives (first: ${first})`);
    }
  }
  if (types.length > 0 && !types.some((type) => hasType(type, value))) {
    return [...problems, `${where}: expected ${types.join(' or ')}, got ${typeOf(value)} ${JSON.stringify(value)}`];
  }
  if (schema.enum && !schema.enum.includes(value)) {
    problems.push(`${where}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if (Array.isArray(value) && schema.items) {
    const items = schema.items;
    value.forEach((item, index) => problems.push(...valueProblems(spec, items, item, `${where}[${index}]`)));
  } else if (isRecord(value)) {
    problems.push(...objectProblems(spec, schema, value, where), ...discriminatedProblems(spec, schema, value, where));
  }
  // A discriminated subtype repeats its base's checks: each problem once.
  return [...new Set(problems)];
}

/** The schemas each object was already checked against through a discriminator (the subtype refers back to its base). */
const discriminated = new WeakMap<object, Set<string>>();

/**
 * With a discriminator, an object is also checked against the component schema its property names
 * (`mapping`, else the schema of that name), when the description has one: a `pipeline_ref_target`
 * typed where the base `pipeline_target` is declared must fit `pipeline_ref_target`.
 */
function discriminatedProblems(spec: OpenApiDescription, schema: Schema, value: Record<string, unknown>, where: string): string[] {
  const property = schema.discriminator?.propertyName;
  const name = property === undefined ? undefined : value[property];
  if (typeof name !== 'string') {
    return [];
  }
  const ref = schema.discriminator?.mapping?.[name] ?? `#/components/schemas/${name}`;
  const seen = discriminated.get(value) ?? new Set<string>();
  if (seen.has(ref) || spec.components.schemas[ref.replace('#/components/schemas/', '')] === undefined) {
    return [];
  }
  discriminated.set(value, seen.add(ref));
  return valueProblems(spec, { $ref: ref }, value, where);
}

function objectProblems(spec: OpenApiDescription, schema: Schema, value: Record<string, unknown>, where: string): string[] {
  const problems = (schema.required ?? []).filter((key) => !(key in value)).map((key) => `${where}: required property "${key}" is missing`);
  const properties = schema.properties ?? {};
  for (const [key, item] of Object.entries(value)) {
    const property = properties[key];
    if (property) {
      problems.push(...valueProblems(spec, property, item, `${where}.${key}`));
    } else if (schema.additionalProperties === false) {
      problems.push(`${where}: property "${key}" is not declared (additionalProperties: false)`);
    } else if (isRecord(schema.additionalProperties)) {
      problems.push(...valueProblems(spec, schema.additionalProperties, item, `${where}.${key}`));
    }
  }
  return problems;
}

/** Whether a path or query parameter's text fits its schema (integers for ids, enums, booleans). */
function textFits(spec: OpenApiDescription, schemaOrRef: Schema, text: string): boolean {
  const schema = resolveRef(spec, schemaOrRef);
  const alternatives = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  if (alternatives.length > 0 && !alternatives.some((branch) => textFits(spec, branch, text))) {
    return false;
  }
  if (!(schema.allOf ?? []).every((part) => textFits(spec, part, text))) {
    return false;
  }
  const types = typesOf(schema);
  const asType: Record<string, boolean> = {
    integer: /^-?\d+$/.test(text),
    number: text.trim() !== '' && Number.isFinite(Number(text)),
    boolean: text === 'true' || text === 'false',
  };
  if (types.length > 0 && !types.some((type) => asType[type] ?? true)) {
    return false;
  }
  return schema.enum === undefined || schema.enum.some((option) => String(option) === text);
}

interface Match {
  readonly template: string;
  readonly item: PathItem;
  readonly values: Map<string, string>;
}

function matchTemplate(template: string, item: PathItem, segments: readonly string[]): Match | undefined {
  const parts = template.split('/');
  const multiSegment = new Set(
    [...(item.parameters ?? []), ...METHODS.flatMap((method) => item[method]?.parameters ?? [])].filter((p) => p['x-multi-segment'] === true).map((p) => p.name),
  );
  const values = new Map<string, string>();
  for (const [index, part] of parts.entries()) {
    const name = /^\{(.+)\}$/.exec(part)?.[1];
    const segment = segments[index];
    if (name !== undefined && index === parts.length - 1 && multiSegment.has(name) && segments.length > parts.length) {
      values.set(name, segments.slice(index).map(decodeURIComponent).join('/'));
      return { template, item, values };
    }
    if (segment === undefined || (name === undefined ? part !== segment : segment === '')) {
      return undefined;
    }
    if (name !== undefined) {
      values.set(name, decodeURIComponent(segment));
    }
  }
  return parts.length === segments.length ? { template, item, values } : undefined;
}

function literalCount(template: string): number {
  return template.split('/').filter((part) => !part.startsWith('{')).length;
}

/** Query names a template selects its operation by ("…/artifacts?artifactName={artifactName}", Azure DevOps' x-ms-paths). */
function selectingQuery(template: string): string[] {
  const query = template.split('?')[1];
  return query === undefined ? [] : [...new URLSearchParams(query).keys()];
}

/**
 * The description's path template for a request path; literal segments beat parameters, and a
 * template whose selecting query parameters the request has beats the plain path.
 */
function findPath(spec: OpenApiDescription, pathname: string, query: URLSearchParams = new URLSearchParams()): Match | undefined {
  const prefixes = (spec.servers ?? []).map((server) => new URL(server.url).pathname.replace(/\/$/, '')).filter((prefix) => prefix !== '');
  const prefix = prefixes.find((candidate) => pathname.startsWith(`${candidate}/`));
  const segments = (prefix === undefined ? pathname : pathname.slice(prefix.length)).split('/');
  const matches = Object.entries(spec.paths).flatMap(([template, item]) => {
    const selecting = selectingQuery(template);
    const match = item && selecting.every((name) => query.has(name)) ? matchTemplate(template.split('?')[0] ?? template, item, segments) : undefined;
    return match ? [{ ...match, template }] : [];
  });
  return matches.sort((a, b) => selectingQuery(b.template).length - selectingQuery(a.template).length || literalCount(b.template) - literalCount(a.template))[0];
}

function isMethod(method: string): method is Method {
  return (METHODS as readonly string[]).includes(method);
}

/** Path-item parameters overridden by the operation's own (same name and location). */
function parametersOf(spec: OpenApiDescription, item: PathItem, operation: Operation): Parameter[] {
  const byKey = new Map<string, Parameter>();
  for (const parameter of [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((p) => resolveRef(spec, p))) {
    byKey.set(`${parameter.in ?? ''}:${parameter.name ?? ''}`, parameter);
  }
  return [...byKey.values()];
}

/** "POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun" for a recorded request, if the description has it. */
export function operationOf(spec: OpenApiDescription, request: RecordedRequest): string | undefined {
  const url = new URL(request.path, 'http://request.invalid');
  const match = findPath(spec, url.pathname, url.searchParams);
  const method = request.method.toLowerCase();
  return match && isMethod(method) && match.item[method] ? `${request.method.toUpperCase()} ${match.template}` : undefined;
}

/** Everything in `request` that the description does not allow; empty when it is a valid request. */
export function requestProblems(spec: OpenApiDescription, request: RecordedRequest): string[] {
  const url = new URL(request.path, 'http://request.invalid');
  const label = `${request.method} ${request.path}`;
  const match = findPath(spec, url.pathname, url.searchParams);
  if (!match) {
    return [`${label}: unknown path (no path template of the description matches ${url.pathname})`];
  }
  const method = request.method.toLowerCase();
  const operation = isMethod(method) ? match.item[method] : undefined;
  if (!operation) {
    const allowed = METHODS.filter((candidate) => match.item[candidate]).map((candidate) => candidate.toUpperCase());
    return [`${label}: method ${request.method} is not defined for ${match.template} (only ${allowed.join(', ')})`];
  }
  const parameters = parametersOf(spec, match.item, operation);
  const problems: string[] = [];
  for (const parameter of parameters.filter((p) => p.in === 'path')) {
    const value = match.values.get(parameter.name ?? '');
    if (value !== undefined && parameter.schema && !textFits(spec, parameter.schema, value)) {
      problems.push(`path parameter ${parameter.name ?? ''}=${JSON.stringify(value)} does not fit ${JSON.stringify(resolveRef(spec, parameter.schema))}`);
    }
  }
  const query = parameters.filter((p) => p.in === 'query');
  for (const [name, value] of url.searchParams) {
    const parameter = query.find((p) => p.name === name);
    if (!parameter) {
      problems.push(`query parameter "${name}" is not declared by ${operation.operationId ?? match.template} (declared: ${query.map((p) => p.name ?? '').join(', ') || 'none'})`);
    } else if (parameter.schema && !textFits(spec, parameter.schema, value)) {
      problems.push(`query parameter ${name}=${JSON.stringify(value)} does not fit ${JSON.stringify(resolveRef(spec, parameter.schema))}`);
    }
  }
  for (const parameter of query.filter((p) => p.required === true && !url.searchParams.has(p.name ?? ''))) {
    problems.push(`required query parameter "${parameter.name ?? ''}" is missing`);
  }
  problems.push(...bodyProblems(spec, operation, request.body));
  return problems.map((problem) => `${label}: ${problem}`);
}

function bodyProblems(spec: OpenApiDescription, operation: Operation, body: unknown): string[] {
  if (!operation.requestBody) {
    return body === undefined ? [] : [`sends a body, but the operation declares no requestBody: ${JSON.stringify(body)}`];
  }
  const requestBody = resolveRef(spec, operation.requestBody);
  if (body === undefined) {
    return requestBody.required === true ? ['the required request body is missing'] : [];
  }
  const schema = requestBody.content?.['application/json']?.schema;
  if (!schema) {
    return [`sends a JSON body, but the requestBody has no application/json schema (has ${Object.keys(requestBody.content ?? {}).join(', ')})`];
  }
  return valueProblems(spec, schema, body, 'body');
}
