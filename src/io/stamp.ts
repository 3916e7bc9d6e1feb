/** The local time as the files and logs of a run carry it: one home, so that they sort and read alike. */

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2014-08-15 02:00:03`: the time at the start of a log line. */
export function logStamp(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** `20140815-020003-123`: in a file name (a backup, a log), sorting as time does, to the millisecond. */
export function fileStamp(d: Date): string {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}-${pad(d.getMilliseconds(), 3)}`;
}
