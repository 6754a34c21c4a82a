import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openRequirements(): void;
  openPreferences(): void;
  openElyraDocs(): void;
  openReadme(): void;
}

/** The app menu: macOS app menu, File, Edit, View, Window, Help. */
export function buildAppMenu(actions: MenuActions, options: { isMac: boolean; isDev: boolean }): Menu {
  // One name everywhere: the sidebar says Settings, and so does macOS since Ventura.
  const settings: MenuItemConstructorOptions = {
    label: 'Settings…',
    accelerator: 'CmdOrCtrl+,',
    click: actions.openPreferences,
  };
  const template: MenuItemConstructorOptions[] = [
    ...(options.isMac
      ? [
          {
            role: 'appMenu' as const,
            submenu: [
              { role: 'about' as const },
              { type: 'separator' as const },
              settings,
              { type: 'separator' as const },
              { role: 'services' as const },
              { type: 'separator' as const },
              { role: 'hide' as const },
              { role: 'hideOthers' as const },
              { role: 'unhide' as const },
              { type: 'separator' as const },
              { role: 'quit' as const },
            ],
          },
        ]
      : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open requirements or notebooks…', accelerator: 'CmdOrCtrl+O', click: actions.openRequirements },
        ...(options.isMac ? [] : [{ type: 'separator' as const }, settings]),
        { type: 'separator' },
        options.isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'reload' },
        ...(options.isDev ? [{ role: 'toggleDevTools' as const }] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Creating a custom runtime image (Elyra docs)', click: actions.openElyraDocs },
        { label: 'Runtime Image Builder README', click: actions.openReadme },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
