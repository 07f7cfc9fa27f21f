/** Every command id FlowForge contributes; a unit test checks this table against package.json. */
export const COMMANDS = {
  signIn: 'flowforge.signIn',
  setToken: 'flowforge.setToken',
  signOut: 'flowforge.signOut',
  refresh: 'flowforge.refresh',
  openInBrowser: 'flowforge.openInBrowser',
  copyRunUrl: 'flowforge.copyRunUrl',
  showLogs: 'flowforge.showLogs',
  loadMore: 'flowforge.loadMore',
  revealRun: 'flowforge.revealRun',
  openRun: 'flowforge.openRun',
  triggerPipeline: 'flowforge.triggerPipeline',
  rerunRun: 'flowforge.rerunRun',
  rerunFailedJobs: 'flowforge.rerunFailedJobs',
  rerunJob: 'flowforge.rerunJob',
  cancelRun: 'flowforge.cancelRun',
  approveDeployment: 'flowforge.approveDeployment',
  unblockJob: 'flowforge.unblockJob',
  filterActivity: 'flowforge.filterActivity',
  clearActivityFilter: 'flowforge.clearActivityFilter',
  activityLoadMore: 'flowforge.activityLoadMore',
  signInDetected: 'flowforge.signInDetected',
  showInsights: 'flowforge.showInsights',
  downloadArtifact: 'flowforge.downloadArtifact',
  openArtifact: 'flowforge.openArtifact',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
