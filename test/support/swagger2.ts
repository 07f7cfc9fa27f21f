/**
 * Swagger 2.0 descriptions as the OpenAPI 3 shape openapiRequests.ts checks requests against: body
 * parameters become a requestBody, query/path parameters get a schema, `#/definitions/X` becomes
 * `#/components/schemas/<file>.X` (several files merged, their definitions kept apart). Azure DevOps
 * states the api-version each operation needs only in words ("should be set to '7.1'"): it becomes an enum.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenApiDescription, Parameter, Schema } from './openapiRequests';

interface SwaggerParameter {
  $ref?: string;
  name?: string;
  in?: string;
  required?: boolean;
  type?: string;
  enum?: unknown[];
  items?: Schema;
  schema?: Schema;
  description?: string;
}

interface SwaggerFile {
  paths: Record<string, Record<string, { operationId?: string; parameters?: SwaggerParameter[] }>>;
  definitions: Record<string, unknown>;
  parameters: Record<string, SwaggerParameter>;
}

/** Rewrites local refs of file `prefix` to the merged components. */
function rewrite<T>(node: T, prefix: string): T {
  if (Array.isArray(node)) return node.map((item: unknown) => rewrite(item, prefix)) as T;
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] = key === '$ref' && typeof value === 'string' ? value.replace(/^#\/definitions\//, `#/components/schemas/${prefix}.`) : rewrite(value, prefix);
    }
    return out as T;
  }
  return node;
}

function parameterOf(file: SwaggerFile, given: SwaggerParameter): SwaggerParameter {
  const name = given.$ref?.replace(/^#\/parameters\//, '');
  return name === undefined ? given : (file.parameters[name] ?? given);
}

function schemaOf(p: SwaggerParameter): Schema {
  const version = p.name === 'api-version' ? /set to '([^']+)'/.exec(p.description ?? '')?.[1] : undefined;
  return { ...(p.type !== undefined ? { type: p.type } : {}), ...(p.enum !== undefined ? { enum: p.enum } : {}), ...(version !== undefined ? { enum: [version] } : {}), ...(p.items !== undefined ? { items: p.items } : {}) };
}

export function fromSwagger2(files: Readonly<Record<string, SwaggerFile>>): OpenApiDescription {
  const description: OpenApiDescription = { paths: {}, components: { schemas: {} } };
  for (const [fileName, file] of Object.entries(files)) {
    const prefix = fileName.replace(/\.json$/, '');
    for (const [name, definition] of Object.entries(file.definitions)) {
      description.components.schemas[`${prefix}.${name}`] = rewrite(definition as Schema, prefix);
    }
    for (const [path, item] of Object.entries(file.paths)) {
      const converted: Record<string, unknown> = { ...(description.paths[path] ?? {}) };
      for (const [method, operation] of Object.entries(item)) {
        const parameters: Parameter[] = [];
        let requestBody: unknown;
        for (const raw of operation.parameters ?? []) {
          const p = parameterOf(file, raw);
          if (p.in === 'body') {
            requestBody = { required: p.required === true, content: { 'application/json': { schema: rewrite(p.schema ?? {}, prefix) } } };
          } else if (p.in === 'path' || p.in === 'query' || p.in === 'header') {
            parameters.push({ name: p.name ?? '', in: p.in, required: p.required === true, schema: schemaOf(p) });
          }
        }
        converted[method] = { operationId: operation.operationId, parameters, ...(requestBody !== undefined ? { requestBody } : {}) };
      }
      description.paths[path] = converted;
    }
  }
  return description;
}

/** The subset of Azure DevOps REST 7.1 in test/fixtures/azure (see extract.mjs there). */
export function loadAzureDevOpsDescription(): OpenApiDescription {
  const file = join(__dirname, '../../../test/fixtures/azure/azure-devops-7.1-flowforge.json');
  const { files } = JSON.parse(readFileSync(file, 'utf8')) as { files: Record<string, SwaggerFile> };
  return fromSwagger2(files);
}
