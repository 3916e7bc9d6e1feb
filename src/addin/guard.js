// The pane's first script, in ES5 on purpose: it runs in any engine, before the pane's own script.
// Where the engine is too old for the pane (IE11: volume-licensed Office 2016/2019, older Windows)
// the clerk reads what to do instead of a blank pane; where the pane fails while starting, why.
(function () {
  var ok;
  try {
    ok = typeof Promise === 'function' && typeof Symbol === 'function' && typeof Proxy === 'function' && typeof Reflect === 'object' && typeof WeakMap === 'function';
    // the syntax of ES2017, which the pane's script is written in
    if (ok) new Function('async function f(a = 1, ...b) { await 0; return { a, b }; } class C {} const { x } = { x: 1 }; return `${x}` + (() => f)();');
  } catch (e) {
    ok = false;
  }
  function show(detail) {
    var app = document.getElementById('app');
    var box = document.getElementById('too-old');
    if (app) app.style.display = 'none';
    if (box) {
      box.removeAttribute('hidden');
      box.style.display = 'block';
      var more = document.getElementById('too-old-detail');
      if (more && detail) more.appendChild(document.createTextNode(detail));
    }
  }
  if (!ok) {
    window.__taizhangTooOld = true;
    show('');
    return;
  }
  window.onerror = function (message) {
    if (!window.__taizhangStarted) show('（启动时出错：' + message + '）');
  };
})();
