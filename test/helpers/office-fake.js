// A plain fake of the Office.js surface the Excel host uses, to run the pane page in Chromium (the
// Node tests use Microsoft's office-addin-mock, which also checks load and sync; that library is
// Node-only). Plain JavaScript with no imports: injected into the page before its scripts run.
(function (root) {
  function colIndex(letters) { var n = 0; for (var i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64; return n; }
  function FakeExcel(book, api) {
    var state = { cells: {}, formats: {}, selected: undefined, loads: 0, syncs: 0 };
    var sheets = {};
    book.sheets.forEach(function (s) {
      state.cells[s.name] = {}; state.formats[s.name] = [];
      sheets[s.name] = {
        getUsedRange: function () { return { values: s.rows, rowIndex: 0, columnIndex: 0, rowCount: s.rows.length, load: function () { state.loads++; } }; },
        activate: function () { state.activated = s.name; },
        getRange: function (address) {
          var formats = state.formats[s.name];
          return {
            set values(v) {
              var m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(address), c1 = colIndex(m[1]), r1 = +m[2];
              v.forEach(function (line, i) { line.forEach(function (x, j) { var k = (r1 + i) + ',' + (c1 + j); if (x === '' || x === null) delete state.cells[s.name][k]; else state.cells[s.name][k] = x; }); });
            },
            set numberFormat(_) {},
            select: function () { state.selected = s.name + '!' + address; },
            conditionalFormats: {
              load: function () {},
              get items() { return formats.map(function (f) { return { type: 'Custom', custom: { rule: { formula: f.formula } }, delete: function () { formats.splice(formats.indexOf(f), 1); } }; }); },
              add: function () { var f = { area: address, formula: '' }; formats.push(f); return { custom: { rule: { set formula(v) { f.formula = v; } }, format: { fill: { set color(v) { f.fill = v; } }, font: { set color(v) { f.font = v; } } } } }; },
            },
          };
        },
      };
    });
    var context = {
      workbook: { worksheets: { items: book.sheets.map(function (s) { return { name: s.name }; }), load: function () {}, getItem: function (n) { return sheets[n]; } } },
      sync: function () { state.syncs++; return Promise.resolve(); },
    };
    root.Excel = { run: function (cb) { return cb(context); }, ConditionalFormatType: { custom: 'Custom' } };
    root.Office = {
      onReady: function () { return Promise.resolve({ host: 'Excel' }); },
      context: { requirements: { isSetSupported: function (_, v) { return +v.split('.')[1] <= +api.split('.')[1]; } }, document: { url: 'C:\\\\台账\\\\' + book.name } },
    };
    root.__excelState = state;
  }
  root.FakeExcel = FakeExcel;
})(typeof globalThis !== 'undefined' ? globalThis : this);
