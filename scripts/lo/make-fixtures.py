#!/usr/bin/python3
"""Authors test fixtures with a real spreadsheet program: LibreOffice Calc, driven headless
through its Python bridge (UNO). The files it saves are what Calc writes, not what the library
under test writes, so the reader is tested against a producer it does not control.

    /usr/bin/python3 scripts/lo/make-fixtures.py [OUT_DIR] [--only SET …]   (default: test/fixtures/lo, every set)

Needs Debian's libreoffice-calc-nogui and python3-uno (scripts/install-test-deps.sh).
The expected results of each fixture are written down, computed by hand, in the tests that use
them (test/lo-fixtures.test.ts); keep the two in step.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.table import CellAddress

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].startswith('--') else os.path.join(ROOT, 'test', 'fixtures', 'lo')


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


class Office:
    def __enter__(self):
        self.profile = tempfile.mkdtemp(prefix='lo-profile-')
        port = free_port()
        self.proc = subprocess.Popen([
            'soffice', '--headless', '--invisible', '--norestore', '--nologo', '--nodefault',
            f'-env:UserInstallation=file://{self.profile}',
            f'--accept=socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext',
        ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
        for _ in range(120):
            try:
                self.ctx = resolver.resolve(f'uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext')
                break
            except Exception:
                time.sleep(0.5)
        else:
            raise RuntimeError('LibreOffice did not start')
        self.desktop = self.ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', self.ctx)
        return self

    def __exit__(self, *exc):
        try:
            self.desktop.terminate()
        except Exception:
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)

    def new(self):
        return Book(self.desktop.loadComponentFromURL('private:factory/scalc', '_blank', 0, (prop('Hidden', True),)))


class Book:
    def __init__(self, doc):
        self.doc = doc
        self.first = True
        locale = uno.createUnoStruct('com.sun.star.lang.Locale')
        formats = doc.NumberFormats
        key = formats.queryKey('YYYY-MM-DD', locale, False)
        self.date_format = key if key != -1 else formats.addNew('YYYY-MM-DD', locale)

    def sheet(self, name):
        sheets = self.doc.Sheets
        if self.first:
            s = sheets.getByIndex(0)
            s.Name = name
            self.first = False
            return s
        sheets.insertNewByName(name, sheets.Count)
        return sheets.getByName(name)

    def fill(self, sheet, top_row, rows):
        """rows: lists of values; ('date', 'YYYY-MM-DD') makes a real date cell, str a text cell."""
        for r, row in enumerate(rows):
            for c, value in enumerate(row or ()):
                if value is None:
                    continue
                cell = sheet.getCellByPosition(c, top_row + r)
                if isinstance(value, tuple) and value[0] == 'date':
                    y, m, d = (int(x) for x in value[1].split('-'))
                    cell.setValue(serial(y, m, d))
                    cell.NumberFormat = self.date_format
                elif isinstance(value, (int, float)):
                    cell.setValue(value)
                else:
                    cell.setString(value)

    def title(self, sheet, text, columns):
        sheet.getCellByPosition(0, 0).setString(text)
        sheet.getCellRangeByPosition(0, 0, columns - 1, 0).merge(True)

    def save(self, path, filter_name='Calc MS Excel 2007 XML'):
        args = [prop('FilterName', filter_name), prop('Overwrite', True)]
        self.doc.storeToURL(uno.systemPathToFileUrl(path), tuple(args))

    def close(self):
        self.doc.close(True)


def serial(y, m, d):
    import datetime
    return (datetime.date(y, m, d) - datetime.date(1899, 12, 30)).days


D = lambda s: ('date', s)  # noqa: E731


def basic(office, out):
    """A small office, kept as clerks keep it: merged title rows, header variants, columns out of
    order, an extra column, dates as real dates and as text, a full-width space in a name,
    an 18-digit id kept as text. Config: small quotas so every case fits in a few rows."""
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, 'taizhang.config.json'), 'w', encoding='utf-8') as f:
        json.dump({'asOf': '2014-08-15',
                   'homeVisits': {'from': '2014-03-01', 'to': '2014-06-30', 'quota': {'headTeacher': 4, 'teacher': 2}},
                   'duties': {'from': '2014-03-24', 'to': '2014-04-20', 'holidays': [['2014-04-07', '2014-04-13']]},
                   'roster': {'branches': ['第一党支部', '第四党支部']},
                   'study': {'excellent': 1, 'minDays': 2}, 'publicity': {'min': 2}},
                  f, ensure_ascii=False, indent=2)

    book = office.new()
    s = book.sheet('名册')
    book.title(s, '岳阳市七中教职工名册（LibreOffice 制作）', 11)
    book.fill(s, 1, [
        ['姓名', '身份证号', '政治面貌', '所在支部', '处室', '职务', '班子成员', '班主任', '任教学科', '是否在岗', '备注', '分管处室'],
        ['吴敏华', '430602196501011234', '中共党员', '第一党支部', '校领导', '书记', '是', '否', None, '是', '组长', '高一年级组'],
        ['谭　红', '430602197002022345', '中共党员', '第一党支部', '校领导', '副校长', '√', '×', '物理', 'Y', None, '总务处'],
        ['李明', '430602198003033456', '中共党员', '第四党支部', '高一年级组', '教师', '否', '是', '语文', '是', None, None],
        ['王芳', '430602198504044567', '群众', None, '高一年级组', '教师', '否', '否', '数学', '是', None, None],
        ['周离', '430602197905055678', '中共党员', '第四党支部', '高一年级组', '教师', '否', '否', '英语', '否', '病假', None],
        ['赵强', '430602198806066789', '群众', None, '总务处', '干事', '否', '否', None, '是', None, None],
        ['刘春华', '430602197507077890', '中共党员', '第四党支部', '高一年级组', '主任', '否', '否', None, '是', None, None],
    ])
    book.save(os.path.join(out, '党员名册.xlsx'))
    book.save(os.path.join(OUT, 'legacy.xls'), 'MS Excel 97')
    book.close()

    book = office.new()
    s = book.sheet('家访记录')
    book.title(s, '“万名教师大家访”家访记录', 7)
    book.fill(s, 1, [
        ['备注', '时间', '教师姓名', '学生姓名', '班级', '家访日记', '家访方式'],
        [None, D('2014-03-05'), '李明', '甲', '高一(1)班', '是', '上门'],          # row 3: counted
        [None, '2014/3/6', '李明', '乙', '高一(1)班', '是', '上门'],               # row 4: counted
        [None, '2014年3月7日', '李明', '丙', '高一(1)班', '否', '上门'],           # row 5: counted, no diary (warning)
        [None, D('2014-04-01'), '李明', '丙', '高一(1)班', '是', '上门'],          # row 6: same household
        [None, '3月8日', '李明', '丁', '高一(1)班', '是', '电话'],                 # row 7: phone, not counted
        [None, '2014.3.9', '王芳', '戊', '高一(2)班', '是', '上门'],               # row 8: counted
        ['暑假', D('2014-07-02'), '王芳', '己', '高一(2)班', '是', '上门'],        # row 9: outside the window
        [None, '2014.3.9', '王芳', '戊', '高一(2)班', '是', '上门'],               # row 10: duplicate of row 8
        [None, D('2014-06-30'), '王芳', '庚', '高一(2)班', '是', '上门'],          # row 11: last day, counted
        [None, D('2014-05-05'), '谭红', '辛', '高一(3)班', '是', '上门'],          # row 12: counted (roster has 谭　红)
        [None, D('2014-05-06'), '谭红', '壬', '高一(3)班', '√', '上门'],           # row 13: counted
        [None, D('2014-04-04'), '张伟', '癸', '高一(4)班', '是', '上门'],          # row 14: not in the roster
        [None, D('2014-04-04'), '周离', '子', '高一(4)班', '是', '上门'],          # row 15: not on duty, no quota
        [None, '2014-02-30', '王芳', '丑', '高一(2)班', '是', '上门'],             # row 16: no such day
    ])
    # 三进三听: weeks 03-24, 03-31, 04-07 (holiday, exempt), 04-14; months 2014-03, 2014-04.
    s = book.sheet('三进三听')
    weekly = ['进课堂听课', '与教师谈心', '学生家访', '为双困生办实事']
    rows = [['日期', '领导姓名', '活动类型', '对象', '内容摘要']]
    for monday, day in (('2014-03-24', 25), ('2014-03-31', 1), ('2014-04-14', 15)):
        date = f'2014-{"03" if day > 20 else "04"}-{day:02d}'
        for duty in weekly:
            if not (duty == '进课堂听课' and monday == '2014-03-31'):   # 吴敏华 misses it that week
                rows.append([D(date), '吴敏华', duty, '高一', None])
            if not (duty == '学生家访' and monday == '2014-03-24'):     # 谭红 misses it that week
                rows.append([D(date), '谭　红', duty, '高一', None])
    rows += [
        [D('2014-03-23'), '谭红', '学生家访', '高一(2)班', '活动期前一天，不计入'],
        [D('2014-03-27'), '吴敏华', '社区宣讲', '洞庭社区', None],
        [D('2014-04-17'), '吴敏华', '社区宣讲', '洞庭社区', None],
        [D('2014-03-28'), '吴敏华', '结对帮扶', '张大爷', None],     # none in April: 吴敏华 misses 结对帮扶 2014-04
        ['2014年3月28日', '谭红', '社区宣讲', '金鹗社区', None],
        ['4月18日', '谭红', '社区宣讲', '金鹗社区', None],
        [D('2014-03-29'), '谭红', '结对帮扶', '李奶奶', None],
        [D('2014-04-19'), '谭红', '结对帮扶', '李奶奶', None],
        [D('2014-04-02'), '李明', '进课堂听课', '高一(1)班', '不是班子成员'],
        [D('2014-04-03'), '吴敏华', '听课', '高一(2)班', '类型不在可选范围'],
    ]
    book.fill(s, 0, rows)
    # 谈心谈话: required pairs 吴敏华–谭红, 吴敏华–刘春华 (分管高一年级组), 刘春华–李明 (本组党员).
    s = book.sheet('谈心谈话')
    book.fill(s, 0, [
        ['日期', '谈话人', '谈话对象', '谈心类型', '内容摘要'],
        [D('2014-05-21'), '谭　红', '吴敏华', '主要负责人与班子成员', '第一天，反向也算'],   # row 2: counted
        [D('2014-07-01'), '刘春华', '李明', '处室负责人与党员', '谈心期后一天'],           # row 3: outside the window
        [D('2014-06-10'), '吴敏华', '张伟', '提醒谈话', None],                           # row 4: 张伟 not in the roster
        ['2014/6/30', '刘春华', '吴敏华', '班子成员与分管处室负责人', None],              # row 5: last day, counted
    ])
    book.save(os.path.join(out, '走访记录.xlsx'))
    book.close()

    book = office.new()
    s = book.sheet('整改台账')
    book.title(s, '整改台账', 13)
    head = ['序号', '问题描述', '问题类别', '问题来源', '整改主体', '整改任务', '责任人', '整改标准', '整改措施', '时限', '完成情况', '完成日期', '是否公示']
    def item(seq, deadline, progress='整改中', done=None, people='谭　红', measures='措施', ):
        return [seq, f'问题{seq}', '形式主义', '群众提', '教务处', f'任务{seq}', people, '标准', measures, deadline, progress, done, '是']
    book.fill(s, 1, [
        head,
        item(1, D('2014-08-15')),                                   # row 3: due today → 即将到期 (0)
        item(2, '8月下旬'),                                         # row 4: 2014-08-31 → 整改中 (16)
        item(3, D('2014-08-21')),                                   # row 5: 7th day → 即将到期 (6)
        item(4, D('2014-08-22')),                                   # row 6: 8th day → 整改中 (7)
        item(5, '7月下旬', '已完成', D('2014-07-31')),              # row 7: done on the day → 已完成
        item(6, '7月中旬', '已完成', D('2014-07-25')),              # row 8: 2014-07-20, done late → 逾期完成 (5)
        item(7, '8月上旬'),                                         # row 9: 2014-08-10 → 已逾期 (5)
        item(8, '9月底', measures=None),                            # row 10: no 整改措施 → 要素不全
        item(9, '9月底', people='谭　红、邹四雄'),                  # row 11: 邹四雄 not in the roster → 整改中
        item(10, '尽快'),                                           # row 12: unreadable deadline → 要素不全
    ])
    book.save(os.path.join(out, '整改台账.xlsx'))
    book.close()


def study(office, out):
    """学习教育.xlsx for the basic office. Party members on duty: 吴敏华, 谭红, 李明, 刘春华."""
    book = office.new()
    s = book.sheet('心得体会')
    book.fill(s, 0, [
        ['姓名', '题目', '提交日期', '评选结果'],
        ['吴敏华', '践行群众路线', D('2014-04-01'), '优秀'],   # row 2
        ['谭　红', '照镜子正衣冠', '2014年7月1日', None],       # row 3: the day after the window, not counted
        ['李明', '学习体会', D('2014-05-01'), None],            # row 4
        ['李明', '学习体会（二）', D('2014-05-02'), None],      # row 5: a second essay counts once
    ])
    s = book.sheet('集中学习')
    book.fill(s, 0, [
        ['日期', '主题', '形式', '学时', '参加人数'],
        [D('2014-04-01'), '十八大精神', '集体学习', 2, 30],
        [D('2014-04-01'), '群众路线', '专题研讨', 2, 30],   # same day: still one day
        ['2014/4/8', '师德师风', '专家辅导', 2, 28],
        [D('2014-04-10'), '群众路线大家谈', '大家谈', 2, 30],
        [D('2014-04-11'), '专题党课', '专题党课', 2, 31],   # no 观看影片
    ])
    s = book.sheet('组织生活会')
    book.fill(s, 0, [
        ['日期', '党支部', '个人自评', '党员互评', '支部讲评', '领导点评', '应到人数', '实到人数'],
        [D('2014-04-30'), '第一党支部', '是', '是', '是', '是', 4, 4],     # row 2: before the window
        [D('2014-05-15'), '第一党支部', '是', '是', '是', None, 4, 4],     # row 3: 领导点评 blank
        [D('2014-06-30'), '第四党支部', '√', '√', '√', '√', 3, 2],         # row 4: last day, complete
    ])
    s = book.sheet('对照检查')
    book.fill(s, 0, [
        ['姓名', '提交日期', '审核', '报送督导组'],
        ['吴敏华', D('2014-06-20'), '已审核', '是'],   # on the due day
        ['谭红', D('2014-06-18'), '已审核', '否'],     # reviewed, not sent
    ])
    s = book.sheet('宣传报道')
    book.fill(s, 0, [
        ['日期', '标题', '形式', '报送单位'],
        [D('2014-01-01'), '动员', '新闻报道', '学校网站'],
        [D('2014-10-01'), '总结', '工作综述', '岳阳日报'],   # row 3: after the campaign
    ])
    s = book.sheet('征求意见')
    book.fill(s, 0, [
        ['日期', '来源', '方式', '意见内容', '问题类别', '台账序号'],
        [D('2014-03-25'), '教师', '座谈', '会议太多', '形式主义', '1'],
        [D('2014-03-26'), '家长', '意见箱', '补课收费', '师德师风', 99],   # row 3: no item 99
        [D('2014-03-27'), '家长', '家访', '作业太多', '形式主义', None],
    ])
    book.save(os.path.join(out, '学习教育.xlsx'))
    book.close()


def tiny_png(path, rgb=(200, 30, 30), size=16):
    """A small solid PNG, written by hand so the fixture needs no image library."""
    import struct
    import zlib
    raw = b''.join(b'\x00' + bytes(rgb) * size for _ in range(size))
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', size, size, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')
    with open(path, 'wb') as f:
        f.write(png)


def rich(office, out):
    """The basic office again, but the ledger carries everything a refresh must not lose, made by
    Calc itself: a chart, a pivot table, an image, comments, a data validation, the clerk's own
    conditional format, a defined name, a merged title row, a hidden column, a frozen pane and a
    clerk's formula column. Also saved as .xlsm. Expected statuses as in basic()."""
    from com.sun.star.awt import Point, Size
    from com.sun.star.sheet.DataPilotFieldOrientation import ROW, DATA
    from com.sun.star.sheet.GeneralFunction import COUNT
    from com.sun.star.sheet.ValidationType import LIST
    from com.sun.star.sheet.ConditionOperator import EQUAL
    from com.sun.star.table import CellRangeAddress

    basic(office, out)
    os.remove(os.path.join(out, '整改台账.xlsx'))
    book = office.new()
    s = book.sheet('整改台账')
    book.title(s, '整改台账（含图表、透视表、批注）', 14)
    head = ['序号', '问题描述', '问题类别', '问题来源', '整改主体', '整改任务', '责任人', '整改标准', '整改措施', '时限', '完成情况', '完成日期', '是否公示', '备注']
    def item(seq, deadline, progress='整改中', done=None, measures='措施'):
        return [seq, f'问题{seq}', ['形式主义', '官僚主义', '师德师风'][seq % 3], '群众提', '教务处', f'任务{seq}', '谭　红', '标准', measures, deadline, progress, done, '是', None]
    book.fill(s, 1, [
        head,
        item(1, D('2014-08-15')),                       # row 3: 即将到期
        item(2, '8月下旬'),                             # row 4: 整改中
        item(3, D('2014-08-21')),                       # row 5: 即将到期
        item(4, D('2014-08-22')),                       # row 6: 整改中
        item(5, '7月下旬', '已完成', D('2014-07-31')),  # row 7: 已完成
        item(6, '7月中旬', '已完成', D('2014-07-25')),  # row 8: 逾期完成
        item(7, '8月上旬'),                             # row 9: 已逾期
        item(8, '9月底', measures=None),                # row 10: 要素不全 (整改措施)
    ])
    for r in range(2, 10):   # the clerk's own formula column N: days since the deadline
        s.getCellByPosition(13, r).setFormula(f'=IF(ISNUMBER(J{r + 1});"";"文字时限")')
    s.getCellByPosition(13, 1).setString('备注')
    # a comment, a drop-down list, a conditional format, a hidden column, a frozen pane, a name
    s.getAnnotations().insertNew(CellAddress(0, 1, 2), '时限写成“8月下旬”也可以')
    s.getAnnotations().insertNew(CellAddress(0, 10, 8), '督导组要求本周完成')
    rng = s.getCellRangeByName('K3:K20')
    v = rng.Validation
    v.Type = LIST
    v.setFormula1('"未开始";"整改中";"已完成"')
    rng.Validation = v
    cf_range = s.getCellRangeByName('C3:C20')
    cf = cf_range.ConditionalFormat
    cf.addNew((prop('Operator', EQUAL), prop('Formula1', '"师德师风"'), prop('StyleName', 'Accent 1')))
    cf_range.ConditionalFormat = cf
    s.getColumns().getByIndex(3).IsVisible = False
    s.getCellByPosition(1, 2).CellBackColor = 0xDDEBF7   # the clerk's own fill on B3
    book.doc.NamedRanges.addNewByName('台账区域', '$整改台账.$A$2:$N$10', CellAddress(0, 0, 0), 0)
    book.doc.getCurrentController().freezeAtPosition(0, 2)
    # an image
    png = os.path.join(tempfile.mkdtemp(), 'seal.png')
    tiny_png(png)
    shape = book.doc.createInstance('com.sun.star.drawing.GraphicObjectShape')
    provider = office.ctx.ServiceManager.createInstanceWithContext('com.sun.star.graphic.GraphicProvider', office.ctx)
    shape.Graphic = provider.queryGraphic((prop('URL', uno.systemPathToFileUrl(png)),))
    s.DrawPage.add(shape)
    shape.setSize(Size(1500, 1500))
    shape.setPosition(Point(30000, 500))
    # a chart on its own sheet, over a small table
    c = book.sheet('统计')
    book.fill(c, 0, [['类别', '项数'], ['形式主义', 3], ['官僚主义', 3], ['师德师风', 2]])
    addr = CellRangeAddress()
    addr.Sheet, addr.StartColumn, addr.StartRow, addr.EndColumn, addr.EndRow = 1, 0, 0, 1, 3
    rect = uno.createUnoStruct('com.sun.star.awt.Rectangle')
    rect.X, rect.Y, rect.Width, rect.Height = 4000, 500, 9000, 6000
    c.getCharts().addNewByName('类别图', rect, (addr,), True, True)
    # a pivot table of the ledger by category
    p = book.sheet('透视')
    tables = p.getDataPilotTables()
    desc = tables.createDataPilotDescriptor()
    src = CellRangeAddress()
    src.Sheet, src.StartColumn, src.StartRow, src.EndColumn, src.EndRow = 0, 0, 1, 12, 9
    desc.setSourceRange(src)
    fields = desc.getDataPilotFields()
    fields.getByIndex(2).Orientation = ROW
    data = fields.getByIndex(0)
    data.Orientation = DATA
    data.Function = COUNT
    tables.insertNewByName('按类别', CellAddress(2, 0, 0), desc)
    book.save(os.path.join(out, '整改台账.xlsx'))
    book.save(os.path.join(OUT, 'rich-ledger.xlsm'), 'Calc MS Excel 2007 VBA XML')
    book.close()


