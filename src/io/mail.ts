/**
 * The nightly mail: a Chinese subject that carries the day and the headline figures (so that
 * 163's filter does not take a run of identical mails for bulk mail), a short text and HTML body,
 * the summary workbook attached. Sent with nodemailer over TLS (465) or STARTTLS (587); the
 * password only ever comes from TAIZHANG_SMTP_PASS and is never written anywhere.
 */
import { mkdir } from 'node:fs/promises';
import { writeFileAtomic } from './atomic.js';
import { basename, dirname } from 'node:path';
import type { Config } from '../core/config.js';
import type { Report } from '../core/report.js';
import { overdueWorstFirst } from '../core/rules/ledger.js';
import { changesLines, dutiesLine, ledgerLine, linesAsHtml, overdueItemLine, phaseLine, planLine, talksLine, visitsLine, type Changes } from '../run/text.js';
import { withRetries } from './retry.js';

export const PASSWORD_ENV = 'TAIZHANG_SMTP_PASS';

export type { Changes };

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** Subject and body of the nightly mail. */
export function mailContent(report: Report, changes: Changes | undefined, skipped: readonly string[]): MailContent {
  const t = report.tally;
  const subject = `教育实践活动台账日报 ${report.asOf}：逾期${t.ledger['已逾期']}项，即将到期${t.ledger['即将到期']}项，家访未达标${t.visits.underQuota}人`;
  const lines: string[] = [
    `${report.school} 党的群众路线教育实践活动台账日报（截至 ${report.asOf}）`,
    `当前阶段：${phaseLine(report.phase, 'zh')}`,
    '',
    ledgerLine(report, 'zh'),
    visitsLine(report, 'zh'),
    dutiesLine(report, 'zh'),
    talksLine(report, 'zh'),
    planLine(report, 'zh'),
  ];
  const overdue = overdueWorstFirst(report.ledger);
  if (overdue.length) lines.push('', '逾期整改事项：', ...overdue.map((e) => `  ${overdueItemLine(e)}`));
  if (changes) lines.push('', '与上次相比：', ...changesLines(changes).map((l) => `  ${l}`));
  if (skipped.length) lines.push('', '未能更新的工作簿：', ...skipped.map((s) => `  ${s}`));
  lines.push('', '详见附件汇总表。本邮件由 taizhang 自动发送。');
  return { subject, text: lines.join('\n'), html: linesAsHtml(lines) };
}

export class MailError extends Error {}

function describeFailure(e: unknown, config: Config): string {
  const err = e as { code?: string; responseCode?: number; response?: string; message?: string };
  const m = config.mail;
  if (err.code === 'EAUTH') return `邮箱登录失败：${m.host} 不接受用户 ${m.user ?? ''} 的密码（QQ、163 邮箱须用“授权码”而不是登录密码，放在环境变量 ${PASSWORD_ENV} 中）`;
  if (err.responseCode && err.responseCode >= 500) {
    const hint = err.responseCode === 550 && m.from && m.user && m.from !== m.user ? '；发件人 from 须与登录用户 user 相同' : '';
    // the server's reply usually starts with its own code already ("550 5.7.1 …")
    const reply = String(err.response ?? '').trim();
    const said = reply.startsWith(String(err.responseCode)) ? reply : `${err.responseCode} ${reply}`;
    return `邮件服务器拒收（${said.slice(0, 120)}）${hint}`;
  }
  if (/certificate|self.signed|CERT/i.test(String(err.message) + String(err.code))) return `邮件服务器 ${m.host} 的证书无法验证（${err.message}）`;
  return `连不上邮件服务器 ${m.host}:${m.port}（${err.code ?? err.message}）`;
}

/** A failure worth trying again: the server is unreachable, or it said "later" (4xx). */
function isTransient(e: unknown): boolean {
  const err = e as { code?: string; responseCode?: number };
  if (err.responseCode) return err.responseCode >= 400 && err.responseCode < 500;
  return ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED'].includes(err.code ?? '');
}

export interface SendOptions {
  attachment: string;
  /** Further files attached (the 问题清单 when the config asks for it). */
  more?: string[];
  /** Write the message to this .eml file instead of sending it. */
  emlPath?: string;
  log: (line: string) => void;
  /** Waits between attempts (tests shorten it through the config). */
  sleep?: (ms: number) => Promise<void>;
}

/** Sends the mail (or writes it as .eml); throws MailError with a Chinese reason after the last attempt. */
export async function sendMail(config: Config, content: MailContent, options: SendOptions): Promise<{ attempts: number }> {
  const m = config.mail;
  const message = {
    from: m.from ?? m.user,
    to: m.to,
    subject: content.subject,
    text: content.text,
    html: content.html,
    attachments: [options.attachment, ...(options.more ?? [])].map((path) => ({ filename: basename(path), path, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })),
  };
  // loaded when a mail is sent, not by `import 'taizhang'`
  const { default: nodemailer } = await import('nodemailer');
  if (options.emlPath) {
    const eml = await nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' }).sendMail(message);
    await mkdir(dirname(options.emlPath), { recursive: true });
    await writeFileAtomic(options.emlPath, eml.message as Buffer);
    return { attempts: 0 };
  }
  if (!m.to.length) throw new MailError('配置中没有收件人（mail.to），未发送邮件');
  if (!m.host) throw new MailError('配置中没有邮件服务器（mail.host），未发送邮件');
  if (!message.from) throw new MailError('配置中没有发件人（mail.from 或 mail.user），未发送邮件');
  const pass = process.env[PASSWORD_ENV];
  if (m.user && !pass) throw new MailError(`没有邮箱授权码：请在环境变量 ${PASSWORD_ENV} 中设置（不要写进配置文件）`);
  const transport = nodemailer.createTransport({
    host: m.host,
    port: m.port,
    secure: m.secure,
    requireTLS: !m.secure, // 587: STARTTLS or nothing, the password never goes in clear
    auth: m.user ? { user: m.user, pass } : undefined,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
  try {
    const tried = await withRetries({ retries: m.retries, delaySeconds: m.retryDelaySeconds, log: options.log, ...(options.sleep ? { sleep: options.sleep } : {}) },
      () => transport.sendMail(message), (e) => ({ reason: describeFailure(e, config), again: isTransient(e) }));
    if (!tried.ok) throw new MailError(tried.reason);
    return { attempts: tried.attempts };
  } finally {
    transport.close();
  }
}
