/**
 * Calendar days. A day is an ISO string `YYYY-MM-DD`: a date in the school's calendar,
 * never an instant, so no time zone can move it. Arithmetic goes through date-fns on a
 * local-noon Date, which no daylight-saving jump can push across midnight.
 */
import {
  addDays as addDaysFns,
  differenceInCalendarDays,
  endOfMonth,
  format,
  isValid,
  startOfWeek,
} from 'date-fns';
import { DATE_1904_OFFSET } from './address.js';
import { normalizeText } from './text.js';

/** A calendar day as `YYYY-MM-DD` (no time, no zone). */
export type Day = string;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a value is a real calendar day written `YYYY-MM-DD`. */
export function isDay(value: unknown): value is Day {
  return typeof value === 'string' && ISO_DAY.test(value) && dayFromParts(+value.slice(0, 4), +value.slice(5, 7), +value.slice(8, 10)) === value;
}

/** The day for year, month (1–12), day of month; undefined when no such day exists (2月30日). */
export function dayFromParts(year: number, month: number, dayOfMonth: number): Day | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(dayOfMonth)) return undefined;
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || dayOfMonth < 1) return undefined;
  const date = new Date(year, month - 1, dayOfMonth, 12);
  if (!isValid(date) || date.getMonth() !== month - 1 || date.getDate() !== dayOfMonth) return undefined;
  return format(date, 'yyyy-MM-dd');
}

export function toDate(day: Day): Date {
  return new Date(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10), 12);
}

export function fromDate(date: Date): Day {
  return format(date, 'yyyy-MM-dd');
}

/** The day `amount` days after (or before) `day`. */
export function addDays(day: Day, amount: number): Day {
  return fromDate(addDaysFns(toDate(day), amount));
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: Day, to: Day): number {
  return differenceInCalendarDays(toDate(to), toDate(from));
}

/** The Monday of the week (Monday–Sunday) that holds the day. */
export function weekMonday(day: Day): Day {
  return fromDate(startOfWeek(toDate(day), { weekStartsOn: 1 }));
}

/** `YYYY-MM` */
export function monthKey(day: Day): string {
  return day.slice(0, 7);
}

export function lastDayOfMonth(year: number, month: number): Day {
  return fromDate(endOfMonth(new Date(year, month - 1, 1, 12)));
}

/** `3月17日`: how a clerk says a day of the campaign year. */
export function formatDayZh(day: Day): string {
  return `${+day.slice(5, 7)}月${+day.slice(8, 10)}日`;
}

/**
 * Whether a window ending on `to` is judged on `asOf`: from its last day on. Every rule judges so
 * (a teacher short of visits on the last day is an error that day), and so does everything that
 * words what a person still owes: one predicate, so the roster, the 按人员 list and the notices
 * never call late what the check calls open, or the other way round.
 */
export function windowClosed(to: Day, asOf: Day): boolean {
  return to <= asOf;
}

/** Whether a day lies in the inclusive range from–to (a rule's window). */
export function isWithin(day: Day, from: Day, to: Day): boolean {
  return day >= from && day <= to;
}

/**
 * An Excel serial day number as a day. Excel's 1900 system counts the fictitious
 * 1900-02-29 (serial 60); the 1904 system (old Mac workbooks) starts at 1904-01-01.
 * The time of day (the fraction) is dropped: a cell holding midnight is that day.
 */
const serialDays = new Map<number, Day | undefined>();

/** An Excel date serial as a day (the 1900 system with its leap-year bug, or 1904), or nothing when it is not a date. */
export function excelSerialToDay(serial: number, date1904 = false): Day | undefined {
  if (!Number.isFinite(serial)) return undefined;
  const whole = Math.floor(serial + 1e-9);
  // A log holds few distinct days: remember them (the result depends only on the arguments).
  const key = date1904 ? -whole : whole;
  if (serialDays.has(key)) return serialDays.get(key);
  const day = serialToDay(whole, date1904);
  if (serialDays.size < 100_000) serialDays.set(key, day);
  return day;
}

