import assert from 'node:assert/strict';
import { ConfigError } from '../../../../src/core/errors';
import { gitlabDescriptor } from '../../../../src/providers/gitlab';

const com = { kind: 'gitlab' as const, apiUrl: 'https://gitlab.com' };
const selfManaged = { kind: 'gitlab' as const, apiUrl: 'https://gitlab.example.com/' };

describe('gitlab urls', () => {
  it('describes the factory', () => {
    assert.equal(gitlabDescriptor.kind, 'gitlab');
    assert.equal(gitlabDescriptor.label, 'GitLab');
    assert.equal(gitlabDescriptor.defaultApiUrl, 'https://gitlab.com');
  });

  describe('normalizeApiUrl', () => {
    it('strips trailing slashes and /api/v4', () => {
      assert.equal(gitlabDescriptor.normalizeApiUrl('https://gitlab.com/'), 'https://gitlab.com');
      assert.equal(gitlabDescriptor.normalizeApiUrl('https://git.example.com/api/v4/'), 'https://git.example.com');
      assert.equal(gitlabDescriptor.normalizeApiUrl('http://host:8080/gitlab/api/v4'), 'http://host:8080/gitlab');
    });

    for (const bad of ['ftp://gitlab.com', 'not a url', 'gitlab.com', 'https://user:pw@gitlab.com', 'https://gitlab.com/?x=1']) {
      it(`rejects ${bad}`, () => {
        assert.throws(() => gitlabDescriptor.normalizeApiUrl(bad), ConfigError);
      });
    }
  });

  describe('parseRemote', () => {
    const cases: [string, typeof com, string | undefined][] = [
      ['https://gitlab.com/group/project.git', com, 'group/project'],
      ['https://gitlab.com/group/sub/deeper/project', com, 'group/sub/deeper/project'],
      ['https://oauth2:secret@gitlab.com/group/sub/project.git', com, 'group/sub/project'],
      ['git@gitlab.com:group/sub/project.git', com, 'group/sub/project'],
      ['git@gitlab.example.com:group/sub/project.git', selfManaged, 'group/sub/project'],
      ['ssh://git@gitlab.example.com:2222/g/p.git', selfManaged, 'g/p'],
      ['https://GitLab.Example.com/g/p.git', selfManaged, 'g/p'],
      ['git@gitlab.com:group/project.git', selfManaged, undefined],
      ['https://github.com/octo/hello.git', com, undefined],
      ['https://gitlab.com/lonely', com, undefined],
      ['/local/path/repo', com, undefined],
    ];
    for (const [remote, account, slug] of cases) {
      it(`${remote} on ${account.apiUrl} -> ${slug ?? 'none'}`, () => {
        const ref = gitlabDescriptor.parseRemote(remote, account);
        assert.equal(ref?.slug, slug);
        if (ref) {
          assert.equal(ref.provider, 'gitlab');
          assert.equal(ref.host, gitlabDescriptor.normalizeApiUrl(account.apiUrl));
        }
      });
    }

    it('handles instances under a relative URL root', () => {
      const ref = gitlabDescriptor.parseRemote('https://example.com/gitlab/g/sub/p.git', { kind: 'gitlab', apiUrl: 'https://example.com/gitlab' });
      assert.equal(ref?.slug, 'g/sub/p');
    });
  });

  describe('parseSlug', () => {
    it('accepts two or more segments', () => {
      assert.equal(gitlabDescriptor.parseSlug('group/project', com).slug, 'group/project');
      assert.equal(gitlabDescriptor.parseSlug('group/sub/project', com).slug, 'group/sub/project');
    });
    for (const bad of ['project', '', 'group//project', 'group/-/project', 'a b/c']) {
      it(`rejects "${bad}"`, () => {
        assert.throws(() => gitlabDescriptor.parseSlug(bad, com), ConfigError);
      });
    }
  });

  it('builds the web URL', () => {
    assert.equal(gitlabDescriptor.repositoryWebUrl({ provider: 'gitlab', host: 'https://gitlab.example.com', slug: 'g/s/p' }), 'https://gitlab.example.com/g/s/p');
  });
});
