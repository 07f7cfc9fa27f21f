/** Repository files (raw, at a ref), branches and tags of a project. */
import { paginate } from '../paginate';
import { commitJson } from '../shapes';
import type { FakeProject } from '../state';
import { json, notFound, type Ctx, type Route } from '../types';

function project(ctx: Ctx): FakeProject | undefined {
  return ctx.state.findProject(ctx.params[0] ?? '');
}

function refRoute(kind: 'branches' | 'tags'): Route {
  return {
    name: `GET /projects/:id/repository/${kind}`,
    access: 'read',
    handle: (ctx) => {
      const p = project(ctx);
      if (!p) {
        return notFound('404 Project Not Found');
      }
      const names = ctx.state.refsOf(p)[kind];
      return paginate(names, ctx.url, (name) => ({ name, default: kind === 'branches' && name === p.default_branch, protected: false, commit: { id: 'a'.repeat(40) } }));
    },
  };
}

export const repositoryRoutes: readonly Route[] = [
  {
    name: 'GET /projects/:id/repository/files/:file_path/raw',
    access: 'read',
    handle: (ctx) => {
      const p = project(ctx);
      const ref = ctx.url.searchParams.get('ref');
      if (!p) {
        return notFound('404 Project Not Found');
      }
      if (!ref) {
        return json(400, { error: 'ref is missing' });
      }
      const text = ctx.state.file(p.id, ref, ctx.params[1] ?? '');
      return text === undefined ? notFound('404 File Not Found') : { status: 200, text, headers: { 'content-type': 'text/plain; charset=utf-8' } };
    },
  },
  refRoute('branches'),
  refRoute('tags'),
  {
    name: 'GET /projects/:id/repository/commits/:sha',
    access: 'read',
    handle: (ctx) => {
      const p = project(ctx);
      const sha = ctx.params[1] ?? '';
      if (!p) {
        return notFound('404 Project Not Found');
      }
      const pipeline = ctx.state.pipelinesOf(p.id).find((pl) => pl.sha === sha);
      if (pipeline === undefined && !ctx.state.commits.has(sha)) {
        return notFound('404 Commit Not Found');
      }
      return json(200, commitJson(ctx.web, ctx.state, p, sha, pipeline?.created_at ?? '2024-01-01T00:00:00.000Z'));
    },
  },
];
