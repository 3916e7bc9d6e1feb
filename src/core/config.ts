/**
 * The plan as data: `taizhang.config.json`, validated with zod. Every key is optional and
 * defaults to the 2014 plan of 岳阳市七中; unknown keys are an error, so a typo never falls
 * back to a default in silence. Rules read every quota, window, holiday and closed list here.
 */
import { z } from 'zod';
import { SHEETS } from './columns.js';
import { isDay } from './dates.js';

const day = z.string().refine(isDay, { message: 'day' });
const window = (from: string, to: string) =>
  z
    .object({ from: day.default(from), to: day.default(to) })
    .strict()
    .refine((w) => w.from <= w.to, { message: 'window-order' });
const names = z.array(z.string().min(1)).min(1);
const count = z.number().int().min(0);

/** The query parameter of a robot's webhook that holds its token: 钉钉's access_token, 企业微信's key. */
const ROBOT_TOKEN_PARAM = { dingtalk: 'access_token', wecom: 'key' } as const;

/** `${NAME}`: an environment variable in a webhook, where the robot's token stays out of the config file. */
export const ENV_PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'env-name' });

/** The environment variable a robot's webhook takes its token from (the schema makes sure there is one). */
export function tokenEnvOf(robot: { kind: keyof typeof ROBOT_TOKEN_PARAM; webhook: string }): string | undefined {
  return new RegExp(`[?&]${ROBOT_TOKEN_PARAM[robot.kind]}=\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}`).exec(robot.webhook)?.[1];
}

