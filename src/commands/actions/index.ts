/** The action command handlers, by id, for the composition root to register. */
import { COMMANDS } from '../ids';
import type { CommandHandler } from '../registry';
import { approveDeploymentCommand } from './approve';
import { cancelRunCommand } from './cancel';
import type { ActionDeps } from './deps';
import { rerunJobCommand, rerunRunCommand } from './rerun';
import { triggerPipelineCommand } from './trigger';
import { unblockJobCommand } from './unblock';

export type { ActionDeps } from './deps';

type ActionCommandId = (typeof COMMANDS)['triggerPipeline' | 'rerunRun' | 'rerunFailedJobs' | 'rerunJob' | 'cancelRun' | 'approveDeployment' | 'unblockJob'];

export function actionCommands(deps: ActionDeps): Record<ActionCommandId, CommandHandler> {
  return {
    [COMMANDS.triggerPipeline]: triggerPipelineCommand(deps),
    [COMMANDS.rerunRun]: rerunRunCommand(deps, false),
    [COMMANDS.rerunFailedJobs]: rerunRunCommand(deps, true),
    [COMMANDS.rerunJob]: rerunJobCommand(deps),
    [COMMANDS.cancelRun]: cancelRunCommand(deps),
    [COMMANDS.approveDeployment]: approveDeploymentCommand(deps),
    [COMMANDS.unblockJob]: unblockJobCommand(deps),
  };
}
