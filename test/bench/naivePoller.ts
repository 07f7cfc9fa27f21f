/**
 * The baseline: what a simple extension would do. Every 30 s, for every repository, GET the
 * same three lists FlowForge reads (recent runs, branch runs, workflows), with no ETags.
 */
import { WATCHED_BRANCH } from './dataset';

export const NAIVE_INTERVAL_MS = 30_000;

export class NaivePoller {
  requests = 0;
  failures = 0;

  constructor(private readonly apiUrl: string, private readonly token: string, private readonly slugs: readonly string[], private readonly pageSize: number) {}

  /** One round over every repository, requests of a repository in parallel like FlowForge's. */
  async pollAll(): Promise<void> {
    await Promise.all(this.slugs.map((slug) => this.pollRepo(slug)));
  }

  private async pollRepo(slug: string): Promise<void> {
    const base = `${this.apiUrl}/repos/${slug}/actions`;
    await Promise.all([
      this.get(`${base}/runs?per_page=${this.pageSize}`),
      this.get(`${base}/runs?branch=${encodeURIComponent(WATCHED_BRANCH)}&per_page=10`),
      this.get(`${base}/workflows?per_page=100`),
    ]);
  }

  private async get(url: string): Promise<void> {
    this.requests += 1;
    const response = await fetch(url, { headers: { authorization: `token ${this.token}`, accept: 'application/vnd.github+json' } });
    await response.arrayBuffer();
    if (!response.ok) {
      this.failures += 1;
    }
  }
}
