import { chooseBuilder } from './choose-builder';

describe('chooseBuilder', () => {
  it('gives BuildKit to Docker Engine 23 and later, in every product that runs it', () => {
    expect(chooseBuilder({ product: 'Docker Engine', apiVersion: '1.51' })).toBe('buildkit');
    expect(chooseBuilder({ product: 'Docker Desktop', apiVersion: '1.47' })).toBe('buildkit');
    expect(chooseBuilder({ product: 'Colima', apiVersion: '1.42' })).toBe('buildkit');
  });

  it('keeps the classic builder for Docker 20.10 and 22', () => {
    expect(chooseBuilder({ product: 'Docker Engine', apiVersion: '1.41' })).toBe('classic');
    expect(chooseBuilder({ product: 'Docker Desktop', apiVersion: '1.41' })).toBe('classic');
  });

  it('keeps the classic builder for Podman, whatever API version it claims', () => {
    expect(chooseBuilder({ product: 'Podman', apiVersion: '1.44' })).toBe('classic');
  });

  it('treats an unreadable API version as old', () => {
    expect(chooseBuilder({ product: 'Docker Engine', apiVersion: 'v2' })).toBe('classic');
  });
});
