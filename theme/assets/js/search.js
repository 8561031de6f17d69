/* The search page: a small interface on Pagefind's own API (pagefind/pagefind.js, which opens
   the index of each chosen fiscal year with the pages indexed again since; generator/site/search.py).
   It is loaded only on the page holding [data-search], and Pagefind's runtime and index only when
   someone searches. On a site with an index per year, data-years lists them, newest first; the
   latest is searched unless the reader picks another or every year. Filters (Pagefind's: year,
   kind, region; their values in data-filters) narrow a query. ?q=, ?year=, ?kind= and ?region=
   start a query; the address follows them. A disclosure's rows record (generator/site/search.py)
   is shown as the rows matching the query, each linked to its row: disclosure, table, row.
   Titles are set as text; excerpts are Pagefind's, which escapes the page text and adds <mark>. */
(function () {
  'use strict';

  var PAGE = 5;  // results whose text is fetched at a time (each costs one fragment request)
  var SECTIONS = 3;  // sections shown under a result
  var ROWS = 3;  // table rows shown under a rows record
  var NAMES = { year: '年度', kind: '类型', region: '地区' };
  var root = document.currentScript.src.replace(/assets\/js\/search\.js(\?.*)?$/, '');

  function make(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text) el.textContent = text;
    return el;
  }

  function init(box) {
    box.textContent = '';
    var form = make('form', 'tp-search__form');
    form.setAttribute('role', 'search');
    form.setAttribute('action', '');
    var label = make('label', 'tp-search__label', '检索公开文件');
    label.htmlFor = 'tp-search-q';
    var input = make('input', 'tp-search__input');
    input.id = 'tp-search-q';
    input.type = 'search';
    input.autocomplete = 'off';
    input.placeholder = '例如：公务接待、人才工作经费';
    var years = (box.dataset.years || '').split(' ').filter(Boolean);
    var fallback = years.length ? years[0] : '';
    var scope = make('select', 'tp-search__year');
    scope.id = 'tp-search-year';
    [''].concat(years).forEach(function (y) {
      var option = make('option', null, y ? y + ' 年度' : '全部年度');
      option.value = y;
      scope.append(option);
    });
    var row = make('div', 'tp-search__row');
    var field = make('div', 'tp-search__field');
    field.append(label, input);
    row.append(field);
    if (years.length) {
      var scopeLabel = make('label', 'tp-search__label', '年度');
      scopeLabel.htmlFor = scope.id;
      var pick = make('div', 'tp-search__field tp-search__field--year');
      pick.append(scopeLabel, scope);
      row.append(pick);
    }
    var filters = JSON.parse(box.dataset.filters || '{}');
    var pickers = {};
    var filterRow = make('div', 'tp-search__row tp-search__filters');
    Object.keys(NAMES).forEach(function (name) {
      var values = filters[name] || [];
      if ((name === 'year' && years.length) || values.length < 2) return;  // split by year: the index is the year
      var select = make('select', 'tp-search__filter');
      select.id = 'tp-search-' + name;
      select.name = name;
      [''].concat(values).forEach(function (v) {
        var option = make('option', null, v ? (name === 'year' ? v + ' 年度' : v) : '全部' + NAMES[name]);
        option.value = v;
        select.append(option);
      });
      var lab = make('label', 'tp-search__label', NAMES[name]);
      lab.htmlFor = select.id;
      var pick = make('div', 'tp-search__field tp-search__field--filter');
      pick.append(lab, select);
      filterRow.append(pick);
      pickers[name] = select;
    });
    form.append(row);
    if (Object.keys(pickers).length) form.append(filterRow);
    var status = make('p', 'tp-search__status');
    status.setAttribute('role', 'status');
    var widen = make('button', 'tp-search__widen', '在全部年度中检索');
    widen.type = 'button';
    widen.hidden = true;
    var list = make('ol', 'tp-search__results');
    var more = make('button', 'tp-search__more', '显示更多结果');
    more.type = 'button';
    more.hidden = true;
    box.append(form, status, widen, list, more);

    var module = null, opened = {}, found = [], shown = 0, turn = 0, timer = null, query = '';

    function pagefind(year) {  // a searcher of `year` ("": every year; a site not split by year: all)
      if (!module) module = import(root + 'pagefind/pagefind.js');
      if (!opened[year]) {
        opened[year] = module.then(function (pf) {
          return pf.scope(year ? [year] : pf.years, { baseUrl: new URL(root).pathname });
        }).catch(function (e) {
          delete opened[year];  // the next query tries again
          module = null;
          throw e;
        });
      }
      return opened[year];
    }

    function sections(data) {
      var subs = (data.sub_results || []).filter(function (s) { return s.url !== data.url && s.title; });
      subs.sort(function (a, b) { return (b.locations || []).length - (a.locations || []).length; });
      subs = subs.slice(0, SECTIONS);
      subs.sort(function (a, b) { return (a.anchor ? a.anchor.location : 0) - (b.anchor ? b.anchor.location : 0); });
      if (!subs.length) return null;
      var ul = make('ul', 'tp-result__sections');
      subs.forEach(function (s) {
        var li = make('li', 'tp-result__section');
        var a = make('a', null, s.title);
        a.href = s.url;
        var p = make('p', 'tp-result__excerpt');
        p.innerHTML = s.excerpt;
        li.append(a, p);
        ul.append(li);
      });
      return ul;
    }

    function pieces(text) {  // the words of a text, as the index segments Chinese
      if (typeof Intl === 'undefined' || !Intl.Segmenter) return text.split(/\s+/).filter(Boolean);
      return Array.from(new Intl.Segmenter('zh-CN', { granularity: 'word' }).segment(text))
        .filter(function (s) { return s.isWordLike; }).map(function (s) { return s.segment; });
    }

    function rows(data, term) {  // the rows of a rows record that match the query best, linked to each row
      var all = [];  // [anchor, table, code, name] of each row, from [[table, resource, [[tail, code, name] …]] …]
      try {
        JSON.parse(data.meta.rows || '[]').forEach(function (t) {
          t[2].forEach(function (r) { all.push([t[1] + '-r' + r[0], t[0], r[1], r[2]]); });
        });
      } catch (e) { return null; }
      var whole = term.replace(/\s+/g, '');
      var parts = pieces(term);
      var scored = all.map(function (r, k) {
        var text = (r[2] + ' ' + r[3]).replace(/\s+/g, '');
        var score = text.indexOf(whole) >= 0 ? parts.length + 1
          : parts.filter(function (w) { return text.indexOf(w) >= 0; }).length;
        return { r: r, score: score, k: k };
      });
      var best = Math.max.apply(null, scored.map(function (x) { return x.score; }).concat([0]));
      scored = scored.filter(function (x) { return x.score > 0 && (best <= parts.length || x.score === best); });
      scored.sort(function (a, b) { return b.score - a.score || a.k - b.k; });
      if (!scored.length) return null;
      var page = data.url.split('#')[0];
      var ul = make('ul', 'tp-result__rows');
      scored.slice(0, ROWS).forEach(function (x) {
        var li = make('li', 'tp-result__row');
        var a = make('a', null, (x.r[2] ? x.r[2] + ' ' : '') + x.r[3]);
        a.href = page + '#' + x.r[0];
        li.append(make('span', 'tp-result__table', x.r[1] + '：'), a);
        ul.append(li);
      });
      if (scored.length > ROWS) ul.append(make('li', 'tp-result__row tp-result__row--more', '另有 ' + (scored.length - ROWS) + ' 行'));
      return ul;
    }

    function item(data, exact, term) {
      var li = make('li', 'tp-result' + (exact ? ' tp-result--exact' : ''));
      var tabular = data.meta && data.meta.rows;
      var a = make('a', 'tp-result__title', (data.meta && data.meta.title) || data.url);
      a.href = data.url;
      li.append(a);
      if (exact) li.append(make('span', 'tp-result__tag', '完整包含“' + term + '”'));
      var found = tabular ? rows(data, term) : null;
      if (found) {
        li.append(found);
      } else {
        var p = make('p', 'tp-result__excerpt');
        p.innerHTML = data.excerpt;
        li.append(p);
      }
      var subs = tabular ? null : sections(data);
      if (subs) li.append(subs);
      return li;
    }

    function busy(on) {  // aria-busy on the results while their text loads
      list.setAttribute('aria-busy', on ? 'true' : 'false');
    }

    function showMore(mine) {
      var next = found.slice(shown, shown + PAGE);
      shown += next.length;
      more.hidden = true;
      busy(true);
      return Promise.all(next.map(function (r) { return r.data(); })).then(function (datas) {
        if (mine !== turn) return;
        datas.forEach(function (d, k) { list.append(item(d, next[k].exact, query)); });
        more.hidden = shown >= found.length;
        busy(false);
      });
    }

    function run(term) {
      var mine = ++turn;
      var year = scope.value;
      term = term.trim();
      var url = new URL(location.href);
      if (term) url.searchParams.set('q', term); else url.searchParams.delete('q');
      if (year === fallback) url.searchParams.delete('year'); else url.searchParams.set('year', year || 'all');
      var chosen = {}, said = [];
      Object.keys(pickers).forEach(function (name) {
        var v = pickers[name].value;
        if (v) { chosen[name] = v; said.push(name === 'year' ? v + ' 年度' : v); url.searchParams.set(name, v); }
        else url.searchParams.delete(name);
      });
      history.replaceState(null, '', url);
      query = term;
      list.textContent = '';
      more.hidden = true;
      widen.hidden = true;
      found = [];
      shown = 0;
      if (!term) { status.textContent = ''; busy(false); return Promise.resolve(); }
      status.textContent = '正在检索……';
      busy(true);
      if (year) said.unshift(year + ' 年度');
      var where = said.length ? '（' + said.join('，') + '）' : '';
      return pagefind(year).then(function (pf) { return pf.search(term, { filters: chosen }); }).then(function (res) {
        if (mine !== turn) return;
        found = res.results;
        status.textContent = found.length ? '“' + term + '”' + where + '：' + found.length + ' 个页面'
          : '没有找到“' + term + '”' + where + '。可换一个词，或少用几个字。';
        widen.hidden = !year && !said.length;
        widen.textContent = Object.keys(chosen).length ? '清除筛选，在全部公开文件中检索' : '在全部年度中检索';
        return showMore(mine);
      }).catch(function () {
        if (mine !== turn) return;
        status.textContent = '检索索引未能加载。';
        busy(false);
      });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, 300);
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(timer);
      run(input.value);
    });
    more.addEventListener('click', function () { showMore(turn); });
    scope.addEventListener('change', function () { run(input.value); });
    Object.keys(pickers).forEach(function (name) {
      pickers[name].addEventListener('change', function () { run(input.value); });
    });
    widen.addEventListener('click', function () {
      scope.value = '';
      Object.keys(pickers).forEach(function (name) { pickers[name].value = ''; });
      run(input.value);
    });

    var params = new URLSearchParams(location.search);
    var asked = params.get('year');
    scope.value = asked === 'all' ? '' : years.indexOf(asked) >= 0 ? asked : fallback;
    Object.keys(pickers).forEach(function (name) {
      var v = params.get(name);
      if (v && (filters[name] || []).indexOf(v) >= 0) pickers[name].value = v;
    });
    var q = params.get('q');
    if (q) {
      input.value = q;
      run(q);
    }
  }

  var box = document.querySelector('[data-search]');
  if (box) init(box);
})();
