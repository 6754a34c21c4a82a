export * from './docker-config-file';
export * from './docker-contexts';
export * from './file-access';
