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

  /* The modebar keeps only what works offline, in Chinese: zoom and pan where a chart has axes, and
     two downloads, PNG and SVG, whose image draws the chart's title, the department, year and unit,
     and the source (data-export, from charts.exported), under a file name saying the same. No
     "Share chart…" (it uploads the chart to Plotly Cloud), no server URL (its default is Plotly
     Cloud's), no plotly logo, no JSON or plotly's own untitled "plot-image.png" (plotly.js 4 has no
     Chart Studio link any more). */
  var UNSAFE = /[\\/:*?"<>|\s\u0000-\u001f]+/g;

  function exportMeta(el) {
    try { return JSON.parse(el.getAttribute('data-export') || '{}'); } catch (e) { return {}; }
  }

  function escapeText(text) {
    return String(text || '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  }

  /* The chart's unit: its own, else its x axis's title (a measure picker changes it). */
  function unitOf(el, meta) {
    return meta.unit || (((el.layout || {}).xaxis || {}).title || {}).text || '';
  }

  function fileName(el, meta) {
    var name = meta.filename || el.getAttribute('data-chart-id') || 'chart';
    if (!meta.unit && unitOf(el, meta)) name += '_' + unitOf(el, meta);
    return name.replace(UNSAFE, '_');
  }

  /* The figure as drawn, with the title block on white: what a PNG or SVG download holds. */
  function exportFigure(el, meta) {
    var layout = JSON.parse(JSON.stringify(el.layout || {}));
    var unit = unitOf(el, meta);
    var lines = ['<b>' + escapeText(meta.title || '') + '</b>'];
    var sub = [meta.who, meta.what, unit ? '单位：' + unit : ''].filter(Boolean).join(' · ');
    if (sub) lines.push('<span style="font-size:12px">' + escapeText(sub) + '</span>');
    if (meta.source) lines.push('<span style="font-size:11px;color:#4a5560">' + escapeText(meta.source) + '</span>');
    var room = 22 * lines.length + 34;
    var margin = layout.margin || {};
    layout.margin = { l: margin.l || 10, r: margin.r || 10, b: margin.b || 10, t: (margin.t || 10) + room };
    layout.title = { text: lines.join('<br>'), x: 0.01, xanchor: 'left', xref: 'container', y: 1, yanchor: 'top', yref: 'container', pad: { t: 18 }, font: { size: 16 } };
    layout.paper_bgcolor = '#ffffff';
    var width = Math.max(el.clientWidth || 0, 720);
    var height = (el.clientHeight || layout.height || 360) + room;
    layout.width = width;
    layout.height = height;
    layout.autosize = false;
    return { data: JSON.parse(JSON.stringify(el.data || [])), layout: layout, width: width, height: height };
  }

  function downloadAs(format) {
    return function (gd) {
      var meta = exportMeta(gd);
      var figure = exportFigure(gd, meta);
      var options = gd._context.toImageButtonOptions || {};
      return window.Plotly.downloadImage({ data: figure.data, layout: figure.layout }, {
        format: format, filename: options.filename || fileName(gd, meta),
        width: figure.width, height: figure.height, scale: format === 'png' ? (options.scale || 2) : 1,
      });
    };
  }

  function config(el, Plotly) {
    var meta = exportMeta(el);
    return {
      responsive: true,
      locale: 'zh-CN',
      displaylogo: false,
      showSendToCloud: false,
      showLink: false,
      plotlyServerURL: '',
      toImageButtonOptions: { format: 'png', filename: fileName(el, meta), scale: 2 },
      modeBarButtonsToRemove: ['toImage', 'sendDataToCloud', 'select2d', 'lasso2d', 'autoScale2d',
        'toggleSpikelines', 'hoverClosestCartesian', 'hoverCompareCartesian'],
      modeBarButtonsToAdd: [
        { name: 'downloadPNG', title: '下载 PNG 图片（含标题、单位与来源）', icon: Plotly.Icons.camera, click: downloadAs('png') },
        { name: 'downloadSVG', title: '下载 SVG 矢量图（含标题、单位与来源）', icon: Plotly.Icons.disk, click: downloadAs('svg') },
      ],
    };
  }

  function draw(el) {
    var spec = JSON.parse(el.getAttribute('data-chart'));
    el.setAttribute('data-chart-state', 'loading');
    return loadPlotly().then(function (Plotly) {
      el.textContent = '';
      return Plotly.newPlot(el, spec.data, spec.layout, config(el, Plotly));
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
        var el = document.querySelector('[data-chart-id="' + select.getAttribute('data-chart-select') + '"]');
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
