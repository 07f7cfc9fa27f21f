import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './helpers';

const GUARANTEED_COMMANDS = [
  'flowforge.signIn',
  'flowforge.setToken',
  'flowforge.signOut',
  'flowforge.refresh',
  'flowforge.openInBrowser',
  'flowforge.showLogs',
];

interface Contributes {
  commands?: { command: string }[];
  viewsContainers?: { activitybar?: { id: string; title: string }[] };
  views?: Record<string, { id: string; name: string }[]>;
  configuration?: unknown;
}

describe('activation', () => {
  it('activates in this VS Code and exports an API', async () => {
    const extension = await activateExtension();
    assert.equal(extension.isActive, true);
    assert.ok(extension.exports && typeof extension.exports === 'object', 'activate() returned no API object');
    console.log(`    host: ${vscode.env.appHost}, ui ${vscode.UIKind[vscode.env.uiKind]}, VS Code ${vscode.version}`);
  });

  it('registers every contributed command', async () => {
    const extension = await activateExtension();
    const contributes = extension.packageJSON.contributes as Contributes;
    const contributed = (contributes.commands ?? []).map((c) => c.command);
    for (const id of GUARANTEED_COMMANDS) assert.ok(contributed.includes(id), `package.json does not contribute ${id}`);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('contributes the FlowForge view container and the Pipelines view', async () => {
    const extension = await activateExtension();
    const contributes = extension.packageJSON.contributes as Contributes;
    const container = contributes.viewsContainers?.activitybar?.find((c) => c.id === 'flowforge');
    assert.ok(container, 'no activity bar container "flowforge"');
    const views = contributes.views?.['flowforge'] ?? [];
    assert.ok(views.some((v) => v.id === 'flowforge.pipelines'), 'no view flowforge.pipelines in the flowforge container');
    // The view can be focused through the command VS Code generates for it.
    await vscode.commands.executeCommand('flowforge.pipelines.focus');
  });
});
