// The body of pagefind/pagefind.js: search.py writes the lines above (createInstance, years,
// site, overlay, stale, was, yearOf).
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
  const names = site ? ["site"] : years.filter((y) => keep.has(y));
  if (!names.length) return { search: async () => none };
  const baseUrl = o.baseUrl || "/";
  const pf = createInstance({ basePath: path(`base/${names[0]}/`) });
  await pf.options({ baseUrl, mergeFilter: { index: names[0] } });
  for (const name of names.slice(1)) await pf.mergeIndex(path(`base/${name}/`), { baseUrl, mergeFilter: { index: name } });
  if (overlay) await pf.mergeIndex(path("overlay/"), { baseUrl, mergeFilter: { index: "overlay" } });

  // Each index answers on its own, and Pagefind matches a word an index lacks by a shorter one
  // (人 for 人才) or ignores it: that index would answer with pages one index of every page
  // would not. So where several indexes answer, only those holding each word of the query (of
  // the words some index holds) do: the word itself, or for one character, a word it begins.
  async function holding(term) {
    if (names.length + overlay < 2) return null;
    const counts = await Promise.all(words(term).map(async (w) =>
      (await pf.search([...w].length > 1 ? `"${w}"` : w)).filters.index || {}));
    const held = counts.filter((c) => Object.values(c).some((n) => n > 0));
    if (!held.length) return null;
    return Object.keys(held[0]).filter((i) => held.every((c) => c[i] > 0));
  }

  const shown = (x) => !stale.has(x.id) && (!yearOf.has(x.id) || yearOf.get(x.id) === "" || keep.has(yearOf.get(x.id)));
  const current = (r) => {  // each page once, as it is now, ranked as the base ranked it
    const score = new Map(r.results.filter((x) => stale.has(x.id)).map((x) => [x.id, x.score]));
    const results = r.results.filter(shown)
      .map((x) => (score.has(was.get(x.id)) ? { ...x, score: score.get(was.get(x.id)) } : x))
      .sort((a, b) => b.score - a.score);
    return { ...r, results, unfilteredResultCount: r.unfilteredResultCount - (r.results.length - results.length) };
  };

  return {
    async search(term, opts = {}) {
      const indexes = await holding(term);
      if (indexes && !indexes.length) return none;
      return current(await pf.search(term, indexes ? { ...opts, filters: { index: { any: indexes } } } : opts));
    },
  };
}
