import { SettingsPatchSchema } from './electron/contract/domain/settings';
console.log(SettingsPatchSchema.safeParse({ packageIndex: { indexUrl: 'https://user:s3cret@pypi.corp.example/simple' } }).success);