def border_all(sheet, c1, r1, c2, r2):
    """Thin borders on a range, as clerks draw their tables (so a rendered page shows the grid)."""
    line = uno.createUnoStruct('com.sun.star.table.BorderLine2')
    line.OuterLineWidth = 10
    rng = sheet.getCellRangeByPosition(c1, r1, c2, r2)
    tb = rng.TableBorder2
    for side in ('TopLine', 'BottomLine', 'LeftLine', 'RightLine', 'HorizontalLine', 'VerticalLine'):
        setattr(tb, side, line)
        setattr(tb, 'Is' + side + 'Valid', True)
    rng.TableBorder2 = tb


def merge(sheet, c1, r1, c2, r2):
    sheet.getCellRangeByPosition(c1, r1, c2, r2).merge(True)


def two_level(office, out, basic_dir):
    """The basic office's visit log and ledger as other offices lay them out, the same data:
    a merged title, a two-level header (a caption merged over some columns, the other headers
    merged down over both rows), a teacher's name merged down over their visits, and under each
    table a blank row, a signature line and a note. The report must equal basic's, rows + 1."""
    os.makedirs(out, exist_ok=True)
    for name in ('taizhang.config.json', '党员名册.xlsx', '学习教育.xlsx'):
        shutil.copy(os.path.join(basic_dir, name), os.path.join(out, name))

    book = office.new()
    s = book.sheet('家访记录')
    book.title(s, '“万名教师大家访”家访记录（两级表头）', 7)
    book.fill(s, 1, [
        ['备注', '时间', '教师姓名', '学生姓名', '班级', '家访情况', None],
        [None, None, None, None, None, '家访日记', '家访方式'],
    ])
    for c in range(5):
        merge(s, c, 1, c, 2)
    merge(s, 5, 1, 6, 1)
    visits = [
        [None, D('2014-03-05'), '李明', '甲', '高一(1)班', '是', '上门'],
        [None, '2014/3/6', None, '乙', '高一(1)班', '是', '上门'],
        [None, '2014年3月7日', None, '丙', '高一(1)班', '否', '上门'],
        [None, D('2014-04-01'), None, '丙', '高一(1)班', '是', '上门'],
        [None, '3月8日', None, '丁', '高一(1)班', '是', '电话'],
        [None, '2014.3.9', '王芳', '戊', '高一(2)班', '是', '上门'],
        ['暑假', D('2014-07-02'), '王芳', '己', '高一(2)班', '是', '上门'],
        [None, '2014.3.9', '王芳', '戊', '高一(2)班', '是', '上门'],
        [None, D('2014-06-30'), '王芳', '庚', '高一(2)班', '是', '上门'],
        [None, D('2014-05-05'), '谭红', '辛', '高一(3)班', '是', '上门'],
        [None, D('2014-05-06'), '谭红', '壬', '高一(3)班', '√', '上门'],
        [None, D('2014-04-04'), '张伟', '癸', '高一(4)班', '是', '上门'],
        [None, D('2014-04-04'), '周离', '子', '高一(4)班', '是', '上门'],
        [None, '2014-02-30', '王芳', '丑', '高一(2)班', '是', '上门'],
    ]
    book.fill(s, 3, visits)                 # rows 4-17
    merge(s, 2, 3, 2, 7)                    # 李明 merged down over his five visits (C4:C8)
    border_all(s, 0, 1, 6, 16)
    book.fill(s, 18, [['填表人：邹四雄', None, '审核人：吴敏华', None, '填报日期：2014年7月10日']])   # row 19
    book.fill(s, 19, [['注：家访方式填“上门”“电话”或“其他”，只有上门家访计入。']])                     # row 20
    merge(s, 0, 19, 6, 19)
    copy_sheets(office, book, os.path.join(basic_dir, '走访记录.xlsx'), ('三进三听', '谈心谈话'))
    book.save(os.path.join(out, '走访记录.xlsx'))
    book.close()

    book = office.new()
    s = book.sheet('整改台账')
    book.title(s, '整改台账（六落实两级表头）', 13)
    book.fill(s, 1, [
        ['序号', '问题描述', '问题类别', '问题来源', '六落实', None, None, None, None, None, '完成情况', '完成日期', '是否公示'],
        [None, None, None, None, '整改主体', '整改任务', '责任人', '整改标准', '整改措施', '时限', None, None, None],
    ])
    for c in (0, 1, 2, 3, 10, 11, 12):
        merge(s, c, 1, c, 2)
    merge(s, 4, 1, 9, 1)
    def item(seq, deadline, progress='整改中', done=None, people='谭　红', measures='措施'):
        return [seq, f'问题{seq}', '形式主义', '群众提', '教务处', f'任务{seq}', people, '标准', measures, deadline, progress, done, '是']
    book.fill(s, 3, [
        item(1, D('2014-08-15')),
        item(2, '8月下旬'),
        item(3, D('2014-08-21')),
        item(4, D('2014-08-22')),
        item(5, '7月下旬', '已完成', D('2014-07-31')),
        item(6, '7月中旬', '已完成', D('2014-07-25')),
        item(7, '8月上旬'),
        item(8, '9月底', measures=None),
        item(9, '9月底', people='谭　红、邹四雄'),
        item(10, '尽快'),
    ])                                      # rows 4-13
    border_all(s, 0, 1, 12, 12)
    book.fill(s, 14, [['填表人：邹四雄', None, None, '审核人：吴敏华', None, None, '填报日期：2014年8月15日']])   # row 15
    book.fill(s, 15, [['注：整改时限可填日期，或“7月下旬”“9月底”。']])                                          # row 16
    book.save(os.path.join(out, '整改台账.xlsx'))
    book.close()


