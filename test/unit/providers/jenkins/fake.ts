/** A fresh fake Jenkins (the sample state) per test, and providers on it that are disposed after the test. */
import { nullLogger } from '../../../../src/core/ports';
import { JenkinsProvider } from '../../../../src/providers/jenkins';
import { CREDENTIAL, sampleState } from '../../../fakes/jenkins/fixtures';
import { FakeJenkinsServer } from '../../../fakes/jenkins/server';
import { instantClock } from '../gitlab/harness';

export interface JenkinsFixture {
  readonly server: FakeJenkinsServer;
  /** A provider with `credential` (null: anonymous). */
  make(credential?: string | null): JenkinsProvider;
  /** Paths of the POSTs the fake received. */
  posts(): string[];
}

/** Registers beforeEach/afterEach; the returned object's fields are valid inside tests. */
export function useFakeJenkins(): JenkinsFixture {
  const providers: JenkinsProvider[] = [];
  let server: FakeJenkinsServer | undefined;
  beforeEach(async () => {
    server = new FakeJenkinsServer({ state: sampleState() });
    await server.start();
  });
  afterEach(async () => {
    providers.splice(0).forEach((p) => p.dispose());
    await server?.close();
  });
  const fixture: JenkinsFixture = {
    get server(): FakeJenkinsServer {
      if (server === undefined) throw new Error('useFakeJenkins: used outside a test');
      return server;
    },
    make(credential: string | null = CREDENTIAL) {
      const provider = new JenkinsProvider(fixture.server.jenkinsUrl, { getToken: () => Promise.resolve(credential ?? undefined), logger: nullLogger }, { clock: instantClock, retryDelayMs: 1, timeoutMs: 2000 });
      providers.push(provider);
      return provider;
    },
    posts: () => fixture.server.stats.requests.filter((r) => r.method === 'POST').map((r) => r.path),
  };
  return fixture;
}
