export { PACKAGE_CATALOG, type CatalogPackage } from './package-catalog';
export { listVersions, versionFromFilename, type VersionLookupOptions } from './index-versions';
export { fetchSimplePage, filesFromHtml, type IndexFile, PYPI_SIMPLE } from './simple-page';
export { checkPythonFit, type ExactPin, IndexPageCache, type PythonFitOptions } from './python-fit';
export { fileFit, wheelArch } from './file-fit';
