import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_SETTINGS, type Settings } from '../../../electron/contract/domain/settings';
import { AppError, ErrorCodes } from '../../../electron/contract/errors';
import { fakeBridge, installBridge } from '../testing/fake-bridge';
import { buildablePlan, renderScreen } from '../testing/render';
import { SettingsScreen } from './settings-screen';

const saved: Settings = { ...DEFAULT_SETTINGS, firstRunDone: true };

function bridgeWith(settingsGet: () => { settings: Settings; reset: string[]; message: string | null }) {
  return installBridge(
    fakeBridge({
      'settings:get': settingsGet,
      'settings:update': ({ patch }) => ({ ...saved, ...patch, packageIndex: { ...saved.packageIndex, ...patch.packageIndex } }),
      'recipe:plan': () => buildablePlan,
    }),
  );
}

describe('Settings screen', () => {
  it('breaking the settings call shows what failed and a way forward, not a blank screen; Retry loads them', async () => {
    let broken = true;
    const bridge = bridgeWith(() => {
      if (broken) throw new AppError(ErrorCodes.internal, 'The settings file could not be read: EACCES.');
      return { settings: saved, reset: [], message: null };
    });
    renderScreen(<SettingsScreen />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your settings could not be read');
    expect(alert).toHaveTextContent('The settings file could not be read: EACCES.');
    expect(alert).toHaveTextContent('report it with the details');
    broken = false;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('textbox', { name: /Index URL/ })).toHaveValue(saved.packageIndex.indexUrl);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(bridge.callsTo('settings:get')).toHaveLength(2);
  });

  it('walks the flow: change the index, save, and the answer says what the open recipe now uses', async () => {
    const bridge = bridgeWith(() => ({ settings: saved, reset: [], message: null }));
    renderScreen(<SettingsScreen />);
    const index = await screen.findByRole('textbox', { name: /Index URL/ });
    await userEvent.clear(index);
    await userEvent.type(index, 'http://127.0.0.1:8080/simple');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved. Your recipe now uses this package index.');
    expect(bridge.callsTo('settings:update')).toEqual([
      { patch: expect.objectContaining({ packageIndex: expect.objectContaining({ indexUrl: 'http://127.0.0.1:8080/simple' }) }) },
    ]);
  });

  it('a save main refuses says so with its reason, and keeps what was typed', async () => {
    const bridge = bridgeWith(() => ({ settings: saved, reset: [], message: null }));
    bridge.answer('settings:update', () => {
      throw new AppError(ErrorCodes.invalidInput, 'The index URL must start with http:// or https://.');
    });
    renderScreen(<SettingsScreen />);
    const index = await screen.findByRole('textbox', { name: /Index URL/ });
    await userEvent.clear(index);
    await userEvent.type(index, 'ftp://mirror');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your settings were not saved');
    expect(alert).toHaveTextContent('The index URL must start with http:// or https://.');
    expect(alert).toHaveTextContent('Correct the field the message names');
    expect(index).toHaveValue('ftp://mirror');
  });
});
