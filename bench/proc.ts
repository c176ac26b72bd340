// Node-only: bench/stats.ts is also bundled into the browser probes (bench/sync/data.ts uses its rng).
import { readFileSync } from 'node:fs';

/** CPU ms one process has used (utime + stime from /proc, clock ticks of 10 ms); null once it is gone. */
export function procCpuMs(pid: number): number | null {
  try {
    // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}