def sub_rows(office, out, basic_dir):
    """A ledger where one problem has several tasks: 序号, 问题描述, 问题类别, 问题来源 and 整改主体
    merged down over the item's sub-rows, one 整改任务 (with its own people and deadline) per row.
    Expected (as of 2014-08-15), worked out by hand in test/variants.test.ts."""
    os.makedirs(out, exist_ok=True)
    for name in ('taizhang.config.json', '党员名册.xlsx', '走访记录.xlsx'):
        shutil.copy(os.path.join(basic_dir, name), os.path.join(out, name))
    book = office.new()
    s = book.sheet('整改台账')
    book.title(s, '整改台账（一个问题多项任务）', 12)
    book.fill(s, 1, [
        ['序号', '问题描述', '问题类别', '问题来源', '整改主体', '整改任务', '整改责任人', '整改标准', '整改措施', '整改时限', '完成情况', '完成日期'],
        [1, '会议多、文件多', '形式主义', '群众提', '办公室', '精简会议', '谭　红', '会议减少三成', '合并例会', D('2014-07-31'), '已完成', D('2014-07-30')],  # row 3: 已完成
        [None, None, None, None, None, '压缩文件', '吴敏华', '文件减少三成', '统一审批', '8月下旬', '整改中', None],                              # row 4: 整改中 (16 days)
        [None, None, None, None, None, '督查考核减量', '谭　红', '考核合并', '年度考核一次', '8月上旬', '整改中', None],                         # row 5: 已逾期 (5 days)
        [2, '服务不主动', '官僚主义', '自己找', '总务处', '首问负责', '刘春华', '群众满意', '挂牌服务', D('2014-08-20'), '整改中', None],          # row 6: 即将到期 (5 days)
        [None, None, None, None, None, '限时办结', '刘春华', None, '办结公示', '9月底', '整改中', None],                                            # row 7: 要素不全 (整改标准)
        [3, '乱收费', '师德师风', '上级点', '教务处', '清退', '谭　红', '全部清退', '逐班核对', '9月底', '整改中', None],                            # row 8: 整改中
    ])
    for c in range(5):
        merge(s, c, 2, c, 4)   # item 1 over rows 3-5
        merge(s, c, 5, c, 6)   # item 2 over rows 6-7
    border_all(s, 0, 1, 11, 7)
    book.fill(s, 9, [['制表人：邹四雄', None, None, None, None, '制表日期：2014年8月15日']])   # row 10, after a blank row 9
    book.save(os.path.join(out, '整改台账.xlsx'))
    book.close()


