// The body of pagefind/pagefind.js: search.py writes the lines above (createInstance, years,
// overlay, stale, was, yearOf).
const path = (p) => new URL(p, import.meta.url).pathname;
const none = { results: [], unfilteredResultCount: 0, filters: {}, totalFilters: {} };

function words(term) {  // the words of a query, segmented as Pagefind segments it
  const lang = (typeof document !== "undefined" && document.documentElement.lang) || "zh-CN";
  return [...new Intl.Segmenter(lang, { granularity: "word" }).segment(term)]
    .filter((s) => s.isWordLike).map((s) => s.segment);
}

// A searcher of the chosen years' pages (on a site with one index of every page, of that
// index) and of the pages indexed again since the base.
export async function scope(chosen, o = {}) {
  const keep = new Set(chosen.filter((y) => years.includes(y)));
  const names = years.length ? years.filter((y) => keep.has(y)) : ["site"];
  if (!names.length) return { search: async () => none };
  const baseUrl = o.baseUrl || "/";
  const pf = createInstance({ basePath: path(`base/${names[0]}/`) });
  await pf.options({ baseUrl, mergeFilter: { index: names[0] } });
  for (const name of names.slice(1)) await pf.mergeIndex(path(`base/${name}/`), { baseUrl, mergeFilter: { index: name } });
  if (overlay) await pf.mergeIndex(path("overlay/"), { baseUrl, mergeFilter: { index: "overlay" } });

  // Pagefind matches a word an index lacks by the longest indexed word that begins it (人 for
  // 人才) or ignores it, and each index answers on its own: an index lacking 人才 would answer
  // 人才工作经费 with every page holding 人, 工作 and 经费. So only the indexes holding every
  // word of the query answer it, and none does when one of its words is in none of them.
  const count = async (q) => (await pf.search(q)).filters.index || {};  // matching pages per index
  async function holds(w) {  // {index: whether it holds w or a word w begins}
    const chars = [...w];
    if (chars.length === 1) return count(w);
    const [exact, loose, ...prefixes] = await Promise.all([`"${w}"`, w, ...chars.slice(1).map((_, k) =>
      `"${chars.slice(0, k + 1).join("")}"`)].map(count));
    const out = {};
    for (const i of Object.keys(loose)) {  // `loose` counts the words w begins, or else the longest word beginning w
      const shorter = prefixes.map((c) => c[i] || 0).reverse().find((n) => n > 0);
      out[i] = exact[i] > 0 || (loose[i] > 0 && loose[i] !== shorter);
    }
    return out;
  }
  async function holding(term) {  // the indexes to ask: those holding every word
    const held = await Promise.all(words(term).map(holds));
    return held.length ? Object.keys(held[0]).filter((i) => held.every((h) => h[i])) : null;
  }

  const shown = (x) => !stale.has(x.id) && (!yearOf.has(x.id) || keep.has(yearOf.get(x.id)));
  const current = (r) => {  // each page once, as it is now, ranked as the base ranked it
    const score = new Map(r.results.filter((x) => stale.has(x.id)).map((x) => [x.id, x.score]));
    const seen = new Set();  // a record unchanged in the base and the overlay: one id, answered by both
    const results = r.results.filter((x) => shown(x) && !seen.has(x.id) && seen.add(x.id))
      .map((x) => (score.has(was.get(x.id)) ? { ...x, score: score.get(was.get(x.id)) } : x))
      .sort((a, b) => b.score - a.score);
    return { ...r, results, unfilteredResultCount: r.unfilteredResultCount - (r.results.length - results.length) };
  };

  // A query of two words or more: the results holding them as one phrase first, each group in
  // the order of Pagefind's score for the words (Pagefind alone ranks a page holding 公共 and 服务
  // apart, or 人才 often, above the page printing 人才工作经费 once).
  async function ask(term, opts, indexes) {
    const o = indexes ? { ...opts, filters: { ...(opts.filters || {}), index: { any: indexes } } } : opts;
    const loose = current(await pf.search(term, o));
    if (words(term).length < 2 || term.includes('"')) return loose;
    const exact = current(await pf.search(`"${term}"`, o));  // (Pagefind scores every phrase match 1)
    const score = new Map(loose.results.map((x) => [x.id, x.score]));
    const ids = new Set(exact.results.map((x) => x.id));
    const first = exact.results.map((x) => ({ ...x, score: score.get(x.id) ?? 0, exact: true }))
      .sort((a, b) => b.score - a.score);
    return { ...loose, results: [...first, ...loose.results.filter((x) => !ids.has(x.id))] };
  }

  return {
    async search(term, opts = {}) {
      const indexes = await holding(term);
      if (indexes && !indexes.length) return none;
      return ask(term, opts, indexes);
    },
  };
}
