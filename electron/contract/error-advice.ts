import { z } from 'zod';
import type { ErrorCode, ErrorPayload } from './errors';

/**
 * The one place that turns an error code into what the user reads: a short title and the way
 * forward. The error's own message stays the specific part ("quay.io did not accept the password
 * for alice"); this table adds what kind of trouble it is and what to do next. The window and the
 * CLI both read it, so they say the same thing. Every code of ./errors must have an entry (the
 * type says so, and test/unit/error-advice.test.ts checks the words).
 */

/** What the user can do about it; the window turns each into a button or a link. */
export const ErrorAction = z.enum([
  /** Try the same thing again (the cause may be gone). */
  'retry',
  /** Change what was typed or chosen. */
  'fix-input',
  /** Log in to the registry (again). */
  'log-in',
  /** Start Docker (or another engine), then retry. */
  'start-engine',
  /** Build the image (again) before going on. */
  'build',
  /** Change the package list. */
  'edit-packages',
  /** Pick or save another file. */
  'choose-file',
  /** Nothing to do: the user asked for it. */
  'none',
  /** Ours to fix: copy the details into a report. */
  'report',
]);
export type ErrorAction = z.infer<typeof ErrorAction>;

export interface ErrorAdvice {
  /** A few words that name the trouble, for a heading or the start of a CLI line. */
  title: string;
  action: ErrorAction;
  /** One sentence: what to do now. */
  next: string;
}

