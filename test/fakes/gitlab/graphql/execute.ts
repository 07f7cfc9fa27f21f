/**
 * Executes the fake's GraphQL queries over its state, in the shapes of GitLab's GraphQL reference
 * (https://docs.gitlab.com/api/graphql/reference/): Query.projects(fullPaths, first) ->
 * ProjectConnection, Project (fullPath, webUrl, ciConfigPathOrDefault, pipelines(first, ref, status,
 * source)), PipelineConnection (nodes, pageInfo, count), Pipeline (global ID, iid as a string,
 * status as the upper-case enum, user, commit.title, path), and GitLab's errors, answered with 200:
 * unknown fields and arguments, and "Query has complexity of N, which exceeds max complexity of M"
 * (each field 1, a connection adding 1% of its complexity per item asked, as GitLab scores it).
 */
import type { FakeGitLabState, FakePipeline, FakeProject } from '../state';
import { pipelinePath } from '../shapes';
import { queryPipelines } from '../pipelineQuery';
import type { Field, Value } from './parse';

type Json = unknown;
type Args = Readonly<Record<string, unknown>>;

export class GraphQLFieldError extends Error {}

interface TypeDef {
  readonly name: string;
  readonly fields: Readonly<Record<string, { readonly args?: readonly string[]; readonly connection?: boolean; readonly gitaly?: boolean; resolve(source: never, args: Args): unknown; readonly type?: string }>>;
}

const MAX_PAGE_SIZE = 100;

interface Ctx {
  readonly state: FakeGitLabState;
  readonly web: string;
}

function pageSize(args: Args): number {
  const first = typeof args.first === 'number' ? args.first : MAX_PAGE_SIZE;
  if (first > MAX_PAGE_SIZE) {
    throw new GraphQLFieldError(`first must be at most ${MAX_PAGE_SIZE}`);
  }
  return Math.max(0, first);
}

function connection(items: readonly unknown[], args: Args, node: string): { typeName: string; items: readonly unknown[]; hasNextPage: boolean; count: number; node: string } {
  const size = pageSize(args);
  return { typeName: `${node}Connection`, items: items.slice(0, size), hasNextPage: items.length > size, count: items.length, node };
}

function schema(ctx: Ctx): Record<string, TypeDef> {
  const { state, web } = ctx;
  const user = (name: string) => state.users.get(name) ?? { id: 1, username: name, name };
  return {
    Query: {
      name: 'Query',
      fields: {
        projects: {
          args: state.graphql.fullPaths ? ['fullPaths', 'first', 'ids', 'membership', 'search'] : ['first', 'ids', 'membership', 'search'],
          connection: true,
          type: 'Project',
          resolve: (_: never, args: Args) => {
            const paths = Array.isArray(args.fullPaths) ? (args.fullPaths as unknown[]).map(String) : undefined;
            const all = [...state.projects.values()];
            const found = paths === undefined ? all : all.filter((p) => paths.some((path) => path.toLowerCase() === p.path_with_namespace.toLowerCase()));
            return connection(found, args, 'Project');
          },
        },
      },
    },
    Project: {
      name: 'Project',
      fields: {
        id: { resolve: (p: FakeProject) => `gid://gitlab/Project/${p.id}` },
        fullPath: { resolve: (p: FakeProject) => p.path_with_namespace },
        name: { resolve: (p: FakeProject) => p.path_with_namespace.split('/').pop() },
        webUrl: { resolve: (p: FakeProject) => `${web}/${p.path_with_namespace}` },
        ciConfigPathOrDefault: { resolve: (p: FakeProject) => p.ci_config_path ?? '.gitlab-ci.yml' },
        pipelines: {
          args: ['first', 'ref', 'status', 'source', 'sha', 'updatedAfter'],
          connection: true,
          type: 'Pipeline',
          resolve: (p: FakeProject, args: Args) => {
            const query = new URL('http://x/?order_by=id&sort=desc');
            if (typeof args.ref === 'string') query.searchParams.set('ref', args.ref);
            if (typeof args.status === 'string') query.searchParams.set('status', args.status.toLowerCase());
            if (typeof args.source === 'string') query.searchParams.set('source', args.source);
            if (typeof args.updatedAfter === 'string') query.searchParams.set('updated_after', args.updatedAfter);
            const list = queryPipelines(state, p.id, query);
            if (!Array.isArray(list)) {
              throw new GraphQLFieldError('invalid pipelines arguments');
            }
            return connection(typeof args.sha === 'string' ? list.filter((pl) => pl.sha === args.sha) : list, args, 'Pipeline');
          },
        },
      },
    },
    Pipeline: {
      name: 'Pipeline',
      fields: {
        id: { resolve: (pl: FakePipeline) => `gid://gitlab/Ci::Pipeline/${pl.id}` },
        iid: { resolve: (pl: FakePipeline) => String(pl.iid) },
        status: { resolve: (pl: FakePipeline) => pl.status.toUpperCase() },
        source: { resolve: (pl: FakePipeline) => pl.source },
        ref: { resolve: (pl: FakePipeline) => pl.ref },
        sha: { resolve: (pl: FakePipeline) => pl.sha },
        name: { resolve: (pl: FakePipeline) => pl.name ?? null },
        createdAt: { resolve: (pl: FakePipeline) => pl.created_at },
        updatedAt: { resolve: (pl: FakePipeline) => pl.updated_at },
        startedAt: { resolve: (pl: FakePipeline) => pl.started_at ?? null },
        finishedAt: { resolve: (pl: FakePipeline) => pl.finished_at ?? null },
        path: { resolve: (pl: FakePipeline) => `${new URL(web).pathname.replace(/\/$/, '')}/${pipelinePath(state, pl)}/-/pipelines/${pl.id}` },
        user: { type: 'UserCore', resolve: (pl: FakePipeline) => user(pl.username) },
        commit: { type: 'Commit', gitaly: true, resolve: (pl: FakePipeline) => ({ sha: pl.sha, title: state.commitTitle(pl.sha) }) },
      },
    },
    UserCore: {
      name: 'UserCore',
      fields: {
        username: { resolve: (u: { username: string }) => u.username },
        name: { resolve: (u: { name: string }) => u.name },
      },
    },
    Commit: {
      name: 'Commit',
      fields: {
        sha: { resolve: (c: { sha: string }) => c.sha },
        title: { resolve: (c: { title: string }) => c.title },
      },
    },
    PageInfo: {
      name: 'PageInfo',
      fields: {
        hasNextPage: { resolve: (c: { hasNextPage: boolean }) => c.hasNextPage },
        hasPreviousPage: { resolve: () => false },
      },
    },
  };
}

