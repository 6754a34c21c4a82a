/**
 * Shared libraries that Python packages load and slim bases lack, with the Debian package that
 * ships each. Names are Debian 12 (bookworm)'s, the release of the official python:3.x-slim images
 * (each checked with `apt-cache show` on bookworm, 2026-12); newer releases renamed a few for the
 * 64-bit time_t move (libasound2 → libasound2t64 in trixie and sid).
 */
const DEBIAN_PACKAGE_OF: ReadonlyMap<string, string> = new Map([
  ['libGL.so.1', 'libgl1'],
  ['libEGL.so.1', 'libegl1'],
  ['libGLESv2.so.2', 'libgles2'],
  ['libGLU.so.1', 'libglu1-mesa'],
  ['libglib-2.0.so.0', 'libglib2.0-0'],
  ['libgthread-2.0.so.0', 'libglib2.0-0'],
  ['libgobject-2.0.so.0', 'libglib2.0-0'],
  ['libSM.so.6', 'libsm6'],
  ['libICE.so.6', 'libice6'],
  ['libXext.so.6', 'libxext6'],
  ['libXrender.so.1', 'libxrender1'],
  ['libX11.so.6', 'libx11-6'],
  ['libxcb.so.1', 'libxcb1'],
  ['libXi.so.6', 'libxi6'],
  ['libXtst.so.6', 'libxtst6'],
  ['libXrandr.so.2', 'libxrandr2'],
  ['libxkbcommon.so.0', 'libxkbcommon0'],
  ['libfontconfig.so.1', 'libfontconfig1'],
  ['libfreetype.so.6', 'libfreetype6'],
  ['libgomp.so.1', 'libgomp1'],
  ['libgfortran.so.5', 'libgfortran5'],
  ['libquadmath.so.0', 'libquadmath0'],
  ['libsndfile.so.1', 'libsndfile1'],
  ['libportaudio.so.2', 'libportaudio2'],
  ['libasound.so.2', 'libasound2'],
  ['libmagic.so.1', 'libmagic1'],
  ['libpq.so.5', 'libpq5'],
  ['libaio.so.1', 'libaio1'],
  ['libnuma.so.1', 'libnuma1'],
  ['libzbar.so.0', 'libzbar0'],
  ['libgeos_c.so.1', 'libgeos-c1v5'],
  ['libodbc.so.2', 'libodbc2'],
  ['libsqlite3.so.0', 'libsqlite3-0'],
  ['libnss3.so', 'libnss3'],
  ['libdbus-1.so.3', 'libdbus-1-3'],
  ['libcairo.so.2', 'libcairo2'],
  ['libzmq.so.5', 'libzmq5'],
  ['libtbb.so.12', 'libtbb12'],
  ['libusb-1.0.so.0', 'libusb-1.0-0'],
  ['libmariadb.so.3', 'libmariadb3'],
]);

/** Libraries of a display (X11, OpenGL, GTK's GLib): a headless variant of the package needs none of them. */
const DISPLAY_LIBRARY = /^lib(GL|EGL|GLESv2|GLU|SM|ICE|X\w*|xcb|xkbcommon|gthread-2\.0|glib-2\.0|gobject-2\.0)\.so/;

/**
 * Distributions published twice, with and without the display libraries: opencv-python's README
 * offers the -headless packages for servers and containers, without any GUI functionality.
 */
const HEADLESS_VARIANT: ReadonlyMap<string, string> = new Map([
  ['opencv-python', 'opencv-python-headless'],
  ['opencv-contrib-python', 'opencv-contrib-python-headless'],
]);

export function debianPackageFor(library: string): string | null {
  return DEBIAN_PACKAGE_OF.get(library) ?? null;
}

/** The headless twin of a distribution that failed on a display library, when it has one. */
export function headlessVariant(distribution: string, library: string): string | null {
  if (!DISPLAY_LIBRARY.test(library)) return null;
  return HEADLESS_VARIANT.get(distribution.toLowerCase().replace(/[-_.]+/g, '-')) ?? null;
}

/** The driver comes from the host (a GPU node), never from the image. */
export function isHostDriverLibrary(library: string): boolean {
  return /^lib(cuda|nvidia-ml)\.so/.test(library);
}

/** `libGL.so.1: cannot open shared object file: No such file or directory`, as the dynamic loader says it. */
const MISSING_LIBRARY = /([\w.+-]+\.so(?:\.[\w.]+)?): cannot open shared object file/;

export function missingLibraryIn(text: string): string | null {
  return MISSING_LIBRARY.exec(text)?.[1] ?? null;
}
