/**
 * Composition root: builds the services, wires them together and registers everything with
 * VS Code. No logic of its own. Loaded after activate() has returned (src/extension.ts is the
 * start-up shell that creates the views and command stubs this binds).
 */
import * as vscode from 'vscode';
import { systemClock } from './core/ports';
import { DisposableStore } from './core/events';
import { SyncService } from './core/sync/syncService';
import { COMMANDS, type CommandId } from './commands/ids';
import { registerCommands, type CommandHandler } from './commands/registry';
import { setTokenCommand } from './commands/setToken';
import { signInCommand } from './commands/signIn';
import { signOutCommand } from './commands/signOut';
import { refreshCommand } from './commands/refresh';
import { copyRunUrlCommand, openInBrowserCommand, pickRepositoryUrl } from './commands/simple';
import { loadMoreCommand } from './commands/loadMore';
import { revealRunCommand } from './commands/revealRun';
import { openRunCommand } from './commands/openRun';
import { RunPanelManager } from './webview/runPanel';
import { RunDataSource } from './webview/runDataSource';
import { followSync } from './webview/followSync';
import { repoByKey } from './core/sync/lookup';
import { featureContext } from './core/ci/descriptor';
import { runActionsFor } from './webview/runActions';
import { FormMemory } from './actions/formMemory';
import { RunNotifier } from './actions/notifier';
import { WriteSpacer } from './actions/writeSpacer';
import { actionCommands } from './commands/actions';
import { notificationSetting } from './commands/actions/settings';
import { RunNotifications } from './platform/notifications';
import { ProviderRegistry } from './providers/registry';
import { ProviderPool } from './providers/pool';
import { readBudgetOverrides } from './providers/budgets';
import { RemoteMatches } from './providers/remoteMatches';
import { PROVIDERS } from './providers';
import { Redactor } from './core/redact';
import { ChannelLogger } from './platform/logger';
import { onDidChangeSettings, readSettings } from './platform/configuration';
import { TokenStore } from './platform/secrets';
import { TokenResolver } from './platform/auth';
import { GitWorkspace } from './platform/git';
import { FileSnapshotStore } from './platform/storage';
import { RepositoryDiscovery } from './platform/discovery';
import { ActivityMonitor } from './platform/activity';
import { AccountCapabilities } from './platform/capabilities';
import { ProblemsPanel } from './platform/problems';
import { ProblemCollector } from './core/problems/problemCollector';
import { PipelinesTree } from './views/tree/pipelinesTree';
import { BuildStatusBar } from './views/statusBar';
import type { TreeNode } from './views/tree/node';
import { ActivityTree } from './views/activity/activityTree';
import { FeedState } from './views/activity/feedState';
import { clearActivityFilterCommand, filterActivityCommand } from './commands/activityFilter';
import { activityLoadMoreCommand } from './commands/activityLoadMore';
import { signInDetectedCommand } from './commands/signInDetected';
import { CiDetection } from './platform/ciDetection';
import { WorkflowLensProvider } from './views/workflowLens';
import type { RepoRef } from './core/model';
import type { StartupShell } from './startup/shell';
import { InsightsPanelManager } from './webview/insightsPanel';
import { TestReportCache } from './webview/insightsReports';
import { showInsightsCommand } from './commands/showInsights';
import { downloadArtifactCommand, openArtifactCommand } from './commands/downloadArtifact';
import { ArtifactService } from './platform/artifacts';
import { readInsightsSettings } from './platform/insightsSettings';
import { describeTrendAlert, TrendAlerts, trendBadge } from './platform/trendAlerts';

export interface FlowForgeApi {
  readonly sync: SyncService;
  readonly tree: PipelinesTree;
}

