/**
 * Problems that stop a run (exit code 2): unreadable, locked, malformed or missing input, a bad
 * config. One Chinese line each, naming the file and, where it applies, the sheet and column.
 */
import type { Lang, Params } from './findings.js';
import { words, type Words } from './messages.js';

const P = {
  DIR_MISSING: words('找不到文件夹', (p) => `找不到文件夹 ${p.dir}`, (p) => `folder not found: ${p.dir}`),
  FILE_MISSING: words('找不到工作簿', (p) => `找不到工作簿 ${p.file}（应放在 ${p.dir} 中，文件名可在配置 files 中修改）`, (p) => `workbook not found: ${p.file} in ${p.dir}`),
  FILE_UNREADABLE: words('无法读取文件', (p) => `${p.file}：无法读取文件（${p.reason}）`, (p) => `${p.file}: cannot read the file (${p.reason})`),
  FILE_EMPTY: words('文件是空的', (p) => `${p.file}：文件是空的（0 字节），请用 Excel 或 WPS 重新保存`, (p) => `${p.file}: the file is empty (0 bytes)`),
  LEGACY_XLS: words('旧版 .xls 文件', (p) => `${p.file}：这是旧版 .xls 格式（或其他 Office 97-2003 文件），请在 Excel 或 WPS 中打开并“另存为” .xlsx 格式`, (p) => `${p.file}: legacy .xls (OLE2) file; open it in Excel or WPS and save it as .xlsx`),
  ENCRYPTED: words('工作簿设了打开密码', (p) => `${p.file}：工作簿设置了打开密码（已加密），无法读取；请在 Excel 或 WPS 中取消密码后另存为 .xlsx`, (p) => `${p.file}: the workbook is password-protected (encrypted); remove the password and save as .xlsx`),
  NOT_XLSX: words('不是 Excel 工作簿', (p) => `${p.file}：不是有效的 .xlsx 工作簿（${p.what}），请在 Excel 或 WPS 中打开并另存为 .xlsx`, (p) => `${p.file}: not an .xlsx workbook (${p.what})`),
  TRUNCATED: words('文件不完整', (p) => `${p.file}：文件已损坏或不完整（可能复制或下载中断），请找回完整的文件`, (p) => `${p.file}: the file is damaged or truncated`),
  ZIP_BOMB: words('解压后过大', (p) => `${p.file}：工作簿中的“${p.part}”解压后过大（${p.size}），超过上限 ${p.limit}，已拒绝读取`, (p) => `${p.file}: part ${p.part} would inflate to ${p.size}, over the limit ${p.limit}; refused`),
  ZIP_BOMB_RATIO: words('压缩比异常', (p) => `${p.file}：工作簿中的“${p.part}”解压后有 ${p.size}，是压缩后的 ${p.ratio} 倍（正常的工作簿不超过 ${p.limit} 倍），像是恶意构造的“压缩炸弹”，已拒绝读取`, (p) => `${p.file}: part ${p.part} inflates to ${p.size}, ${p.ratio} times its compressed size (limit ${p.limit}); refused as a zip bomb`),
  ZIP_TOO_BIG: words('文件过大', (p) => `${p.file}：工作簿解压后合计 ${p.size}，超过上限 ${p.limit}，已拒绝读取`, (p) => `${p.file}: the workbook inflates to ${p.size} in all, over the limit ${p.limit}; refused`),
  BAD_ZIP: words('压缩包损坏或不安全', (p) => `${p.file}：不是完好的工作簿（${p.detail}），请用 Excel 或 WPS 打开后重新保存`, (p) => `${p.file}: not a sound workbook (${p.detail}); open and save it again in Excel or WPS`),
  ENCRYPTED_PART: words('工作簿中有加密的部分', (p) => `${p.file}：工作簿中的部件“${p.part}”被加密，无法读取；请在 Excel 或 WPS 中取消加密后另存为 .xlsx`, (p) => `${p.file}: part ${p.part} is encrypted; remove the encryption and save as .xlsx`),
  BAD_ENCODING: words('文字编码有误', (p) => `${p.file}：工作簿内部的文字编码有误（${p.part} 中有无法识别为文字的字节），可能文件已损坏；请用 Excel 或 WPS 打开后重新保存`, (p) => `${p.file}: part ${p.part} is not valid UTF-8/UTF-16 text; open and save it again in Excel or WPS`),
  TOO_MANY_ROWS: words('行数超过上限', (p) => `${p.file}，工作表“${p.sheet}”：行数超过上限 ${p.limit}`, (p) => `${p.file}, sheet ${p.sheet}: more than ${p.limit} rows`),
  BAD_XML: words('工作簿内容损坏', (p) => `${p.file}：工作簿内部格式错误（${p.part}${p.detail ? `：${p.detail}` : ''}），请用 Excel 或 WPS 打开后重新保存`, (p) => `${p.file}: malformed part ${p.part}${p.detail ? ` (${p.detail})` : ''}; open and save it again in Excel or WPS`),
  LEGACY_NO_OFFICE: words('读旧版文件需要 LibreOffice', (p) => `${p.file}：这是旧版 .xls/.et 格式，需要 LibreOffice 才能读取，本机未找到；请在 Excel 或 WPS 中打开它，点“文件 → 另存为”，类型选“Excel 工作簿（*.xlsx）”，或安装 LibreOffice 后再运行`, (p) => `${p.file}: legacy .xls/.et workbook and no LibreOffice found; save it as .xlsx in Excel or WPS, or install LibreOffice`),
  LEGACY_NOT_HERE: words('旧版文件无法在这里读取', (p) => `${p.file}：这是旧版 .xls/.et 格式，这里无法直接读取；请在 Excel 或 WPS 中打开它，点“文件 → 另存为”，类型选“Excel 工作簿（*.xlsx）”后再选这个新文件`, (p) => `${p.file}: legacy .xls/.et workbook, which cannot be read here; save it as .xlsx in Excel or WPS`),
  LEGACY_CONVERT_FAILED: words('旧版文件转换失败', (p) => `${p.file}：LibreOffice 无法转换这个旧版工作簿（可能已损坏或加密）；请在 Excel 或 WPS 中打开并另存为 .xlsx`, (p) => `${p.file}: LibreOffice could not convert this legacy workbook`),
  FILES_NEEDED: words('缺少工作簿', (p) => `还缺工作簿：${p.files}。请把它们也拖进来或选上（可以分几次加入）；如果贵校的文件名不同，请在 taizhang.config.json 的 files 中写明`, (p) => `still missing: ${p.files}; add them too`),
  SEVERAL: words('几个问题', (p) => String(p.problems), (p) => String(p.problemsEn)),
  WORKBOOK_NEEDED: words('需要工作簿', (p) => `还需要 ${p.file}：请点“选择其他工作簿”选一次，以后会记住`, (p) => `${p.file} is needed too: pick it once with the file button`),
  SHEET_CHANGED: words('工作表在检查时被修改', (p) => `${p.file}，工作表“${p.sheet}”在检查之后有改动（插入、删除、排序或修改了行），为免把状态写到别的行上，这次没有写回；请先“重新检查”，再写回`, (p) => `${p.file}, sheet ${p.sheet} changed since the check (rows inserted, deleted, sorted or edited); nothing written: check again first`),
  WORKBOOK_CLOSED: words('工作簿已关闭', (p) => `检查过的工作簿 ${p.file} 已经关闭或改名，没有写入；请打开它后点“重新检查”`, (p) => `the checked workbook ${p.file} is closed or renamed; nothing written`),
  NO_WORKBOOK: words('没有打开的工作簿', () => '没有打开的工作簿：请先打开要检查的台账工作簿', () => 'no workbook is open'),
  NOT_A_LEDGER_WORKBOOK: words('不是台账工作簿', (p) => `${p.file}：不是台账工作簿（应包含工作表 ${p.expected} 之一）`, (p) => `${p.file}: not one of the office's workbooks (expected a sheet ${p.expected})`),
  SHEET_MISSING: words('找不到工作表', (p) => `${p.file}：找不到工作表“${p.sheet}”（现有工作表：${p.existing}）`, (p) => `${p.file}: sheet "${p.sheet}" not found (sheets: ${p.existing})`),
  ROSTER_EMPTY: words('名册为空', (p) => `${p.file}，工作表“${p.sheet}”：名册为空，请先填写党员名册（每位教职工一行），再检查`, (p) => `${p.file}, sheet ${p.sheet}: the roster is empty; fill it in first`),
  HEADER_NOT_FOUND: words('找不到表头', (p) => `${p.file}，工作表“${p.sheet}”：前10行中找不到表头（应包含 ${p.expected}）`, (p) => `${p.file}, sheet ${p.sheet}: no header row in the first 10 rows (expected ${p.expected})`),
  COLUMN_MISSING: words('缺少必填列', (p) => `${p.file}，工作表“${p.sheet}”：第${p.row}行表头中缺少必填列 ${p.columns}（如表头写法不同，可在配置 headers 中对应，例如 "headers": {"${p.sheet}": {${p.example}}}）`, (p) => `${p.file}, sheet ${p.sheet}: the header (row ${p.row}) lacks required column(s) ${p.columns}`),
  CANNOT_WRITE: words('无法写入', (p) => `${p.file}：无法写入（${p.reason}），未修改任何文件`, (p) => `${p.file}: cannot write (${p.reason}); no file changed`),
  REPLACE_PARTLY: words('只替换了部分工作簿', (p) => `${p.file}：无法替换（${p.reason}）；已经更新的：${p.replaced}；没有改动的：${p.untouched}`, (p) => `${p.file}: could not be replaced (${p.reason}); replaced already: ${p.replaced}; untouched: ${p.untouched}`),
  CONFIG_UNREADABLE: words('配置文件无法读取', (p) => `配置文件 ${p.file}：${p.reason}`, (p) => `config ${p.file}: ${p.reason}`),
  CONFIG_INVALID: words('配置有误', (p) => `配置文件 ${p.file}：${p.problems}`, (p) => `config ${p.file}: ${p.problems}`),
  NO_ROBOTS: words('没有群机器人', () => '配置中没有群机器人（notify）：请按 README“钉钉、企业微信群提醒”一节在 taizhang.config.json 中写明', () => 'the config names no group robot (notify)'),
  BAD_OPTION: words('参数错误', (p) => `参数错误：${p.reason}`, (p) => `bad option: ${p.reason}`),
} as const satisfies Record<string, Words>;

/** The code of a problem that stops a run (exit code 2). */
export type ProblemCode = keyof typeof P;

/** The catalogue of problems, as the docs and the tests read it. */
export const PROBLEMS: Readonly<Record<ProblemCode, Words>> = P;

/** An input the tool cannot run on. Thrown by the readers, caught by the CLI (exit code 2). */
export class InputError extends Error {
  readonly code: ProblemCode;
  readonly params: Params;
  constructor(code: ProblemCode, params: Params) {
    super(P[code].zh(params));
    this.name = 'InputError';
    this.code = code;
    this.params = params;
  }
  messageIn(lang: Lang): string {
    return P[this.code][lang](this.params);
  }
}
