export { PACKAGE_CATALOG, type CatalogPackage } from './package-catalog';
export { listVersions, PYPI_SIMPLE, versionFromFilename, type VersionLookupOptions } from './index-versions';
