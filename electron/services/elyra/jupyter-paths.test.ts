import { elyraMetadataDir, jupyterDataDir, runtimeImagesDirChoice } from './jupyter-paths';

// jupyter_core's jupyter_data_dir() and Elyra's metadata_path(), case by case.

const linux = { homedir: '/home/ada', platform: 'linux' as const };
const mac = { homedir: '/Users/ada', platform: 'darwin' as const };
const win = { homedir: 'C:\\Users\\ada', platform: 'win32' as const };

describe('jupyterDataDir', () => {
  it.each([
    ['Linux default', { ...linux, env: {} }, '/home/ada/.local/share/jupyter'],
    ['Linux XDG_DATA_HOME', { ...linux, env: { XDG_DATA_HOME: '/data/xdg' } }, '/data/xdg/jupyter'],
    ['Linux empty XDG_DATA_HOME is unset', { ...linux, env: { XDG_DATA_HOME: '' } }, '/home/ada/.local/share/jupyter'],
    ['macOS default', { ...mac, env: { XDG_DATA_HOME: '/ignored' } }, '/Users/ada/Library/Jupyter'],
    ['Windows APPDATA', { ...win, env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' } }, 'C:\\Users\\ada\\AppData\\Roaming\\jupyter'],
    ['Windows without APPDATA', { ...win, env: {} }, 'C:\\Users\\ada\\.jupyter\\data'],
    ['Windows without APPDATA, JUPYTER_CONFIG_DIR set', { ...win, env: { JUPYTER_CONFIG_DIR: 'D:\\cfg' } }, 'D:\\cfg\\data'],
    ['JUPYTER_DATA_DIR wins everywhere', { ...mac, env: { JUPYTER_DATA_DIR: '/opt/jdata' } }, '/opt/jdata'],
    ['empty JUPYTER_DATA_DIR is unset', { ...linux, env: { JUPYTER_DATA_DIR: '' } }, '/home/ada/.local/share/jupyter'],
    ['JUPYTER_PLATFORM_DIRS on macOS', { ...mac, env: { JUPYTER_PLATFORM_DIRS: '1' } }, '/Users/ada/Library/Application Support/Jupyter'],
    ['JUPYTER_PLATFORM_DIRS on Windows', { ...win, env: { JUPYTER_PLATFORM_DIRS: 'true', LOCALAPPDATA: 'C:\\L' } }, 'C:\\L\\Jupyter'],
    ['JUPYTER_PLATFORM_DIRS=0 is off', { ...mac, env: { JUPYTER_PLATFORM_DIRS: '0' } }, '/Users/ada/Library/Jupyter'],
    ['JUPYTER_PLATFORM_DIRS=Off is off', { ...mac, env: { JUPYTER_PLATFORM_DIRS: 'Off' } }, '/Users/ada/Library/Jupyter'],
  ])('%s', (_label, input, expected) => {
    expect(jupyterDataDir(input)).toBe(expected);
  });
});

describe('elyraMetadataDir', () => {
  it.each([
    ['Linux default', { ...linux, env: {} }, '/home/ada/.local/share/jupyter/metadata/runtime-images'],
    ['macOS default', { ...mac, env: {} }, '/Users/ada/Library/Jupyter/metadata/runtime-images'],
    [
      'Windows default',
      { ...win, env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' } },
      'C:\\Users\\ada\\AppData\\Roaming\\jupyter\\metadata\\runtime-images',
    ],
    [
      'first entry of ELYRA_METADATA_PATH',
      { ...linux, env: { ELYRA_METADATA_PATH: '/srv/elyra/:/other', JUPYTER_DATA_DIR: '/j' } },
      '/srv/elyra/metadata/runtime-images',
    ],
    ['ELYRA_METADATA_PATH on Windows splits on ;', { ...win, env: { ELYRA_METADATA_PATH: 'D:\\elyra\\;E:\\x' } }, 'D:\\elyra\\metadata\\runtime-images'],
    ['an empty first entry is skipped', { ...linux, env: { ELYRA_METADATA_PATH: ':/second' } }, '/second/metadata/runtime-images'],
    ['an empty ELYRA_METADATA_PATH is unset', { ...linux, env: { ELYRA_METADATA_PATH: '', JUPYTER_DATA_DIR: '/j' } }, '/j/metadata/runtime-images'],
  ])('%s', (_label, input, expected) => {
    expect(elyraMetadataDir(input)).toBe(expected);
  });

  it('says which rule chose the directory, and a chosen data dir wins', () => {
    expect(runtimeImagesDirChoice({ ...linux, env: { ELYRA_METADATA_PATH: '/e' } }).source).toBe('ELYRA_METADATA_PATH');
    expect(runtimeImagesDirChoice({ ...linux, env: { JUPYTER_DATA_DIR: '/j' } }).source).toBe('JUPYTER_DATA_DIR');
    expect(runtimeImagesDirChoice({ ...linux, env: {} }).source).toBe('platform-default');
    expect(runtimeImagesDirChoice({ ...linux, env: { ELYRA_METADATA_PATH: '/e' }, dataDir: '/picked' })).toEqual({
      directory: '/picked/metadata/runtime-images',
      source: 'chosen',
    });
  });
});