export function compose(context: vscode.ExtensionContext, shell: StartupShell): FlowForgeApi {
  const registry = new ProviderRegistry(PROVIDERS);
  const redactor = new Redactor(registry.redactPatterns());
  const logger = new ChannelLogger(redactor);
  context.subscriptions.push(logger);
  const providerSettingKeys = registry.descriptors.flatMap((descriptor) => descriptor.settings.map((setting) => setting.key));
  let settings = readSettings(providerSettingKeys);

  const tokens = new TokenStore(context.secrets);
  const editorAuthIds = registry.descriptors.flatMap((descriptor) => descriptor.token.editorAuth?.providerIds ?? []);
  const resolver = new TokenResolver(tokens, redactor, (account) => registry.descriptor(account.kind)?.token.editorAuth, editorAuthIds);
  const pool = new ProviderPool(registry, (account) => ({
    logger,
    userAgent: `FlowForge/${extensionVersion(context)}`,
    getToken: async () => (await resolver.resolve(account))?.token,
    requestsPerMinute: account.requestsPerMinute,
  }), { redact: (text) => redactor.redact(text) });
  pool.setBudgetOverrides(readBudgetOverrides(settings.budget?.requestsPerHour));
  context.subscriptions.push(tokens, resolver, pool);

  const capabilities = new AccountCapabilities(pool, resolver, logger, (account) => registry.descriptor(account.kind)?.token.writeScopes ?? []);
  context.subscriptions.push(capabilities);
  const treeViewRef: { view?: vscode.TreeView<TreeNode>; activity?: vscode.TreeView<TreeNode> } = {};
  const activity = new ActivityMonitor(() => (treeViewRef.view?.visible ?? false) || (treeViewRef.activity?.visible ?? false));
  const sync = new SyncService({
    clock: systemClock,
    logger,
    store: new FileSnapshotStore(context.globalStorageUri),
    providerFor: (repo) => pool.providerFor(repo),
    settings: () => settings.polling,
    persistedRunsPerPipeline: () => readInsightsSettings().runs,
    activity: () => activity.current(),
    budget: { limitOf: (repo) => pool.limitFor(repo), share: () => settings.budget?.share ?? 0.5 },
  });
  context.subscriptions.push(activity, sync, activity.onDidChange(() => sync.activityChanged()));

  const accountOfKey = (key: string) => {
    const repo = repoByKey(sync, key);
    return repo ? pool.accountFor(repo) : undefined;
  };
  const artifacts = new ArtifactService({
    resolve: (key) => {
      const repo = repoByKey(sync, key);
      const provider = repo && registry.features(repo.provider).has('artifacts') ? pool.providerFor(repo) : undefined;
      return repo && provider ? { repo, provider } : undefined;
    },
    memento: context.workspaceState,
    log: (message) => logger.debug(message),
  });
  const treeContext = {
    sync,
    artifactsOf: (key: string) => (artifacts.supports(key) ? (repoKeyOf: string, runId: string) => artifacts.list(repoKeyOf, runId) : undefined),
    now: () => Date.now(),
    presentation: (key: string) => {
      const repo = repoByKey(sync, key);
      const descriptor = repo ? registry.descriptor(repo.provider) : undefined;
      return {
        label: repo ? registry.accountLabel({ kind: repo.provider, apiUrl: repo.host }) : '',
        codicon: descriptor?.codicon ?? 'repo',
        noPipelinesText: descriptor?.noPipelinesText ?? '',
        featureFlags: descriptor ? featureContext(descriptor.features) : '',
      };
    },
    repositoryWebUrl: (repo: RepoRef) => registry.descriptor(repo.provider)?.repositoryWebUrl(repo) ?? '',
    isReadOnly: (key: string) => capabilities.isReadOnly(accountOfKey(key)),
    trendOf: (key: string, pipelineId: string) => {
      const alerts = trendAlerts.alertsOf(key, pipelineId);
      const badge = trendBadge(alerts);
      return badge === undefined ? undefined : { badge, details: alerts.map(describeTrendAlert) };
    },
  };
  const trendAlerts: TrendAlerts = new TrendAlerts({
    sync,
    settings: readInsightsSettings,
    memento: context.globalState,
    showInsights: async (key, pipelineId) => {
      await vscode.commands.executeCommand(COMMANDS.showInsights, key, pipelineId);
    },
    logger,
  });
  context.subscriptions.push(trendAlerts);
  const tree = new PipelinesTree(treeContext);
  const view = shell.pipelines.view;
  shell.pipelines.attach(tree);
  treeViewRef.view = view;
  tree.tickWhile(() => view.visible);
  context.subscriptions.push(tree, view.onDidChangeVisibility(() => activity.refresh()));

  const feedState = new FeedState(context.workspaceState);
  const providerLabel = (kind: string): string => registry.descriptor(kind)?.label ?? kind;
  const repositoryLabel = (key: string): string => {
    const repo = repoByKey(sync, key);
    return repo ? repo.slug : key;
  };
  const loginOf = (repo: RepoRef): string | undefined => capabilities.loginOf(pool.accountFor(repo));
  const activityTree = new ActivityTree({ ...treeContext, loginOf, repositoryLabel, providerLabel }, feedState);
  const activityView = shell.activity.view;
  shell.activity.attach(activityTree);
  treeViewRef.activity = activityView;
  context.subscriptions.push(feedState, activityTree, activityView.onDidChangeVisibility(() => activity.refresh()));

  const statusBar = new BuildStatusBar(sync, settings.statusBar);
  context.subscriptions.push(statusBar);

  const git = new GitWorkspace();
  context.subscriptions.push(git);
  const remoteMatches = new RemoteMatches(pool, logger, () => discovery.update());
  const discovery: RepositoryDiscovery = new RepositoryDiscovery({
    git,
    registry,
    pool,
    remoteMatches,
    logger,
    entries: () => settings.repositories,
    apply: (watched) => {
      sync.setRepositories(watched);
      void vscode.commands.executeCommand('setContext', 'flowforge.noRepositories', watched.length === 0);
    },
  });

  const lenses = new WorkflowLensProvider({
    sync,
    rootOf: (key) => discovery.rootOf(key),
    features: (repo) => registry.features(repo.provider),
    isReadOnly: (key) => capabilities.isReadOnly(accountOfKey(key)),
    now: () => Date.now(),
  });
  context.subscriptions.push(lenses, vscode.languages.registerCodeLensProvider({ scheme: 'file' }, lenses));

  const problems = new ProblemsPanel(sync, new ProblemCollector((repo) => pool.providerFor(repo), logger), (key) => discovery.rootOf(key), logger);
  context.subscriptions.push(problems);

  const updateSignedIn = async (): Promise<void> => {
    const resolved = await Promise.all(pool.getAccounts().map((account) => resolver.resolve(account)));
    await vscode.commands.executeCommand('setContext', 'flowforge.signedIn', resolved.some((r) => r !== undefined));
  };
  const applySettings = (): void => {
    settings = readSettings(providerSettingKeys);
    const { accounts, errors } = registry.readAccounts(settings.providers);
    for (const error of errors) {
      logger.error(error);
      void vscode.window.showErrorMessage(vscode.l10n.t('FlowForge: {0}', error));
    }
    pool.setAccounts(accounts);
    pool.setBudgetOverrides(readBudgetOverrides(settings.budget?.requestsPerHour));
    remoteMatches.invalidate();
    statusBar.setOptions(settings.statusBar);
    problems.setEnabled(settings.diagnosticsEnabled);
    discovery.update();
    sync.settingsChanged();
    tree.refreshAll();
    trendAlerts.check();
    void updateSignedIn();
  };
  const afterTokenChange = (): void => {
    resolver.invalidate();
    remoteMatches.invalidate();
    discovery.update();
    void updateSignedIn();
    void sync.refresh();
    void capabilities.checkAll();
  };

  const panels = new RunPanelManager({
    extensionUri: context.extensionUri,
    source: new RunDataSource(sync, pool),
    actionsFor: (key, run) => [...runActionsFor(run, capabilities.isReadOnly(accountOfKey(key)), registry.features(repoByKey(sync, key)?.provider ?? '')), COMMANDS.showInsights],
    log: (message) => logger.debug(message),
    logMarkersFor: (kind) => registry.descriptor(kind)?.logMarkers,
    artifacts,
    showError: (message) => void vscode.window.showErrorMessage(message),
  });
  const openRun = openRunCommand(sync, panels);
  context.subscriptions.push(panels, followSync(sync, panels));
  const testReports = new TestReportCache();
  const insights = new InsightsPanelManager({
    extensionUri: context.extensionUri,
    sync,
    reportsFor: (key) => {
      const repo = repoByKey(sync, key);
      return repo && registry.features(repo.provider).has('testReports') ? testReports.readerFor(key, repo, pool.providerFor(repo)) : undefined;
    },
    limit: () => readInsightsSettings().runs,
    alerts: (key, pipelineId) => trendAlerts.alertsOf(key, pipelineId).map(describeTrendAlert),
    openRun: (key, runId) => openRun(key, runId),
    log: (message) => logger.debug(message),
  });
  context.subscriptions.push(insights);

  const actionTimers = new DisposableStore();
  context.subscriptions.push(actionTimers);
  const notifier = new RunNotifier(notificationSetting);
  context.subscriptions.push(new RunNotifications(sync, notifier, logger));
  const actions = actionCommands({
    sync,
    providerFor: (repo) => pool.providerFor(repo),
    describe: (repo) => registry.descriptor(repo.provider),
    logger,
    clock: systemClock,
    timers: actionTimers,
    spacer: new WriteSpacer(systemClock),
    memory: new FormMemory(),
    notifier,
    canWrite: (repo) => !capabilities.isReadOnly(pool.accountFor(repo)),
    revealRun: async (key, runId) => {
      await vscode.commands.executeCommand(COMMANDS.revealRun, key, runId);
    },
  });

  const setToken = setTokenCommand({ pool, registry, tokens, logger, afterChange: afterTokenChange });
  const signIn = signInCommand({ pool, registry, resolver, setToken, afterChange: afterTokenChange });
  const signInTo = (kind: string): Promise<void> => signIn(pool.getAccounts().find((account) => account.kind === kind));
  const detection = new CiDetection({
    configFiles: new Map(registry.descriptors.map((descriptor) => [descriptor.kind, descriptor.configFiles ?? []])),
    signedIn: async (kind) => (await Promise.all(pool.getAccounts().filter((account) => account.kind === kind).map((account) => resolver.resolve(account)))).some(Boolean),
    label: providerLabel,
    signIn: signInTo,
    memento: context.workspaceState,
    logger,
  });
  const handlers: Record<CommandId, CommandHandler> = {
    [COMMANDS.signIn]: signIn,
    [COMMANDS.signInDetected]: signInDetectedCommand(detection, providerLabel, signInTo),
    [COMMANDS.setToken]: setToken,
    [COMMANDS.signOut]: signOutCommand({ pool, registry, tokens, resolver, afterChange: afterTokenChange }),
    [COMMANDS.refresh]: refreshCommand(sync),
    [COMMANDS.openInBrowser]: openInBrowserCommand(pickRepositoryUrl(sync, registry)),
    [COMMANDS.copyRunUrl]: copyRunUrlCommand(),
    [COMMANDS.showLogs]: () => logger.show(),
    [COMMANDS.loadMore]: loadMoreCommand(sync),
    [COMMANDS.revealRun]: revealRunCommand(tree, view, (key, runId) => openRun(key, runId)),
    [COMMANDS.openRun]: openRun,
    [COMMANDS.filterActivity]: filterActivityCommand({ source: sync, state: feedState, providerLabel, repositoryLabel }),
    [COMMANDS.clearActivityFilter]: clearActivityFilterCommand(feedState),
    [COMMANDS.activityLoadMore]: activityLoadMoreCommand({ source: sync, state: feedState, loginOf }),
    [COMMANDS.showInsights]: showInsightsCommand(sync, insights),
    [COMMANDS.downloadArtifact]: downloadArtifactCommand(sync, artifacts),
    [COMMANDS.openArtifact]: openArtifactCommand(sync, artifacts),
    ...actions,
  };
  context.subscriptions.push(
    ...registerCommands(handlers, logger, shell.registerCommand),
    onDidChangeSettings(applySettings),
    git.onDidChange(() => discovery.update()),
    resolver.onDidChange(() => {
      void updateSignedIn();
      void detection.update();
    }),
    capabilities.onDidChange(() => {
      tree.refreshAll();
      activityTree.refresh();
    }),
  );

  // After activate() returns (its time is what start-up costs the editor): read the settings and
  // accounts, show cached data, then discover repositories (no network before the view exists).
  void (async () => {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    applySettings();
    await sync.restore();
    await git.start();
    discovery.update();
    await vscode.commands.executeCommand('setContext', 'flowforge.ready', true);
    await detection.run();
    await capabilities.checkAll();
  })();

  logger.info(`FlowForge ready: composed ${Math.round(performance.now() - shell.activatedAt)} ms after activate() was called (compiled from ${shell.compiledFrom}).`);
  return { sync, tree };
}

function extensionVersion(context: vscode.ExtensionContext): string {
  const manifest: unknown = context.extension.packageJSON;
  const version = typeof manifest === 'object' && manifest !== null ? (manifest as { version?: unknown }).version : undefined;
  return typeof version === 'string' ? version : '0.0.0';
}
