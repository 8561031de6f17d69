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

  /* Charts: the plotly bundle is fetched when a reader first asks for an interactive chart, then
     cached by the browser for every page. */
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

  /* Each chart is drawn as static SVG in the page; plotly is fetched only when the reader asks for
     the interactive chart (its button), then draws it in place of the SVG. */
  function initCharts() {
    document.querySelectorAll('.tp-chart__live').forEach(function (button) {
      var el = document.querySelector('[data-chart-id="' + button.getAttribute('data-chart-for') + '"]');
      if (!el) return;
      button.hidden = false;
      button.addEventListener('click', function () {
        button.hidden = true;
        draw(el);
      });
    });
  }

  function drawn(el) {
    if (el.getAttribute('data-chart-state') === 'drawn') return Promise.resolve();
    var button = document.querySelector('.tp-chart__live[data-chart-for="' + el.getAttribute('data-chart-id') + '"]');
    if (button) button.hidden = true;
    return draw(el);
  }

  /* A <select data-chart-select="id"> shows one trace of chart #id at a time: its static drawing
     (<template data-static-for="id" data-trace="i">) until plotly has drawn the chart, then the
     trace in plotly; with data-url-param="name", the address keeps the chosen option's data-key (?name=key). */
  function initChartSelects() {
    document.querySelectorAll('select[data-chart-select]').forEach(function (select) {
      var param = select.getAttribute('data-url-param');
      select.addEventListener('change', function () {
        var el = document.querySelector('[data-chart-id="' + select.getAttribute('data-chart-select') + '"]');
        var pick = Number(select.value);
        if (param) {
          var url = new URL(location.href);
          url.searchParams.set(param, select.options[select.selectedIndex].getAttribute('data-key'));
          history.replaceState(null, '', url);
        }
        if (!el) return;
        var still = document.querySelector('template[data-static-for="' + el.getAttribute('data-chart-id') + '"][data-trace="' + pick + '"]');
        if (still && !el.getAttribute('data-chart-state')) {  // not drawn by plotly: show the trace's static drawing
          el.replaceChildren(still.content.cloneNode(true));
          var spec = JSON.parse(el.getAttribute('data-chart'));  // and have plotly draw that trace when asked
          spec.data.forEach(function (t, i) { t.visible = i === pick; });
          spec.layout.xaxis.title.text = select.options[select.selectedIndex].getAttribute('data-unit') || '';
          el.setAttribute('data-chart', JSON.stringify(spec));
          return;
        }
        drawn(el).then(function () {
          if (!el.data || !window.Plotly) return;
          window.Plotly.restyle(el, { visible: el.data.map(function (_, i) { return i === pick; }) });
          window.Plotly.relayout(el, { 'xaxis.title.text': select.options[select.selectedIndex].getAttribute('data-unit') || '' });
        });
      });
      var asked = param && new URLSearchParams(location.search).get(param);
      var option = asked && Array.prototype.find.call(select.options, function (o) { return o.getAttribute('data-key') === asked; });
      if (option && !option.selected) {
        select.value = option.value;
        select.dispatchEvent(new Event('change'));
      }
    });
  }

  /* Deferred content (the <noscript class="tp-defer"> of a closed <details>, whose text is its HTML
     where scripts run): put in place when its <details> opens, so the first view's DOM holds only
     what is shown. */
  function materialize(noscript) {
    var t = document.createElement('template');
    t.innerHTML = noscript.textContent;
    var content = t.content;
    noscript.parentNode.replaceChild(content, noscript);
  }

  function openDeferred(details) {
    Array.prototype.slice.call(details.children).forEach(function (child) {
      if (child.matches('noscript.tp-defer')) materialize(child);
    });
  }

  /* 展开全部: the rest of a long table's rows, appended to its first rows. */
  function showAll(more) {
    var table = more.previousElementSibling && more.previousElementSibling.querySelector('tbody');
    var noscript = more.querySelector('noscript.tp-defer');
    if (!table || !noscript) return;
    var t = document.createElement('template');
    t.innerHTML = noscript.textContent;
    t.content.querySelectorAll('tbody > tr').forEach(function (tr) { table.appendChild(tr); });
    more.parentNode.removeChild(more);
  }

  function initDeferred() {
    document.addEventListener('toggle', function (e) {
      if (e.target.tagName === 'DETAILS' && e.target.open) openDeferred(e.target);
    }, true);
    document.querySelectorAll('details[open]').forEach(openDeferred);
    document.querySelectorAll('.tp-more').forEach(function (more) {
      var button = more.querySelector('.tp-more__button');
      button.hidden = false;
      button.addEventListener('click', function () { showAll(more); });
    });
  }

  /* The element of an id, putting in place the deferred content that holds it. */
  function findTarget(id) {
    var el = document.getElementById(id);
    if (el) return el;
    var needle = 'id="' + id + '"';
    var holder = Array.prototype.slice.call(document.querySelectorAll('noscript.tp-defer')).find(function (n) {
      return n.textContent.indexOf(needle) >= 0;
    });
    if (!holder) return null;
    var more = holder.closest('.tp-more');
    if (more) showAll(more);
    else materialize(holder);
    return document.getElementById(id);
  }

  /* A link to an anchor inside closed <details> opens them. */
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && findTarget(id);
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
    document.querySelectorAll('details').forEach(function (d) { d.open = true; openDeferred(d); });
    document.querySelectorAll('.tp-more').forEach(showAll);
  }

  function start() {
    addSearchButton();
    window.addEventListener('beforeprint', openAllForPrint);
    initDeferred();
    initCharts();
    initChartSelects();
    initSearch();
    openTarget();
    window.addEventListener('hashchange', openTarget);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