def legacy(office, out, basic_dir):
    """The basic office kept in old formats: the roster and the ledger as .xls (Excel 97-2003), the
    visit log as .et (WPS 表格; WPS reads and writes the same binary format under that name), the
    study workbook as .xlsx. Made by opening basic's workbooks in Calc and saving them as MS Excel 97."""
    os.makedirs(out, exist_ok=True)
    shutil.copy(os.path.join(basic_dir, 'taizhang.config.json'), os.path.join(out, 'taizhang.config.json'))
    shutil.copy(os.path.join(basic_dir, '学习教育.xlsx'), os.path.join(out, '学习教育.xlsx'))
    for src, dst in (('党员名册.xlsx', '党员名册.xls'), ('整改台账.xlsx', '整改台账.xls'), ('走访记录.xlsx', '走访记录.et')):
        doc = office.desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.join(basic_dir, src)), '_blank', 0, (prop('Hidden', True),))
        doc.storeToURL(uno.systemPathToFileUrl(os.path.join(out, dst)), (prop('FilterName', 'MS Excel 97'), prop('Overwrite', True)))
        doc.close(True)


def plan(office, out, basic_dir):
    """The basic office with a 工作记录 sheet added in Calc to its 学习教育.xlsx: the plan item by item.
    Expected statuses as of 2014-08-15, worked out by hand in test/variants.test.ts."""
    os.makedirs(out, exist_ok=True)
    for name in ('taizhang.config.json', '党员名册.xlsx', '走访记录.xlsx', '整改台账.xlsx'):
        shutil.copy(os.path.join(basic_dir, name), os.path.join(out, name))
    doc = office.desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.join(basic_dir, '学习教育.xlsx')), '_blank', 0, (prop('Hidden', True),))
    book = Book(doc)
    book.first = False
    s = book.sheet('工作记录')
    book.fill(s, 0, [
        ['日期', '事项', '内容', '负责人', '参加人数', '佐证材料'],
        [D('2014-03-10'), '实施方案', '《实施方案》', '吴敏华', None, '党发〔2014〕3号'],   # row 2: item 1
        [D('2014-03-20'), '动员大会', '全校动员大会', '吴敏华', 60, None],                  # row 3: a day late for item 2
        ['2014年4月16日', '师德教育', '学习师德规范', '刘春华', 4, None],                   # row 4: item 4 (but no 观看影片)
        [D('2014-04-05'), '征求意见报告', '征求意见情况报告', '吴敏华', None, None],       # row 5: item 7
        [D('2014-06-03'), '查找问题', '主要问题书面材料', '吴敏华', None, None],           # row 6: item 8
        [D('2014-05-09'), '民主生活会', '班子专题民主生活会', '吴敏华', 2, None],           # row 7: item 11 (5月上旬)
        [D('2014-05-15'), '通报会', '通报民主生活会情况', '谭　红', 30, None],              # row 8: item 12 (after it)
        [D('2014-07-05'), '整改方案', '整改方案公示', '吴敏华', None, None],               # row 9: item 13 (ledger 要素不全)
        [D('2014-07-15'), '制度建设', '党员干部直接联系群众制度、畅通群众诉求渠道制度', '谭　红', None, None],   # rows 10-12: item 15
        [D('2014-07-28'), '制度建设', '《财务管理》、学校会计制度、专项经费监管制度', '谭　红', None, None],
        [D('2014-08-01'), '制度建设', '规范办学行为、治理教育乱收费制度、规章制度汇编', '谭　红', None, None],
        [D('2014-06-20'), '评选活动', '评选十佳教师', '谭　红', None, None],               # row 13: 四.2
        [D('2014-08-10'), '学校开放日', '开放日（八月）', '吴敏华', None, None],            # row 14: not in September
    ])
    doc.storeToURL(uno.systemPathToFileUrl(os.path.join(out, '学习教育.xlsx')), (prop('FilterName', 'Calc MS Excel 2007 XML'), prop('Overwrite', True)))
    doc.close(True)


