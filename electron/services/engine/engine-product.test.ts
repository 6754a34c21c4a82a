import { isApiVersionAtLeast } from './api-version';
import { connectedMessage, detectProduct, shortVersion } from './engine-product';

const clues = { componentNames: ['Engine', 'containerd'], operatingSystem: null, hostName: null, hint: null };

describe('detectProduct', () => {
  it('believes what the engine says over where we found it', () => {
    expect(detectProduct({ ...clues, operatingSystem: 'Docker Desktop', hint: 'Colima' })).toBe('Docker Desktop');
    expect(detectProduct({ ...clues, componentNames: ['Podman Engine', 'Conmon'] })).toBe('Podman');
    expect(detectProduct({ ...clues, operatingSystem: 'OrbStack' })).toBe('OrbStack');
    expect(detectProduct({ ...clues, operatingSystem: 'Ubuntu 24.04 LTS', hostName: 'colima' })).toBe('Colima');
    expect(detectProduct({ ...clues, hostName: 'colima-work' })).toBe('Colima');
    expect(detectProduct({ ...clues, hostName: 'lima-rancher-desktop' })).toBe('Rancher Desktop');
    expect(detectProduct({ ...clues, operatingSystem: 'Rancher Desktop WSL Distribution' })).toBe('Rancher Desktop');
  });

  it('falls back to the hint, then to Docker Engine', () => {
    expect(detectProduct({ ...clues, operatingSystem: 'Debian GNU/Linux 12 (bookworm)', hint: 'Rancher Desktop' })).toBe('Rancher Desktop');
    expect(detectProduct({ ...clues, operatingSystem: 'Debian GNU/Linux 12 (bookworm)', hostName: 'colimator' })).toBe('Docker Engine');
  });
});

describe('connectedMessage', () => {
  it('names the engine, its short version and the product', () => {
    expect(connectedMessage({ product: 'Docker Desktop', version: '28.2.2' })).toBe('Connected to Docker Engine 28.2 (Docker Desktop)');
    expect(connectedMessage({ product: 'Docker Engine', version: '20.10.24+dfsg1' })).toBe('Connected to Docker Engine 20.10');
    expect(connectedMessage({ product: 'Podman', version: '5.2.1' })).toBe('Connected to Podman 5.2');
    expect(shortVersion('dev')).toBe('dev');
  });
});

describe('isApiVersionAtLeast', () => {
  it('compares numerically against 1.41 by default', () => {
    expect(isApiVersionAtLeast('1.41')).toBe(true);
    expect(isApiVersionAtLeast('1.50')).toBe(true);
    expect(isApiVersionAtLeast('2.0')).toBe(true);
    expect(isApiVersionAtLeast('1.40')).toBe(false);
    expect(isApiVersionAtLeast('1.9')).toBe(false);
    expect(isApiVersionAtLeast('garbage')).toBe(false);
  });
});
