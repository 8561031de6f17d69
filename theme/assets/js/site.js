/* Site behaviour: lazy charts, opening the section a link points to, search. No external requests. */
(function () {
  'use strict';

  var script = document.currentScript;
  var root = script.src.replace(/assets\/js\/site\.js(\?.*)?$/, '');
  var plotly = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error('cannot load ' + src)); };
      document.head.appendChild(s);
    });
  }

  /* Charts: the plotly bundle is fetched when the first chart enters the viewport (not before:
     the first screen of a page loads without it), then cached by the browser for every page. */
  function loadPlotly() {
    if (!plotly) {
      plotly = loadScript(root + 'assets/js/plotly-custom.min.js').then(function () { return window.Plotly; });
    }
    return plotly;
  }

  var CONFIG = {
    responsive: true,
    displaylogo: false,
    locale: 'zh-CN',
    modeBarButtonsToRemove: ['select2d', 'lasso2d', 'autoScale2d', 'toggleSpikelines', 'hoverClosestCartesian', 'hoverCompareCartesian'],
  };

  function draw(el) {
    var spec = JSON.parse(el.getAttribute('data-chart'));
    el.setAttribute('data-chart-state', 'loading');
    return loadPlotly().then(function (Plotly) {
      el.textContent = '';
      return Plotly.newPlot(el, spec.data, spec.layout, CONFIG);
    }).then(function () {
      el.setAttribute('data-chart-state', 'drawn');
    }, function () {
      el.setAttribute('data-chart-state', 'failed');
      el.textContent = '图表未能加载，请查看下方的数据表。';
    });
  }

  function initCharts() {
    var charts = Array.prototype.slice.call(document.querySelectorAll('[data-chart]'));
    if (!charts.length) return;
    if (!('IntersectionObserver' in window)) { charts.forEach(draw); return; }
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { seen.unobserve(entry.target); draw(entry.target); }
      });
    });
    charts.forEach(function (el) { seen.observe(el); });
  }

  /* A <select data-chart-select="id"> shows one trace of chart #id at a time. */
  function initChartSelects() {
    document.querySelectorAll('select[data-chart-select]').forEach(function (select) {
      select.addEventListener('change', function () {
        var el = document.getElementById(select.getAttribute('data-chart-select'));
        var pick = Number(select.value);
        if (!el || !el.data || !window.Plotly) return;
        window.Plotly.restyle(el, { visible: el.data.map(function (_, i) { return i === pick; }) });
        window.Plotly.relayout(el, { 'xaxis.title.text': select.options[select.selectedIndex].getAttribute('data-unit') || '' });
      });
    });
  }

  /* A link to an anchor inside closed <details> opens them. */
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (!el) return;
    for (var p = el; p; p = p.parentElement) {
      if (p.tagName === 'DETAILS') p.open = true;
    }
    el.scrollIntoView();
  }

  /* Search: the search page's interface (search.js) is loaded only where [data-search] is. */
  function initSearch() {
    var el = document.querySelector('[data-search]');
    if (!el) return;
    loadScript(root + 'assets/js/search.js').catch(function () {
      el.textContent = '检索未能加载。';
    });
  }

  /* A search button in the header (Material shows its own only with its search plugin). */
  function addSearchButton() {
    var header = document.querySelector('.md-header__inner');
    if (!header || document.querySelector('[data-search]')) return;
    var a = document.createElement('a');
    a.className = 'md-header__button md-icon tp-search-link';
    a.href = root + 'search/';
    a.setAttribute('aria-label', '检索');
    a.title = '检索';
    a.innerHTML = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.516 6.516 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5Z"/></svg>';
    header.appendChild(a);
  }

  /* Printing shows every table, not only the open ones. */
  function openAllForPrint() {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  }

  function start() {
    addSearchButton();
    window.addEventListener('beforeprint', openAllForPrint);
    initCharts();
    initChartSelects();
    initSearch();
    openTarget();
    window.addEventListener('hashchange', openTarget);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