def habits(office, out, basic_dir):
    """The basic office's visit log and ledger kept with other offices' habits, the same data:
    the visit log in one sheet per class (家访记录（一班）…) beside a 家访记录说明 sheet of notes, the
    header copied again inside the data "for printing", blank rows, dates and numbers typed with
    full-width digits, an autofilter hiding some rows, and a table formatted far below its last
    row (styled empty cells). The report must equal basic's; findings name their own sheet.
    Expected places worked out by hand in test/habits.test.ts."""
    os.makedirs(out, exist_ok=True)
    for name in ('taizhang.config.json', '党员名册.xlsx', '学习教育.xlsx'):
        shutil.copy(os.path.join(basic_dir, name), os.path.join(out, name))
    head = ['备注', '时间', '教师姓名', '学生姓名', '班级', '家访日记', '家访方式']

    book = office.new()
    s = book.sheet('家访记录说明')
    book.fill(s, 0, [
        ['填表说明'],
        ['1. 每个班一张工作表，工作表名为“家访记录（班级）”。'],
        ['2. 家访方式填“上门”“电话”或“其他”，只有上门家访计入。'],
    ])
    s = book.sheet('家访记录（一班）')
    book.title(s, '高一(1)班家访记录', 7)
    book.fill(s, 1, [
        head,
        [None, D('2014-03-05'), '李明', '甲', '高一(1)班', '是', '上门'],          # row 3
        [None, '２０１４/３/６', '李明', '乙', '高一(1)班', '是', '上门'],          # row 4: full-width digits
        head,                                                                      # row 5: the header again
        [None, '2014年3月7日', '李明', '丙', '高一(1)班', '否', '上门'],           # row 6: no diary
        [None, D('2014-04-01'), '李明', '丙', '高一(1)班', '是', '上门'],          # row 7: same household
        [None, '3月8日', '李明', '丁', '高一(1)班', '是', '电话'],                 # row 8: phone
    ])
    border_all(s, 0, 1, 6, 199)            # formatted down to row 200, as a clerk prepares a sheet
    s = book.sheet('家访记录（二班）')
    book.title(s, '高一(2)班家访记录', 7)
    book.fill(s, 1, [
        head,
        [None, '2014.3.9', '王芳', '戊', '高一(2)班', '是', '上门'],               # row 3
        None,                                                                      # row 4: blank
        ['暑假', D('2014-07-02'), '王芳', '己', '高一(2)班', '是', '上门'],        # row 5: outside the window
        [None, D('2014-06-30'), '王芳', '庚', '高一(2)班', '是', '上门'],          # row 6: last day
        [None, '2014-02-30', '王芳', '丑', '高一(2)班', '是', '上门'],             # row 7: no such day
    ])
    s = book.sheet('家访记录（其他）')
    book.title(s, '其他班级家访记录', 7)
    book.fill(s, 1, [
        head,
        [None, '2014.3.9', '王芳', '戊', '高一(2)班', '是', '上门'],               # row 3: duplicate of 二班 row 3
        [None, D('2014-05-05'), '谭红', '辛', '高一(3)班', '是', '上门'],          # row 4
        [None, D('2014-05-06'), '谭红', '壬', '高一(3)班', '√', '上门'],           # row 5
        [None, D('2014-04-04'), '张伟', '癸', '高一(4)班', '是', '上门'],          # row 6: not in the roster
        [None, D('2014-04-04'), '周离', '子', '高一(4)班', '是', '上门'],          # row 7: not on duty
    ])
    copy_sheets(office, book, os.path.join(basic_dir, '走访记录.xlsx'), ('三进三听', '谈心谈话'))
    book.save(os.path.join(out, '走访记录.xlsx'))
    book.close()

    book = office.new()
    s = book.sheet('整改台账')
    book.title(s, '整改台账', 13)
    lhead = ['序号', '问题描述', '问题类别', '问题来源', '整改主体', '整改任务', '责任人', '整改标准', '整改措施', '时限', '完成情况', '完成日期', '是否公示']
    def item(seq, deadline, progress='整改中', done=None, people='谭　红', measures='措施'):
        return [seq, f'问题{seq}', '形式主义', '群众提', '教务处', f'任务{seq}', people, '标准', measures, deadline, progress, done, '是']
    book.fill(s, 1, [
        lhead,
        item(1, D('2014-08-15')),                                   # row 3: 即将到期
        item(2, '8月下旬'),                                         # row 4: 整改中
        item(3, '２０１４年８月２１日'),                            # row 5: full-width digits → 即将到期
        item(4, D('2014-08-22')),                                   # row 6: 整改中
        item(5, '7月下旬', '已完成', D('2014-07-31')),              # row 7: 已完成 (hidden by the filter)
        None,                                                       # row 8: blank
        lhead,                                                      # row 9: the header again
        item('６', '7月中旬', '已完成', D('2014-07-25')),           # row 10: 逾期完成 (hidden by the filter)
        item(7, '8月上旬'),                                         # row 11: 已逾期
        item(8, '9月底', measures=None),                            # row 12: 要素不全
        item(9, '9月底', people='谭　红、邹四雄'),                  # row 13: 整改中
        item(10, '尽快'),                                           # row 14: 要素不全
    ])
    border_all(s, 0, 1, 12, 299)           # formatted down to row 300
    # an autofilter on 完成情况 showing only 整改中: rows 7-10 hidden, as a clerk leaves it
    from com.sun.star.sheet.FilterOperator import EQUAL
    area = s.getCellRangeByName('A2:M14').getRangeAddress()
    ranges = book.doc.DatabaseRanges
    ranges.addNewByName('台账筛选', area)
    db = ranges.getByName('台账筛选')
    db.AutoFilter = True
    field = uno.createUnoStruct('com.sun.star.sheet.TableFilterField')
    field.Field = 10
    field.Operator = EQUAL
    field.IsNumeric = False
    field.StringValue = '整改中'
    descriptor = db.getFilterDescriptor()
    descriptor.setFilterFields((field,))
    db.refresh()
    book.save(os.path.join(out, '整改台账.xlsx'))
    book.close()


