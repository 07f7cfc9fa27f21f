import assert from 'node:assert/strict';
import { azureDescriptor } from '../../../../src/providers/azure';
import { parseRunForm, runPipelineBody } from '../../../../src/providers/azure/forms';
import { repositoryPath } from '../../../../src/providers/azure/issues';
import { DEPLOY_YAML } from '../../../fakes/azure/fixtures';

const cloud = { kind: 'azure', apiUrl: 'https://dev.azure.com' };
const server = { kind: 'azure', apiUrl: 'https://tfs.example.com/tfs' };
const slug = (url: string, account = cloud): string | undefined => azureDescriptor.parseRemote(url, account)?.slug;

describe('azure remotes, settings and forms', () => {
  it('maps Azure Repos remotes of every form to org/project/repo', () => {
    assert.equal(slug('https://dev.azure.com/acme/web/_git/web'), 'acme/web/web');
    assert.equal(slug('https://acme@dev.azure.com/acme/My%20Project/_git/shop.git'), 'acme/My Project/shop');
    assert.equal(slug('https://acme.visualstudio.com/web/_git/web'), 'acme/web/web');
    assert.equal(slug('https://acme.visualstudio.com/DefaultCollection/web/_git/web'), 'acme/web/web');
    assert.equal(slug('git@ssh.dev.azure.com:v3/acme/web/web'), 'acme/web/web');
    assert.equal(slug('https://dev.azure.com/acme/_git/web'), 'acme/web/web');
    assert.equal(slug('https://tfs.example.com/tfs/DefaultCollection/web/_git/web', server), 'DefaultCollection/web/web');
    assert.equal(slug('ssh://tfs.example.com:22/tfs/DefaultCollection/web/_git/web', server), 'DefaultCollection/web/web');
  });

  it('leaves other remotes alone', () => {
    assert.equal(slug('https://github.com/acme/web.git'), undefined);
    assert.equal(slug('https://dev.azure.com/acme/web'), undefined);
    assert.equal(slug('https://tfs.example.com/other/DefaultCollection/web/_git/web', server), undefined);
    assert.equal(slug('https://dev.azure.com/acme/web/_git/web', server), undefined);
  });

  it('reads organizations and collections into one account per server, dev.azure.com always there', () => {
    const { accounts, errors } = azureDescriptor.readAccounts((key) => (key === 'azure.organizations' ? ['https://dev.azure.com/acme', 'https://tfs.example.com/tfs/Main', 'https://beta.visualstudio.com', 'not a url'] : undefined));
    assert.deepEqual(accounts.map((a) => [a.apiUrl, a.namespaces, a.envVar]), [
      ['https://dev.azure.com', ['acme', 'beta'], 'FLOWFORGE_AZURE_TOKEN'],
      ['https://tfs.example.com/tfs', ['Main'], 'FLOWFORGE_AZURE_TOKEN'],
    ]);
    assert.equal(errors.length, 1);
    assert.match(errors[0] ?? '', /flowforge\.azure\.organizations/);
  });

  it('parses azure:org/project/repo entries', () => {
    assert.deepEqual(azureDescriptor.parseSlug('acme/web/web', cloud), { provider: 'azure', host: 'https://dev.azure.com', slug: 'acme/web/web' });
    assert.throws(() => azureDescriptor.parseSlug('acme/web', cloud), /organization\/project\/repository/);
  });

  it('makes typed fields of the runtime parameters (choices, booleans, numbers; no step lists) plus variables', () => {
    const form = parseRunForm(DEPLOY_YAML, 'deploy.yml');
    assert.deepEqual(form.fields.map((f) => [f.name, f.kind, f.required, f.default, f.options]), [
      ['environment', 'choice', false, 'staging', ['staging', 'production']],
      ['dryRun', 'boolean', false, false, undefined],
      ['replicas', 'number', false, 2, undefined],
      ['region', 'string', true, undefined, undefined],
      ['variables', 'string', false, undefined, undefined],
    ]);
    assert.deepEqual(runPipelineBody('main', { environment: 'staging', replicas: 2, variables: 'A=1, B=x=y' }), {
      resources: { repositories: { self: { refName: 'refs/heads/main' } } },
      templateParameters: { environment: 'staging', replicas: '2' },
      variables: { A: { value: '1' }, B: { value: 'x=y' } },
    });
  });

  it('makes agent paths of issues relative to the repository', () => {
    assert.equal(repositoryPath('/home/vsts/work/1/s/src/a.ts'), 'src/a.ts');
    assert.equal(repositoryPath('D:\\a\\1\\s\\src\\tax.ts'), 'src/tax.ts');
    assert.equal(repositoryPath('src/b.ts'), 'src/b.ts');
    assert.equal(repositoryPath('/etc/passwd'), undefined);
  });
});
