/** The run header (status, commit, actions) and the jobs list grouped by stage. */
import type { JobView, RunAction, RunHeader } from '../shared/protocol';
import { button, codicon, h, type Host } from './dom';
import { durationText, runDurationText, STATE_CODICON, stateLabel } from './format';

const ACTION_LABELS: Readonly<Record<RunAction, [string, string]>> = {
  'flowforge.rerunRun': ['Re-run all jobs', 'refresh'],
  'flowforge.rerunFailedJobs': ['Re-run failed jobs', 'debug-rerun'],
  'flowforge.cancelRun': ['Cancel run', 'circle-slash'],
  'flowforge.unblockJob': ['Unblock…', 'unlock'],
  'flowforge.openInBrowser': ['Open in browser', 'link-external'],
  'flowforge.showInsights': ['Workflow insights', 'graph'],
};

export function renderHeader(target: HTMLElement, run: RunHeader, host: Host, now: number): void {
  const duration = runDurationText(run, now);
  const facts = [
    run.branch === undefined ? undefined : `⎇ ${run.branch}`,
    `${run.sha} ${run.commitTitle}`,
    run.actor === undefined ? undefined : `by ${run.actor}`,
    `on ${run.event}`,
    run.startedAt === undefined ? undefined : `started ${new Date(run.startedAt).toLocaleString()}`,
    duration === '' ? undefined : `took ${duration}`,
  ].filter((fact): fact is string => fact !== undefined);
  target.replaceChildren(
    h('div', { className: 'title-row' }, [
      h('span', { className: `state state-${run.state}`, attrs: { role: 'img', 'aria-label': stateLabel(run.state) } }, [codicon(STATE_CODICON[run.state], run.state === 'running')]),
      h('h1', { text: `${run.workflowName} #${run.number}${run.attempt > 1 ? ` (attempt ${run.attempt})` : ''}` }),
      h('span', { className: 'raw-status', text: run.rawStatus }),
      h(
        'span',
        { className: 'actions' },
        run.actions.map((action) => {
          const [label, icon] = ACTION_LABELS[action];
          return button(label, icon, () => host.post({ type: 'runCommand', command: action }));
        }),
      ),
    ]),
    h('ul', { className: 'facts' }, facts.map((fact) => h('li', { text: fact }))),
  );
}

export function renderJobs(target: HTMLElement, jobs: readonly JobView[], selectedId: string | undefined, onSelect: (jobId: string) => void, now: number): void {
  const stages = new Map<string, JobView[]>();
  for (const job of jobs) {
    const stage = job.stage ?? 'Jobs';
    stages.set(stage, [...(stages.get(stage) ?? []), job]);
  }
  const groups = [...stages].map(([stage, stageJobs]) =>
    h('li', { className: 'stage' }, [
      h('h2', { className: 'stage-name', text: stage }),
      h(
        'ul',
        { attrs: { role: 'group', 'aria-label': stage } },
        stageJobs.map((job) => {
          const selected = job.id === selectedId;
          const duration = durationText(job.startedAt, job.completedAt, now);
          const item = h('button', { className: `job${selected ? ' selected' : ''}`, attrs: { type: 'button', 'aria-pressed': String(selected), 'aria-label': `${job.name}, ${stateLabel(job.state)}${duration === '' ? '' : `, ${duration}`}` } }, [
            h('span', { className: `state state-${job.state}`, attrs: { 'aria-hidden': 'true' } }, [codicon(STATE_CODICON[job.state], job.state === 'running')]),
            h('span', { className: 'job-name', text: job.name }),
            h('span', { className: 'duration', text: duration }),
          ]);
          item.addEventListener('click', () => onSelect(job.id));
          const steps = selected && job.steps.length > 0
            ? h('ol', { className: 'steps', attrs: { 'aria-label': `Steps of ${job.name}` } }, job.steps.map((step) =>
                h('li', { className: 'step' }, [
                  h('span', { className: `state state-${step.state}`, attrs: { role: 'img', 'aria-label': stateLabel(step.state) } }, [codicon(STATE_CODICON[step.state], step.state === 'running')]),
                  h('span', { text: step.name }),
                  h('span', { className: 'duration', text: durationText(step.startedAt, step.completedAt, now) }),
                ]),
              ))
            : undefined;
          return h('li', {}, [item, steps]);
        }),
      ),
    ]),
  );
  target.replaceChildren(jobs.length === 0 ? h('p', { className: 'empty', text: 'No jobs yet.' }) : h('ul', { className: 'stages' }, groups));
}