export const ERROR_ADVICE: { readonly [C in ErrorCode]: ErrorAdvice } = {
  'invalid-input': { title: 'Something entered is not valid', action: 'fix-input', next: 'Correct the field the message names, then try again.' },
  'unknown-channel': {
    title: 'The app asked itself for something it does not know',
    action: 'report',
    next: 'Restart the app; if it happens again, report it with the details.',
  },
  'forbidden-sender': {
    title: 'A request came from outside the app window',
    action: 'report',
    next: 'Restart the app; if it happens again, report it with the details.',
  },
  'engine-unavailable': {
    title: 'Docker is not running',
    action: 'start-engine',
    next: 'Start Docker (or your container engine), wait until it is ready, then try again.',
  },
  'not-found': { title: 'It is not there any more', action: 'retry', next: 'Refresh the list and pick it again.' },
  cancelled: { title: 'Cancelled', action: 'none', next: 'Start it again whenever you want.' },
  conflict: {
    title: 'A file with that name is already there',
    action: 'fix-input',
    next: 'Choose another name, or say that the existing file may be replaced.',
  },
  internal: { title: 'Something went wrong inside the app', action: 'report', next: 'Try again; if it happens again, report it with the details.' },

  'file-too-large': { title: 'The file is too large', action: 'choose-file', next: 'Open the requirements file itself, not a notebook or an archive.' },
  'file-utf16': { title: 'The file is saved as UTF-16', action: 'choose-file', next: 'Save it as UTF-8 in your editor and open it again.' },
  'file-binary': { title: 'That is not a text file', action: 'choose-file', next: 'Open a requirements.txt or another plain text list of packages.' },
  'file-not-utf8': { title: 'The file is not UTF-8 text', action: 'choose-file', next: 'Save it as UTF-8 in your editor and open it again.' },
  'file-not-found': { title: 'The file was not found', action: 'choose-file', next: 'Check that the file is still there, then open it again.' },
  'file-unreadable': { title: 'The file cannot be read', action: 'choose-file', next: 'Check that you may read the file, then open it again.' },

  'build-package-not-found': {
    title: 'A package was not found',
    action: 'edit-packages',
    next: 'Check the package name and version, or the package index in Settings, then build again.',
  },
  'build-package-conflict': {
    title: 'Packages need versions that do not fit together',
    action: 'edit-packages',
    next: 'Loosen or change the versions the message names, then build again.',
  },
  'build-externally-managed': {
    title: 'The base image does not let pip install packages',
    action: 'fix-input',
    next: 'Allow pip to install into the system Python for this base, or pick another base image.',
  },
  'build-pip-failed': {
    title: 'pip could not install the packages',
    action: 'edit-packages',
    next: "Read pip's lines in the log, change the package list, then build again.",
  },
  'build-network': { title: 'The build could not reach the network', action: 'retry', next: 'Check your network, proxy or package index, then build again.' },
  'build-disk-full': {
    title: 'The engine ran out of disk space',
    action: 'retry',
    next: "Free space for Docker (remove unused images, or enlarge Docker Desktop's disk), then build again.",
  },
  'build-base-image': {
    title: 'The base image could not be used',
    action: 'fix-input',
    next: 'Check the base image name and that the engine can pull it, then build again.',
  },
  'build-platform-mismatch': {
    title: 'The image was built for another platform',
    action: 'fix-input',
    next: 'Choose the platform your cluster runs, or a base image made for it, then build again.',
  },
  'build-other': { title: 'The build failed', action: 'retry', next: 'Read the log for the cause, then build again.' },
  'verify-timeout': {
    title: 'Checking the image took too long',
    action: 'retry',
    next: 'Check that Docker is not overloaded, then build again to check it once more.',
  },

  'verify-failed': {
    title: 'Elyra cannot run the image as it is',
    action: 'build',
    next: 'Read the check on the Build step, change what it names, then build again.',
  },

  'registry-address-invalid': {
    title: 'That is not a registry address',
    action: 'fix-input',
    next: 'Enter a registry like docker.io, quay.io, ghcr.io or registry.example.com:5000.',
  },
  'wrong-credentials': { title: 'Wrong user name or password', action: 'log-in', next: 'Check the user name and password or token, then log in again.' },
  'registry-unknown-host': {
    title: 'The registry could not be found',
    action: 'fix-input',
    next: 'Check the spelling of the address, or your network or VPN.',
  },
  'registry-tls': {
    title: "The registry's secure connection failed",
    action: 'fix-input',
    next: "Check the registry address, or install the registry's certificate where Docker looks for it.",
  },
  'registry-down': { title: 'The registry does not answer', action: 'retry', next: 'Try again when the registry is back, or check the address and port.' },
  'registry-timeout': { title: 'The registry did not answer in time', action: 'retry', next: 'Check your network or VPN, then try again.' },
  'registry-error': { title: 'The registry answered with an error', action: 'retry', next: "Try again; the details show the registry's own words." },
  'login-required': { title: 'Log in first', action: 'log-in', next: 'Log in to the registry on the Registry step, then push again.' },
  'keychain-unavailable': {
    title: 'The keychain is not available',
    action: 'log-in',
    next: 'Unlock your keychain and try again, or log in for this session only.',
  },
  'docker-credentials-unavailable': {
    title: "Docker's saved login could not be read",
    action: 'log-in',
    next: 'Log in here instead, or run docker login again.',
  },

  'image-not-found': { title: 'The image is not on the engine', action: 'build', next: 'Build the image, then push it.' },
  'push-reference-invalid': {
    title: 'The image cannot be pushed under that name',
    action: 'fix-input',
    next: 'Give the image a name with a tag, like quay.io/alice/pandas-tools:1.0.',
  },
  'push-denied': { title: 'The registry refused the push', action: 'fix-input', next: 'Push to an account or organisation your login may write to.' },
  'registry-stalled': { title: 'The push stopped moving', action: 'retry', next: 'Check your network, then push again; layers already sent are skipped.' },
  'push-incomplete': { title: 'The push did not finish', action: 'retry', next: 'Push again; layers already sent are skipped.' },
  'push-failed': { title: 'The push failed', action: 'retry', next: "Push again; the details show the engine's own words." },

  'try-nothing-to-run': { title: 'Nothing to try', action: 'choose-file', next: 'Choose notebooks (.ipynb), Python scripts (.py) or a folder of them.' },
  'try-output-unwritable': {
    title: 'The results could not be saved',
    action: 'choose-file',
    next: 'Choose a folder you may write to for the results, or free some disk space, then try again.',
  },
  'try-no-python': { title: 'The image has no Python', action: 'build', next: 'Build the image on a base with python3, then try it again.' },
  'try-import-check-failed': {
    title: "The image's Python could not run the check",
    action: 'build',
    next: "Check the image's Python in the build's check (the details have its output), then build again.",
  },
  'try-failed': {
    title: 'Your notebooks did not all run in the image',
    action: 'build',
    next: "See which import or cell failed in the log and the try's results folder, fix it, then start again.",
  },
};

export function adviceFor(code: ErrorCode): ErrorAdvice {
  return ERROR_ADVICE[code];
}

/** What the user sees for a failure: its title, its own specific message, and what to do. */
export function describeError(error: Pick<ErrorPayload, 'code' | 'message'>): ErrorAdvice & { message: string } {
  return { ...adviceFor(error.code), message: error.message };
}