/** A group robot of 钉钉 or 企业微信 that `nightly` and `notify` post the notice to. */
const robotSchema = z
  .object({
    kind: z.enum(['dingtalk', 'wecom']),
    /** The group, as the log names it (「校党总支群」); default the kind and the token's last characters. */
    name: z.string().min(1).optional(),
    /** https URL; its token as an environment variable: …/robot/send?access_token=${TAIZHANG_DINGTALK_TOKEN}. */
    webhook: z.string().min(1),
    /** 钉钉's 加签: the environment variable that holds the robot's secret (SEC…). */
    secretEnv: envName.optional(),
    /** 'owing': @ the people the notice lists, by the 手机 of the roster (钉钉 only). */
    at: z.enum(['owing']).optional(),
    /** At most this many people are listed; the rest are 「等 N 人」. */
    maxPeople: z.number().int().min(1).max(200).default(15),
    /**
     * Seconds to wait for the robot's answer. Not below 2: a robot that took the message and answers
     * late is tried again, and neither platform can tell a second try from a new message.
     */
    timeoutSeconds: z.number().min(2).max(120).default(10),
    /** Attempts after the first when the robot is down, slow or busy, waiting 1, 2, 4 … × retryDelaySeconds. */
    retries: z.number().int().min(0).max(5).default(2),
    retryDelaySeconds: z.number().min(0).max(600).default(5),
  })
  .strict()
  .superRefine((robot, ctx) => {
    // https://host[:port][/path]?query — no user:password@, no #fragment, the host written out
    const url = /^https:\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?(\/[^?#\s]*)?\?([^#\s]*)$/.exec(robot.webhook);
    if (!/^https:\/\//i.test(robot.webhook)) ctx.addIssue({ code: 'custom', path: ['webhook'], message: 'robot-https' });
    else if (!url || Number(url[2] ?? 443) < 1 || Number(url[2] ?? 443) > 65535) {
      ctx.addIssue({ code: 'custom', path: ['webhook'], message: /[?&]/.test(robot.webhook) ? 'robot-url' : `robot-token-missing:${ROBOT_TOKEN_PARAM[robot.kind]}` });
      return;
    }
    const param = ROBOT_TOKEN_PARAM[robot.kind];
    const value = new RegExp(`(?:^|&)${param}=([^&]*)`).exec(url?.[4] ?? '')?.[1];
    if (value === undefined) ctx.addIssue({ code: 'custom', path: ['webhook'], message: `robot-token-missing:${param}` });
    else if (!/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(value)) ctx.addIssue({ code: 'custom', path: ['webhook'], message: `robot-token-literal:${param}` });
    if (robot.at && robot.kind !== 'dingtalk') ctx.addIssue({ code: 'custom', path: ['at'], message: 'robot-at-wecom' });
    if (robot.secretEnv && robot.kind !== 'dingtalk') ctx.addIssue({ code: 'custom', path: ['secretEnv'], message: 'robot-secret-wecom' });
  });

/** A 钉钉 or 企业微信 group robot the notices go to (config `notify`). */
export type RobotConfig = z.output<typeof robotSchema>;

const phaseSchema = z.object({ name: z.string().min(1), from: day, to: day }).strict();

/** The zod schema of `taizhang.config.json`: unknown keys are errors, every default is the 2014 plan. */
export const configSchema = z
  .object({
    asOf: day.optional(),
    school: z.string().min(1).default('岳阳市第七中学'),
    campaign: window('2014-01-01', '2014-09-30').prefault({}),
    phases: z
      .array(phaseSchema)
      .min(1)
      .default([
        { name: '学习教育、听取意见', from: '2014-01-01', to: '2014-05-20' },
        { name: '查摆问题、开展批评', from: '2014-05-21', to: '2014-06-30' },
        { name: '整改落实、建章立制', from: '2014-07-01', to: '2014-09-30' },
      ]),
    files: z
      .object({
        roster: z.string().min(1).default('党员名册.xlsx'),
        visits: z.string().min(1).default('走访记录.xlsx'),
        ledger: z.string().min(1).default('整改台账.xlsx'),
        study: z.string().min(1).default('学习教育.xlsx'),
      })
      .strict()
      .prefault({}),
    roster: z
      .object({
        partyStatuses: names.default(['中共党员', '预备党员']),
        politicalStatuses: names.default(['中共党员', '预备党员', '群众', '其他']),
        branches: names.default(['第一党支部', '第二党支部', '第三党支部', '第四党支部', '第五党支部', '第六党支部', '第七党支部']),
      })
      .strict()
      .prefault({}),
    homeVisits: z
      .object({
        from: day.default('2014-02-17'),
        to: day.default('2014-07-10'),
        quota: z.object({ headTeacher: count.default(20), teacher: count.default(10) }).strict().prefault({}),
        methods: names.default(['上门', '电话', '其他']),
        countedMethods: names.default(['上门']),
      })
      .strict()
      .prefault({}),
    duties: z
      .object({
        from: day.default('2014-03-24'),
        to: day.default('2014-09-28'),
        holidays: z.array(z.tuple([day, day])).default([['2014-07-11', '2014-08-31']]),
        weekly: z.array(z.string().min(1)).default(['进课堂听课', '与教师谈心', '学生家访', '为双困生办实事']),
        monthly: z.array(z.string().min(1)).default(['社区宣讲', '结对帮扶']),
      })
      .strict()
      .prefault({}),
    talks: z
      .object({
        from: day.default('2014-05-21'),
        to: day.default('2014-06-30'),
        mainLeaderPosts: names.default(['书记', '校长']),
        departmentHeadPosts: names.default(['主任']),
        kinds: names.default(['主要负责人与班子成员', '班子成员之间', '班子成员与分管处室负责人', '处室负责人与党员', '提醒谈话']),
      })
      .strict()
      .prefault({}),
    ledger: z
      .object({
        dueSoonDays: z.number().int().min(1).default(7),
        categories: names.default(['形式主义', '官僚主义', '享乐主义', '奢靡之风', '师德师风']),
        sources: names.default(['群众提', '自己找', '上级点', '互相帮', '集体议']),
        progress: names.default(['未开始', '整改中', '已完成']),
        doneWord: z.string().min(1).default('已完成'),
      })
      .strict()
      .prefault({}),
    study: z
      .object({
        from: day.default('2014-03-21'),
        to: day.default('2014-06-30'),
        minDays: count.default(10),
        excellent: count.default(10),
        forms: names.default(['集体学习', '专题研讨', '专家辅导', '专题党课', '观看影片', '大家谈', '自学']),
        concentratedForms: names.default(['集体学习', '专题研讨', '专家辅导']),
        onceForms: names.default(['大家谈', '专题党课', '观看影片']),
        /** The mark of an essay chosen in the 优秀论文评选 (评选结果 column). */
        excellentMark: z.string().min(1).default('优秀'),
      })
      .strict()
      .prefault({}),
    meetings: window('2014-05-01', '2014-06-30').prefault({}),
    materials: z
      .object({
        due: day.default('2014-06-20'),
        /** The words of the 审核 column: reviewed, not reviewed. */
        reviewed: z.string().min(1).default('已审核'),
        notReviewed: z.string().min(1).default('未审核'),
      })
      .strict()
      .prefault({}),
    publicity: z
      .object({
        min: count.default(10),
        forms: names.default(['新闻报道', '人物专访', '工作综述', '活动简报']),
      })
      .strict()
      .prefault({}),
    opinions: z
      .object({
        sources: names.default(['教师', '离退休', '学生', '家长', '社会']),
        methods: names.default(['座谈', '意见箱', '热线', '信箱', '征求意见书', '家访']),
      })
      .strict()
      .prefault({}),
    plan: z
      .object({
        /** The 事项 of the 工作记录 sheet: the plan's one-off events and documents. */
        events: names.default(['实施方案', '动员大会', '师德教育', '征求意见报告', '查找问题', '民主生活会', '通报会', '整改方案', '学校开放日', '制度建设', '总结大会', '评选活动']),
        /** Per item number (`1` … `16`, `四.2`, `四.3`): another window, title, or (item 15) list of 制度. */
        items: z
          .record(z.string().min(1), z.object({ title: z.string().min(1).optional(), from: day.optional(), to: day.optional(), names: names.optional() }).strict())
          .default({}),
      })
      .strict()
      .prefault({}),
    /**
     * The office's own header texts: per sheet, a standard column to the header (or headers) the
     * office's template uses for it, e.g. {"整改台账": {"整改责任人": "责任领导"}}.
     */
    headers: z.record(z.string().min(1), z.record(z.string().min(1), z.union([z.string().min(1), names]))).default({}),
    summary: z
      .object({
        /** Folder of the summary workbook; default: the workbooks' folder. Relative to it. */
        dir: z.string().min(1).optional(),
      })
      .strict()
      .prefault({}),
    backups: z
      .object({
        /** How many earlier versions of each workbook `refresh` keeps in .taizhang/backups. */
        keep: z.number().int().min(1).max(1000).default(20),
      })
      .strict()
      .prefault({}),
    mail: z
      .object({
        to: z.array(z.string().min(3)).default([]),
        from: z.string().optional(),
        host: z.string().optional(),
        port: z.number().int().min(1).max(65535).default(465),
        secure: z.boolean().default(true),
        user: z.string().optional(),
        /** Attempts after the first when the server is down or answers 4xx, waiting 1, 2, 4 … × retryDelaySeconds. */
        retries: z.number().int().min(0).max(10).default(3),
        retryDelaySeconds: z.number().min(0).max(3600).default(60),
        /** Attach the 问题清单 workbook to the nightly mail too (the summary always is). */
        attachFindings: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    /** 钉钉 and 企业微信 group robots that get the nightly notice. */
    notify: z.array(robotSchema).default([]),
  })
  .strict()
  .superRefine((config, ctx) => {
    for (const [key, w] of [['homeVisits', config.homeVisits], ['duties', config.duties], ['talks', config.talks], ['study', config.study]] as const) {
      if (w.from > w.to) ctx.addIssue({ code: 'custom', path: [key], message: 'window-order' });
    }
    config.duties.holidays.forEach(([from, to], i) => {
      if (from > to) ctx.addIssue({ code: 'custom', path: ['duties', 'holidays', i], message: 'window-order' });
    });
    for (const [sheet, mapped] of Object.entries(config.headers)) {
      const spec = SHEETS.find((s) => s.sheet === sheet);
      if (!spec) {
        ctx.addIssue({ code: 'custom', path: ['headers', sheet], message: `unknown-sheet:${SHEETS.map((s) => s.sheet).join('、')}` });
        continue;
      }
      for (const header of Object.keys(mapped)) {
        if (!spec.columns.some((c) => c.header === header)) {
          ctx.addIssue({ code: 'custom', path: ['headers', sheet, header], message: `unknown-column:${spec.columns.map((c) => c.header).join('、')}` });
        }
      }
    }
    const known = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '四.2', '四.3'];
    for (const [item, o] of Object.entries(config.plan.items)) {
      if (!known.includes(item)) ctx.addIssue({ code: 'custom', path: ['plan', 'items', item], message: `unknown-item:${known.join('、')}` });
      if (o.from && o.to && o.from > o.to) ctx.addIssue({ code: 'custom', path: ['plan', 'items', item], message: 'window-order' });
    }
    config.phases.forEach((phase, i) => {
      if (phase.from > phase.to) ctx.addIssue({ code: 'custom', path: ['phases', i], message: 'window-order' });
    });
  });

/** The plan as data, validated: every quota, window, holiday and closed list the rules read. */
export type Config = z.output<typeof configSchema>;
/** A config as written in `taizhang.config.json`: every key optional (the 2014 plan by default). */
export type ConfigInput = z.input<typeof configSchema>;

/** The year a date like `5月10日` belongs to: the campaign's. */
export function campaignYear(config: Config): number {
  return +config.campaign.from.slice(0, 4);
}

/** A config validated: the config, or the problems as Chinese phrases naming the key. */
export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Validate a parsed config object; problems come back as Chinese phrases naming the key. */
export function parseConfig(input: unknown): ConfigResult {
  const result = configSchema.safeParse(input ?? {});
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, problems: result.error.issues.map(describeIssue) };
}

/** The defaults of the 2014 plan, as `init` writes them. */
export function defaultConfig(): Config {
  return configSchema.parse({});
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  const at = path ? `“${path}”` : '配置';
  switch (issue.code) {
    case 'unrecognized_keys': {
      const keys = issue.keys.map((k) => (path ? `${path}.${k}` : k));
      return `未知的配置项 ${keys.map((k) => `“${k}”`).join('、')}（拼写错误？）`;
    }
    case 'invalid_type':
      return `${at} 类型不对，应为${typeName(issue.expected)}`;
    case 'invalid_value':
      return `${at} 的值无效，可用：${issue.values.map((v) => `"${String(v)}"`).join('、')}`;
    case 'too_small':
      return `${at} 太小或为空`;
    case 'too_big':
      return `${at} 太大`;
    default:
      if (issue.message === 'day') return `${at} 不是有效日期，应写成 YYYY-MM-DD`;
      if (issue.message === 'window-order') return `${at} 的开始日期晚于结束日期`;
      if (issue.message.startsWith('unknown-item:')) return `${at} 不是方案的项目编号（可用：${issue.message.slice(13)}）`;
      if (issue.message.startsWith('unknown-sheet:')) return `${at} 不是已知的工作表（可用：${issue.message.slice(14)}）`;
      if (issue.message.startsWith('unknown-column:')) return `${at} 不是该表的标准列名（可用：${issue.message.slice(15)}）`;
      if (issue.message === 'env-name') return `${at} 应为环境变量名（字母、数字、下划线）`;
      if (issue.message === 'robot-url') return `${at} 不是完整的 https 地址（应形如 https://oapi.dingtalk.com/robot/send?access_token=\${环境变量名}，不含用户名、密码和 #）`;
      if (issue.message === 'robot-https') return `${at} 应为 https:// 开头的机器人 Webhook 地址`;
      if (issue.message.startsWith('robot-token-missing:')) return `${at} 中没有 ${issue.message.slice(20)}=…（从机器人设置中复制完整的 Webhook 地址）`;
      if (issue.message.startsWith('robot-token-literal:')) {
        const param = issue.message.slice(20);
        return `${at} 中的 ${param} 不要直接写进配置文件：写成 ${param}=\${环境变量名}，把令牌放进该环境变量`;
      }
      if (issue.message === 'robot-at-wecom') return `${at}：企业微信群机器人的 markdown 消息不能按手机号 @ 人，只有钉钉机器人可用`;
      if (issue.message === 'robot-secret-wecom') return `${at}：企业微信群机器人没有加签密钥，只有钉钉机器人有`;
      return `${at} 的值无效`;
  }
}

function typeName(expected: string): string {
  return (
    { string: '文本', number: '数字', int: '整数', boolean: 'true/false', array: '列表 [...]', object: '对象 {...}', tuple: '[开始, 结束] 日期对' } as Record<string, string>
  )[expected] ?? expected;
}
