// The test engine is shared: another test run (the fault suite stops and starts it) can disturb a
// benchmark. The engine's identity (dockerd's pid and start time) is read before and after, so the
// report can say when the engine was restarted under it; the load average says how busy the
// machine was.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/** 'pid@starttime' of an engine's main process (by default the test engine's dockerd), or null when it cannot be read (e.g. an external engine). */
export function engineIdentity(pidFile: string | undefined = process.env['RIB_DOCKERD_PIDFILE']): string | null {
  if (pidFile === undefined || pidFile === '') return null;
  try {
    const pid = readFileSync(pidFile, 'utf8').trim();
    // Field 22 of /proc/<pid>/stat is the start time; the command name (field 2) may hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return `${pid}@${fields[19] ?? '?'}`;
  } catch {
    return null;
  }
}

export function loadAverage(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}
