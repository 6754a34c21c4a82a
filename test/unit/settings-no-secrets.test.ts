import { SettingsPatch } from '../../electron/contract/domain/settings';

describe('settings never hold a password', () => {
  it('refuses an index URL with credentials, and takes one without', () => {
    const bad = SettingsPatch.safeParse({ packageIndex: { indexUrl: 'https://bob:hunter2@pypi.example.com/simple' } });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain('without a user name or password');
    expect(SettingsPatch.safeParse({ packageIndex: { indexUrl: 'https://pypi.example.com/simple' } }).success).toBe(true);
    expect(SettingsPatch.safeParse({ packageIndex: { extraIndexUrls: ['http://token@127.0.0.1:5001/simple'] } }).success).toBe(false);
  });
});
