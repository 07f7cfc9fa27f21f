import assert from 'node:assert/strict';
import { githubDescriptor } from '../../../src/providers/github';
import { gitlabDescriptor } from '../../../src/providers/gitlab';
import { remoteOnServer, splitRemote } from '../../../src/providers/remoteUrl';

describe('git remote URLs', () => {
  it('splits https, ssh and scp-like remotes', () => {
    assert.deepEqual(splitRemote('https://github.com/o/r.git'), { hostname: 'github.com', path: '/o/r.git', webPort: '' });
    assert.deepEqual(splitRemote('http://127.0.0.1:3000/o/r.git'), { hostname: '127.0.0.1', path: '/o/r.git', webPort: '3000' });
    assert.deepEqual(splitRemote('ssh://git@gitlab.example.com:2222/g/p.git'), { hostname: 'gitlab.example.com', path: '/g/p.git' });
    assert.deepEqual(splitRemote('git@GitHub.com:o/r.git'), { hostname: 'github.com', path: 'o/r.git' });
    assert.equal(splitRemote('file:///tmp/repo'), undefined);
  });

  it('tells apart two web servers on one host by port, but not ssh remotes', () => {
    assert.equal(remoteOnServer(splitRemote('http://127.0.0.1:3000/o/r.git')!, 'http://127.0.0.1:3000'), true);
    assert.equal(remoteOnServer(splitRemote('http://127.0.0.1:4000/o/r.git')!, 'http://127.0.0.1:3000'), false);
    assert.equal(remoteOnServer(splitRemote('git@127.0.0.1:o/r.git')!, 'http://127.0.0.1:3000'), true);
  });

  it('gives a GitHub Enterprise and a GitLab on the same host each their own remotes', () => {
    const ghe = { kind: 'github' as const, apiUrl: 'http://127.0.0.1:3000/api/v3' };
    const gitlab = { kind: 'gitlab' as const, apiUrl: 'http://127.0.0.1:4000' };
    const onGitLab = 'http://127.0.0.1:4000/group/project.git';
    const onGhe = 'http://127.0.0.1:3000/owner/repo.git';
    assert.equal(githubDescriptor.parseRemote(onGitLab, ghe), undefined);
    assert.equal(gitlabDescriptor.parseRemote(onGitLab, gitlab)?.slug, 'group/project');
    assert.equal(githubDescriptor.parseRemote(onGhe, ghe)?.slug, 'owner/repo');
    assert.equal(gitlabDescriptor.parseRemote(onGhe, gitlab), undefined);
  });
});
