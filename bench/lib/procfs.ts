import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * What `/proc` (Linux) tells about the bench's processes: their CPU time (what the emulator, the
 * gateway's processes and the load generator each took during a measurement, read before and
 * after it), their children, and the client connections a process holds on a port.
 */

/** Module-private: clock ticks per second of `/proc/<pid>/stat` (`getconf CLK_TCK`, 100 on Linux). */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU seconds a process has used so far (`utime` + `stime` of `/proc/<pid>/stat`). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may hold spaces: fields are counted after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of the line; the slice starts at field 3.
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** The direct children of a process (every thread's `children` list). */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      children.push(...readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
    } catch {
      // The thread ended while listing.
    }
  }
  return children;
}

/** CPU seconds of a process tree's members, by pid (a member that exits in between is left out). */
export function treeCpuSeconds(rootPid: number): Map<number, number> {
  const seconds = new Map<number, number>();
  for (const pid of [rootPid, ...childPids(rootPid)]) {
    try {
      seconds.set(pid, cpuSeconds(pid));
    } catch {
      // Gone.
    }
  }
  return seconds;
}

/**
 * The established TCP connections on local `port` whose socket `pid` holds: the clients a gateway
 * worker is serving (its own connections to the emulator and Redis have other local ports).
 */
export function connectionsOnPort(pid: number, port: number): number {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      const localPort = parseInt(fields[1].split(':')[1], 16);
      // 01: ESTABLISHED.
      if (localPort === port && fields[3] === '01') inodes.add(fields[9]);
    }
  }
  let held = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match && inodes.has(match[1])) held += 1;
    } catch {
      // Closed while listing.
    }
  }
  return held;
}