def copy_sheets(office, book, path, names):
    """Sheets of another book copied cell by cell (dates as dates) into this one."""
    src = office.desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), '_blank', 0, (prop('Hidden', True),))
    for name in names:
        s = book.sheet(name)
        data = src.Sheets.getByName(name).getCellRangeByName('A1:E40').getDataArray()
        for r, row in enumerate(data):
            for c, value in enumerate(row):
                if value == '':
                    continue
                cell = s.getCellByPosition(c, r)
                original = src.Sheets.getByName(name).getCellByPosition(c, r)
                if original.getType().value == 'VALUE':
                    cell.setValue(original.getValue())
                    cell.NumberFormat = book.date_format
                else:
                    cell.setString(original.getString())
    src.close(True)


SETS = {
    'basic': lambda office: (basic(office, os.path.join(OUT, 'basic')), study(office, os.path.join(OUT, 'basic'))),
    'rich': lambda office: rich(office, os.path.join(OUT, 'rich')),
    'two-level': lambda office: two_level(office, os.path.join(OUT, 'variants', 'two-level'), os.path.join(OUT, 'basic')),
    'sub-rows': lambda office: sub_rows(office, os.path.join(OUT, 'variants', 'sub-rows'), os.path.join(OUT, 'basic')),
    'legacy': lambda office: legacy(office, os.path.join(OUT, 'variants', 'legacy'), os.path.join(OUT, 'basic')),
    'plan': lambda office: plan(office, os.path.join(OUT, 'variants', 'plan'), os.path.join(OUT, 'basic')),
    'habits': lambda office: habits(office, os.path.join(OUT, 'variants', 'habits'), os.path.join(OUT, 'basic')),
}


def main():
    """All sets, or only those named after --only (the committed ones stay byte for byte as they are)."""
    names = sys.argv[sys.argv.index('--only') + 1:] if '--only' in sys.argv else list(SETS)
    os.makedirs(OUT, exist_ok=True)
    with Office() as office:
        for name in names:
            SETS[name](office)
    print(f'fixtures written to {OUT}: {", ".join(names)}')


if __name__ == '__main__':
    main()
