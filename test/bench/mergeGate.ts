/**
 * What the merge gate costs: the 20-repository idle hour of the GitHub and GitLab request benches
 * (requests.ts, gitlabRequests.ts; every repository watched on its checked-out branch, none with an
 * open pull/merge request) with flowforge.mergeGate.enabled on and off. GitHub's gate requests are
 * conditional (304s spend no rate limit); GitLab's MR list has no ETag: read when the branch's runs
 * changed and at least every GATE_REFRESH_MS (src/core/gate/gatePolicy.ts).
 */
import { runGitLabRequestScenario } from './gitlabRequests';
import { int, table } from './report';
import { runRequestScenario, type RequestScenario } from './requests';

export interface MergeGateFigures {
  readonly github: { readonly off: { requests: number; counted: number }; readonly on: { requests: number; counted: number } };
  readonly gitlab: { readonly off: number; readonly on: number };
}

export async function runMergeGateBench(base: Omit<RequestScenario, 'name' | 'activeRepos' | 'mergeGate'>): Promise<MergeGateFigures> {
  const scenario = (mergeGate: boolean): RequestScenario => ({ ...base, name: `idle, gate ${mergeGate ? 'on' : 'off'}`, activeRepos: 0, mergeGate });
  const [githubOff, githubOn] = [await runRequestScenario(scenario(false)), await runRequestScenario(scenario(true))];
  const [gitlabOff, gitlabOn] = [await runGitLabRequestScenario(scenario(false)), await runGitLabRequestScenario(scenario(true))];
  return {
    github: { off: { requests: githubOff.flowforge.requests, counted: githubOff.flowforge.counted }, on: { requests: githubOn.flowforge.requests, counted: githubOn.flowforge.counted } },
    gitlab: { off: gitlabOff.flowforge.requests, on: gitlabOn.flowforge.requests },
  };
}

export function formatMergeGate(f: MergeGateFigures): string {
  const plus = (on: number, off: number): string => `${on - off >= 0 ? '+' : ''}${int(on - off)}`;
  return table('(a) Merge gate cost, simulated idle hour (20 repositories on their checked-out branch, no open pull/merge request)', [
    ['GitHub requests, gate off', int(f.github.off.requests), `${int(f.github.off.counted)} charged`],
    ['GitHub requests, gate on', int(f.github.on.requests), `${int(f.github.on.counted)} charged (${plus(f.github.on.counted, f.github.off.counted)}; 304s are free)`],
    ['GitLab requests, gate off', int(f.gitlab.off)],
    ['GitLab requests, gate on', int(f.gitlab.on), `${plus(f.gitlab.on, f.gitlab.off)}: an MR list per branch every 5 min and after its runs changed`],
  ]);
}