function valueOf(value: Value, variables: Args): unknown {
  if (Array.isArray(value)) {
    return value.map((v) => valueOf(v as Value, variables));
  }
  if (value !== null && typeof value === 'object') {
    if ('variable' in value) {
      return variables[value.variable];
    }
    if ('enum' in value) {
      return value.enum;
    }
  }
  return value;
}

const CONNECTION_FIELDS = new Set(['nodes', 'pageInfo', 'count']);

function argsOf(field: Field, variables: Args, allowed: readonly string[]): Args {
  const args: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(field.args)) {
    if (!allowed.includes(name)) {
      throw new GraphQLFieldError(`Field '${field.name}' doesn't accept argument '${name}'`);
    }
    args[name] = valueOf(value, variables);
  }
  return args;
}

/** GitLab's score of a selection on `type` (static: before anything is resolved). */
function complexityOf(fields: readonly Field[], typeName: string, types: Record<string, TypeDef>, variables: Args): number {
  let total = 0;
  for (const field of fields) {
    const def = types[typeName]?.fields[field.name];
    if (def === undefined) {
      throw new GraphQLFieldError(`Field '${field.name}' doesn't exist on type '${typeName}'`);
    }
    let own = 1 + (def.gitaly === true ? 1 : 0);
    if (def.connection === true) {
      let inner = 0;
      for (const part of field.selections ?? []) {
        if (!CONNECTION_FIELDS.has(part.name)) {
          throw new GraphQLFieldError(`Field '${part.name}' doesn't exist on type '${def.type ?? ''}Connection'`);
        }
        inner += 1 + complexityOf(part.selections ?? [], part.name === 'pageInfo' ? 'PageInfo' : (def.type ?? ''), types, variables);
      }
      const first = valueOf(field.args.first ?? MAX_PAGE_SIZE, variables);
      const size = Math.min(MAX_PAGE_SIZE, typeof first === 'number' ? first : MAX_PAGE_SIZE);
      own += inner + inner * size * 0.01;
    } else if (field.selections !== undefined) {
      own += complexityOf(field.selections, def.type ?? '', types, variables);
    }
    total += own;
  }
  return total;
}

function resolveSelections(fields: readonly Field[], source: unknown, typeName: string, types: Record<string, TypeDef>, variables: Args): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const field of fields) {
    const def = types[typeName]?.fields[field.name];
    if (def === undefined) {
      throw new GraphQLFieldError(`Field '${field.name}' doesn't exist on type '${typeName}'`);
    }
    const args = argsOf(field, variables, def.args ?? []);
    const value = def.resolve(source as never, args);
    if (def.connection === true) {
      const page = value as ReturnType<typeof connection>;
      const parts: Record<string, Json> = {};
      for (const part of field.selections ?? []) {
        if (part.name === 'nodes') {
          parts[part.alias] = page.items.map((item) => resolveSelections(part.selections ?? [], item, def.type ?? '', types, variables));
        } else if (part.name === 'pageInfo') {
          parts[part.alias] = resolveSelections(part.selections ?? [], page, 'PageInfo', types, variables);
        } else {
          parts[part.alias] = page.count;
        }
      }
      out[field.alias] = parts;
    } else if (field.selections !== undefined && value !== null && value !== undefined) {
      out[field.alias] = resolveSelections(field.selections, value, def.type ?? '', types, variables);
    } else {
      out[field.alias] = value ?? null;
    }
  }
  return out;
}

/** GitLab's complexity score of a parsed query (tests size their limits with it). */
export function queryComplexity(state: FakeGitLabState, web: string, fields: readonly Field[], variables: Args): number {
  return complexityOf(fields, 'Query', schema({ state, web }), variables);
}

/** GitLab's answer (always 200) to a parsed query: `{ data }` or `{ errors: [{ message }] }`. */
export function executeQuery(state: FakeGitLabState, web: string, fields: readonly Field[], variables: Args): Record<string, Json> {
  const types = schema({ state, web });
  try {
    const score = complexityOf(fields, 'Query', types, variables);
    if (score > state.graphql.maxComplexity) {
      return { errors: [{ message: `Query has complexity of ${Math.ceil(score)}, which exceeds max complexity of ${state.graphql.maxComplexity}` }] };
    }
    return { data: resolveSelections(fields, undefined, 'Query', types, variables) };
  } catch (error) {
    if (error instanceof GraphQLFieldError) {
      return { errors: [{ message: error.message, locations: [{ line: 1, column: 1 }] }] };
    }
    throw error;
  }
}
