import { userImageName, userImageTags } from './engine-image-name';

describe('image names as the user gave them', () => {
  it("drops Podman's docker.io/ and localhost/ qualifiers", () => {
    expect(userImageName('docker.io/rib-test/fixture:good')).toBe('rib-test/fixture:good');
    expect(userImageName('docker.io/library/python:3.11-slim')).toBe('python:3.11-slim');
    expect(userImageName('localhost/python:3.11-slim')).toBe('python:3.11-slim');
    expect(userImageName('localhost/local/python-managed:3.11')).toBe('local/python-managed:3.11');
  });

  it("keeps names that carry a registry of their own, and Docker's short names", () => {
    expect(userImageName('localhost:5000/journey/app:1')).toBe('localhost:5000/journey/app:1');
    expect(userImageName('127.0.0.1:5000/team/pushed:1')).toBe('127.0.0.1:5000/team/pushed:1');
    expect(userImageName('quay.io/alice/tools:1.0')).toBe('quay.io/alice/tools:1.0');
    expect(userImageName('rib-test/fixture:good')).toBe('rib-test/fixture:good');
    // A Docker Hub user called "library" keeps the namespace when it is not Docker's official one.
    expect(userImageName('docker.io/library/team/x:1')).toBe('library/team/x:1');
  });

  it('lists tags once each, without the untagged marker', () => {
    expect(userImageTags(['docker.io/rib-test/a:1', 'rib-test/a:1', '<none>:<none>'])).toEqual(['rib-test/a:1']);
    expect(userImageTags(null)).toEqual([]);
  });
});
