// A faithful fake of the WPS 表格 object model the add-in uses (it follows Excel's VBA model: 1-based
// rows, columns and collections; Value2 as a 2D array; FormatConditions with xlExpression = 2).
// Plain JavaScript with no imports, so the same file runs in the Node tests and, injected, in Chromium.
(function (root) {
  function colIndex(letters) { var n = 0; for (var i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64; return n; }
  function colLetters(n) { var s = ''; while (n > 0) { var m = (n - 1) % 26; s = String.fromCharCode(65 + m) + s; n = Math.floor((n - 1) / 26); } return s; }
  function parse(address) {
    var m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(address);
    if (!m) throw new Error('bad address ' + address);
    return { c1: colIndex(m[1]), r1: +m[2], c2: colIndex(m[3] || m[1]), r2: +(m[4] || m[2]) };
  }
  function FakeSheet(book, name, rows, merges) {
    this.book = book; this.Name = name; this.cells = new Map(); this.formats = []; this.merges = merges || []; this.numberFormats = new Map();
    var self = this;
    rows.forEach(function (line, r) { line.forEach(function (v, c) { if (v !== null && v !== undefined && v !== '') self.cells.set((r + 1) + ',' + (c + 1), v); }); });
  }
  FakeSheet.prototype.extent = function () {
    var r2 = 1, c2 = 1;
    this.cells.forEach(function (_, k) { var p = k.split(','); r2 = Math.max(r2, +p[0]); c2 = Math.max(c2, +p[1]); });
    return { r1: 1, c1: 1, r2: r2, c2: c2 };
  };
  FakeSheet.prototype.range = function (a) { return new FakeRange(this, a); };
  FakeSheet.prototype.Range = function (address) { return this.range(parse(address)); };
  Object.defineProperty(FakeSheet.prototype, 'UsedRange', { get: function () { return this.range(this.extent()); } });
  Object.defineProperty(FakeSheet.prototype, 'Cells', { get: function () { return this.range({ r1: 1, c1: 1, r2: 1048576, c2: 16384 }); } });
  FakeSheet.prototype.Activate = function () { this.book.app.log.push(['activate', this.Name]); };
  function FakeRange(sheet, a) { this.sheet = sheet; this.a = a; }
  FakeRange.prototype.address = function () { var a = this.a; return colLetters(a.c1) + a.r1 + (a.r1 === a.r2 && a.c1 === a.c2 ? '' : ':' + colLetters(a.c2) + a.r2); };
  Object.defineProperty(FakeRange.prototype, 'Row', { get: function () { return this.a.r1; } });
  Object.defineProperty(FakeRange.prototype, 'Column', { get: function () { return this.a.c1; } });
  Object.defineProperty(FakeRange.prototype, 'Rows', { get: function () { return { Count: this.a.r2 - this.a.r1 + 1 }; } });
  Object.defineProperty(FakeRange.prototype, 'Columns', { get: function () { return { Count: this.a.c2 - this.a.c1 + 1 }; } });
  Object.defineProperty(FakeRange.prototype, 'Value2', {
    get: function () {
      var a = this.a, out = [];
      for (var r = a.r1; r <= a.r2; r++) { var line = []; for (var c = a.c1; c <= a.c2; c++) { var v = this.sheet.cells.get(r + ',' + c); line.push(v === undefined ? '' : v); } out.push(line); }
      return out.length === 1 && out[0].length === 1 ? out[0][0] : out;
    },
    set: function (v) {
      var a = this.a, grid = Array.isArray(v) ? v : [[v]];
      for (var r = a.r1; r <= a.r2; r++) for (var c = a.c1; c <= a.c2; c++) {
        var x = grid[r - a.r1] && grid[r - a.r1][c - a.c1];
        if (x === '' || x === undefined || x === null) this.sheet.cells.delete(r + ',' + c); else this.sheet.cells.set(r + ',' + c, x);
      }
      this.sheet.book.app.log.push(['write', this.sheet.Name, this.address()]);
    },
  });
  Object.defineProperty(FakeRange.prototype, 'NumberFormat', {
    get: function () { return this.sheet.numberFormats.get(this.address()) || 'General'; },
    set: function (f) { this.sheet.numberFormats.set(this.address(), f); },
  });
  FakeRange.prototype.Cells = function (r, c) { return this.sheet.range({ r1: this.a.r1 + r - 1, c1: this.a.c1 + c - 1, r2: this.a.r1 + r - 1, c2: this.a.c1 + c - 1 }); };
  FakeRange.prototype.mergeOf = function () { var a = this.a; return this.sheet.merges.find(function (m) { return a.r1 >= m.r1 && a.r1 <= m.r2 && a.c1 >= m.c1 && a.c1 <= m.c2; }); };
  Object.defineProperty(FakeRange.prototype, 'MergeCells', { get: function () { return !!this.mergeOf(); } });
  Object.defineProperty(FakeRange.prototype, 'MergeArea', {
    get: function () { var m = this.mergeOf() || this.a, s = this.sheet; return { Address: function () { return s.range(m).address(); } }; },
  });
  FakeRange.prototype.Select = function () { this.sheet.book.app.log.push(['select', this.sheet.Name, this.address()]); this.sheet.book.app.selected = this.sheet.Name + '!' + this.address(); };
  Object.defineProperty(FakeRange.prototype, 'FormatConditions', {
    get: function () {
      var sheet = this.sheet, range = this;
      return {
        get Count() { return sheet.formats.length; },
        Item: function (i) {
          var f = sheet.formats[i - 1];
          return { Type: f.Type, Formula1: f.Formula1, Interior: f.Interior, Font: f.Font, Delete: function () { sheet.formats.splice(sheet.formats.indexOf(f), 1); } };
        },
        Add: function (type, operator, formula1) {
          var f = { Type: type, Formula1: formula1, AppliesTo: range.address(), Interior: { Color: 0 }, Font: { Color: 0 } };
          sheet.formats.push(f);
          return f;
        },
      };
    },
  });
  function FakeWps(workbook) {
    var app = this;
    this.log = []; this.selected = undefined;
    var book = { app: app, Name: workbook.name, Date1904: false };
    var sheets = workbook.sheets.map(function (s) { return new FakeSheet(book, s.name, s.rows, s.merges); });
    book.Sheets = { get Count() { return sheets.length; }, Item: function (i) { return typeof i === 'number' ? sheets[i - 1] : sheets.find(function (s) { return s.Name === i; }); } };
    this.ActiveWorkbook = book;
  }
  root.FakeWps = FakeWps;
  if (typeof module !== 'undefined') module.exports = { FakeWps: FakeWps };
})(typeof globalThis !== 'undefined' ? globalThis : this);
