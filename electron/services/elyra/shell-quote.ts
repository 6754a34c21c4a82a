// Quoting for a POSIX shell (sh, bash, zsh; also Git Bash on Windows), which is where people paste
// an `elyra-metadata` line. Inside single quotes nothing is special ($, `, \, !, spaces, newlines)
// except the single quote itself, which is closed, escaped and reopened: ' → '\''.

const SAFE = /^[A-Za-z0-9_\-.,:/@%+=]+$/;

export function shellQuote(value: string): string {
  if (SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