function serialToDay(whole: number, date1904: boolean): Day | undefined {
  if (whole < 1 || whole > 2958465) return undefined;
  let utc: number;
  // a 1904 serial is the 1900 serial less the offset (the 1904 system has no 1900-02-29 to skip)
  if (date1904) utc = Date.UTC(1899, 11, 30) + (whole + DATE_1904_OFFSET) * 86_400_000;
  else if (whole < 60) utc = Date.UTC(1899, 11, 31) + whole * 86_400_000;
  else if (whole === 60) return undefined; // 1900-02-29 never existed
  else utc = Date.UTC(1899, 11, 30) + whole * 86_400_000;
  return new Date(utc).toISOString().slice(0, 10);
}

/** The inverse of excelSerialToDay, 1900 system. */
export function dayToExcelSerial(day: Day): number {
  const utc = Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10));
  return Math.round((utc - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/**
 * The serial number (1900 system) of an ISO 8601 date or date-time as a `t="d"` cell holds it
 * (Strict Open XML: `2014-08-15T00:00:00`, `2014-08-15T13:45:30.5`); undefined for anything else,
 * a bare time included, which is not a day.
 */
export function isoToExcelSerial(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?(?:Z)?)?$/.exec(text.trim());
  if (!m) return undefined;
  const day = dayFromParts(+m[1]!, +m[2]!, +m[3]!);
  if (!day) return undefined;
  const [h, min, sec] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (h > 23 || min > 59 || sec >= 60) return undefined;
  return dayToExcelSerial(day) + (h * 3600 + min * 60 + sec) / 86_400;
}

const FULL_DATE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T\s].*)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const MONTH_DAY = /^(\d{1,2})月(\d{1,2})日?$/;

/**
 * A day typed as text: `2014-05-10`, `2014/5/10`, `2014.5.10`, `2014年5月10日`, `20140510`,
 * `5月10日` (the year from the plan). Undefined when it is no day.
 */
export function parseDayText(text: string, defaultYear: number): Day | undefined {
  // the spaces are gone after normalising: put one back between a day and a time (no lookbehind: older webviews lack it)
  const value = normalizeText(text).replace(/(\d)(\d{2}:\d{2})/, '$1 $2');
  let m = FULL_DATE.exec(value);
  if (m) return dayFromParts(+m[1]!, +m[2]!, +m[3]!);
  m = COMPACT_DATE.exec(value);
  if (m) return dayFromParts(+m[1]!, +m[2]!, +m[3]!);
  m = MONTH_DAY.exec(value);
  if (m) return dayFromParts(defaultYear, +m[1]!, +m[2]!);
  return undefined;
}

/**
 * A deadline as the plan writes it (§三.13 整改时限): a day, or a period whose last day is the
 * deadline — `7月下旬` (21st to the end of the month), `9月中旬` (11–20), `9月上旬` (1–10),
 * `9月底` / `9月末` / `9月` (the month's last day), `年底`; with or without a year and a trailing 前.
 */
export function parseDeadlineText(text: string, defaultYear: number): { day: Day; period: boolean } | undefined {
  let value = normalizeText(text).replace(/(之前|以前|前)$/, '');
  const day = parseDayText(value, defaultYear);
  if (day) return { day, period: false };
  let year = defaultYear;
  const withYear = /^(\d{4})年(.*)$/.exec(value);
  if (withYear) {
    year = +withYear[1]!;
    value = withYear[2]!;
  }
  if (value === '年底' || value === '年末' || value === '底') return { day: lastDayOfMonth(year, 12), period: true };
  const m = /^(\d{1,2})月(上旬|中旬|下旬|底|末|份)?$/.exec(value);
  if (!m) return undefined;
  const month = +m[1]!;
  if (month < 1 || month > 12) return undefined;
  const part = m[2];
  if (part === '上旬') return { day: dayFromParts(year, month, 10)!, period: true };
  if (part === '中旬') return { day: dayFromParts(year, month, 20)!, period: true };
  return { day: lastDayOfMonth(year, month), period: true };
}
