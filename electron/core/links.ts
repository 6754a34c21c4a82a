import type { ExternalLink } from '../contract/ipc';

/** The only pages the app opens in the user's browser. */
export const externalLinks: Record<ExternalLink, string> = {
  'install-docker': 'https://docs.docker.com/get-started/get-docker/',
  'docker-desktop': 'https://www.docker.com/products/docker-desktop/',
  colima: 'https://github.com/abiosoft/colima#installation',
  'rancher-desktop': 'https://rancherdesktop.io/',
  'elyra-runtime-images': 'https://elyra.readthedocs.io/en/latest/recipes/creating-a-custom-runtime-image.html',
};
