# shellcheck shell=bash disable=SC2034
# Every Debian package a test or script calls: the one list, sourced by .ci/run and test/infra/lib.sh.
# A tool installed by hand makes a green run here and a red one on a fresh machine.
APT_PACKAGES=(
  docker.io               # dockerd + docker CLI: the test engine (test/infra/engine.sh), the bench's CLI side
  docker-registry         # the registry with htpasswd auth (test/infra/registry.sh)
  apache2-utils           # htpasswd, for the registry's users
  debootstrap             # the Python base images (test/infra/up.sh)
  debian-archive-keyring  # debootstrap's signature check
  gpgv                    # debootstrap's signature check
  util-linux              # flock, mount, umount (locks; tmpfs and leftovers of the engines)
  openssl                 # TLS engine certificates, the test Electron's integrity check
  python3                 # the package index server, wheel maker, tar filter
  curl                    # readiness checks of the engine, registry and index
  ca-certificates         # debootstrap and npm over https
  chromium                # the Chromium e2e suite and axe; pulls the GTK/NSS libraries Electron needs too
  dbus                    # dbus-run-session, dbus-send: the session bus of the keychain and the desktop
  gnome-keyring           # the OS keychain (Secret Service) for login tests
  libsecret-tools         # secret-tool: tests look the saved password up in the keychain
  xvfb                    # xvfb-run: the X server the real window runs on
  xauth                   # xvfb-run's display authority
  dunst                   # the notification daemon the app's notifications reach
  python3-dbus            # test/electron/desktop-bus.py: the tray watcher and the notification monitor
  python3-gi              # desktop-bus.py's GLib main loop
  unzip                   # test/infra/electron-runtime.sh unpacks the test Electron
  python3-watchdog        # test/support/elyra-file-watch.py: watches runtime-image files the way Elyra's cache does
)
