// The dashboard's browser script. It is written here as one self-contained function, type-checked
// with the rest of the code, and served as its source text (`clientScript()`): it must not refer to
// anything outside itself. Everything from the data is put on the page with textContent or as
// attribute values set through the DOM, never as HTML.

/** The script served at /static/dashboard.js. */
export function clientScript(): string {
  // Compilers that keep function names (esbuild under tsx) wrap inner functions in __name(); give the
  // browser a stand-in so the source text runs unchanged whichever compiler produced it.
  return `"use strict";\nvar __name = function (target) { return target; };\n(${dashboardClient.toString()})();\n`;
}

interface VegaView {
  runAsync(): Promise<unknown>;
  finalize(): void;
  addEventListener(type: string, handler: (event: Event, item: { datum?: Record<string, unknown> } | null | undefined) => void): void;
}

interface VegaGlobal {
  View: new (runtime: unknown, options: { renderer: string; container: HTMLElement; hover: boolean }) => VegaView;
  parse(spec: unknown): unknown;
}

type Params = Record<string, string>;

interface Cell {
  text: string;
  note?: string;
  flag?: string;
  drill?: Params;
}

interface ChartPayload {
  id: string;
  title: string;
  caption: string;
  table: { columns: Array<{ label: string; numeric?: boolean; note?: string }>; rows: Cell[][] };
  vega: unknown;
}

interface ChartsResponse {
  label: string;
  pair: [string, string];
  definitions: Record<string, string>;
  headline: {
    papers: number;
    papersInScope: number;
    pairPapers: number;
    share: number;
    ci95: [number, number];
    unresolved: { affiliations: number; unresolved: number; share: number };
    coverage?: { papers: number; anyLocated: number; allLocated: number; shareAnyLocated: number; shareAllLocated: number };
  };
  charts: ChartPayload[];
}

interface MetaResponse {
  pair: [string, string];
  definitions: Record<string, string>;
  venues: string[];
  years: number[];
  fields: string[];
  sectors: string[];
  institutions: string[];
}

interface AffiliationPayload {
  raw: string;
  institution: string | null;
  institutionId: string | null;
  country: string | null;
  hqCountry: string | null;
  sector: string | null;
  confidence: number;
  method: string;
  evidence: string[];
  reason?: string;
  model?: string;
  counted: boolean;
  countsFor: string | null;
}

interface PaperPayload {
  pair: [string, string];
  definitions: Record<string, string>;
  inScope: boolean;
  isPair: boolean;
  paper: {
    id: string;
    title: string;
    venue: string;
    year: number;
    track: string | null;
    url: string | null;
    source: { file: string; index: number };
    countries: string[];
    fields: string[];
    fieldEvidence: Array<{ field: string; signal: string; terms: string[]; score: number }>;
    technologies: Array<{ name: string; origin: { organization: string; country: string }; matched: string[]; use?: string; cue?: string }>;
  };
  authors: Array<{ name: string; emailDomain: string | null; countries: string[]; dual: boolean; affiliations: AffiliationPayload[] }>;
  /** The paper's affiliations no author holds (slots past the last author). */
  unattributed: AffiliationPayload[];
}

export function dashboardClient(): void {
  const vega = (window as unknown as { vega: VegaGlobal }).vega;
  const DEFINITIONS = ['chinaScope', 'multinational', 'dualAffiliation', 'affiliations', 'tracks', 'authors', 'unlocated', 'denominator', 'institutionLevel', 'contestedParents'];
  const form = document.getElementById('controls') as HTMLFormElement;
  const statusEl = document.getElementById('status') as HTMLElement;
  const headlineEl = document.getElementById('headline') as HTMLElement;
  const chartsEl = document.getElementById('charts') as HTMLElement;
  const drawer = document.getElementById('drawer') as HTMLElement;
  const drawerTitle = document.getElementById('drawer-title') as HTMLElement;
  const drawerBody = document.getElementById('drawer-body') as HTMLElement;
  const drawerBack = document.getElementById('drawer-back') as HTMLButtonElement;
  let meta: MetaResponse | null = null;
  let views: VegaView[] = [];
  let generation = 0;
  let lastList: { params: Params; title: string } | null = null;

  // ---- small DOM helpers: text only ----
  function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string | number | null): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function field(name: string): HTMLInputElement | HTMLSelectElement {
    return form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
  }
  function fmt(n: number): string {
    return n.toLocaleString('en-US');
  }
  function pct(share: number, digits: number): string {
    return `${(share * 100).toFixed(digits)}%`;
  }
  function setStatus(text: string, error = false): void {
    statusEl.textContent = text;
    statusEl.className = error ? 'error' : '';
  }
  async function getJson<T>(url: string): Promise<T> {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = (await response.json()) as T & { error?: string };
    if (!response.ok) throw new Error(body.error ?? `${response.status} ${response.statusText}`);
    return body;
  }
  function query(params: Params): string {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value !== '') search.set(key, value);
    return search.toString();
  }
  function countButton(text: string, drill: Params, title: string): HTMLButtonElement {
    const button = el('button', 'count', text);
    button.type = 'button';
    button.title = `show the papers behind this number`;
    button.addEventListener('click', () => void openPapers(drill, title));
    return button;
  }

  // ---- the analysis parameters from the form, and back ----
  function currentParams(): Params {
    const params: Params = {};
    const venue = field('venue').value;
    if (venue) params.venue = venue;
    const from = field('yearFrom').value;
    const to = field('yearTo').value;
    if (from || to) {
      const years = meta ? meta.years : [];
      const lo = from || String(years[0] ?? '');
      const hi = to || String(years[years.length - 1] ?? '');
      params.year = lo === hi ? lo : `${lo}-${hi}`;
    }
    for (const name of ['field', 'sector', 'institution']) {
      const value = field(name).value.trim();
      if (value) params[name] = value;
    }
    const pair = field('pair').value.trim();
    if (pair) params.pair = pair.toUpperCase();
    for (const name of DEFINITIONS) params[name] = field(name).value;
    return params;
  }
  function applyParams(search: URLSearchParams): void {
    if (!meta) return;
    field('venue').value = search.get('venue') ?? '';
    const year = search.get('year') ?? '';
    const range = /^(\d{4})(?:-(\d{4}))?$/.exec(year);
    field('yearFrom').value = range ? range[1] : '';
    field('yearTo').value = range ? (range[2] ?? range[1]) : '';
    for (const name of ['field', 'sector', 'institution']) field(name).value = search.get(name) ?? '';
    field('pair').value = search.get('pair') ?? meta.pair.join(',');
    for (const name of DEFINITIONS) field(name).value = search.get(name) ?? meta.definitions[name];
  }
  function fillSelect(name: string, values: Array<string | number>): void {
    const select = field(name) as HTMLSelectElement;
    for (const value of values) {
      const option = el('option', undefined, value);
      option.value = String(value);
      select.append(option);
    }
  }

  // ---- the page ----
  async function refresh(): Promise<void> {
    const mine = ++generation;
    const params = currentParams();
    setStatus('Computing…');
    history.replaceState(null, '', `?${query(params)}`);
    try {
      const data = await getJson<ChartsResponse>(`/api/charts?${query(params)}`);
      if (mine !== generation) return;
      renderHeadline(data);
      await renderCharts(data);
      if (mine !== generation) return;
      setStatus(`${data.label}: ${fmt(data.headline.papersInScope)} papers in scope. Click any underlined number or chart mark to see its papers.`);
    } catch (error) {
      if (mine === generation) setStatus(`Error: ${(error as Error).message}`, true);
    }
  }

  /** "the US", "China" (as the report's captions say it); the code for other countries. */
  function countryProse(code: string): string {
    const names: Record<string, string> = { US: 'the US', GB: 'the UK', CN: 'China', HK: 'Hong Kong', TW: 'Taiwan', MO: 'Macau' };
    return names[code] ?? code;
  }

  function renderHeadline(data: ChartsResponse): void {
    const h = data.headline;
    const label = `${data.pair[0]}-${data.pair[1]}`;
    // The title follows the filters (venues, years, pair) of the view.
    const titleText = `${label} collaboration — ${data.label}`;
    const heading = document.getElementById('title');
    if (heading) heading.textContent = titleText;
    document.title = `${titleText} · collabscope`;
    headlineEl.replaceChildren();
    const line = el('p');
    line.style.margin = '0';
    const pairCount = countButton(fmt(h.pairPapers), { has: 'pair' }, `${label} collaboration papers`);
    pairCount.id = 'headline-pair';
    const located = data.definitions.denominator !== 'all';
    const total = countButton(fmt(h.papersInScope), { scope: 'in' }, located ? 'in-scope papers with a located author' : 'in-scope papers');
    total.id = 'headline-total';
    const strong = el('strong');
    strong.append(pairCount);
    line.append(
      strong,
      ` of `,
      total,
      `${located ? ' in-scope papers with at least one located author' : ' in-scope papers (all, located or not)'} (${pct(h.share, 2)}, 95% interval ${pct(h.ci95[0], 2)}–${pct(h.ci95[1], 2)}) are ${label} collaboration papers: at least one author affiliated in ${countryProse(data.pair[0])} and one in ${countryProse(data.pair[1])}.`,
    );
    const note = el(
      'p',
      'definitions',
      `Unresolved affiliations in this view: ${fmt(h.unresolved.unresolved)} of ${fmt(h.unresolved.affiliations)} (${pct(h.unresolved.share, 2)}). ` +
        (h.coverage
          ? `Coverage: ${fmt(h.coverage.anyLocated)} of ${fmt(h.coverage.papers)} papers (${pct(h.coverage.shareAnyLocated, 1)}) have a located author, ${fmt(h.coverage.allLocated)} (${pct(h.coverage.shareAllLocated, 1)}) every author located. `
          : '') +
        `${data.charts[0]?.caption.match(/Definitions: .*$/)?.[0] ?? ''}`,
    );
    headlineEl.append(line, note);
  }

  async function renderCharts(data: ChartsResponse): Promise<void> {
    for (const view of views) view.finalize();
    views = [];
    chartsEl.replaceChildren();
    const pending: Array<Promise<unknown>> = [];
    for (const chart of data.charts) {
      const card = el('section', `card${chart.id === 'network' || chart.id === 'institutions' || chart.id === 'sensitivity' ? ' wide' : ''}`);
      card.id = `chart-${chart.id}`;
      card.setAttribute('aria-labelledby', `chart-${chart.id}-title`);
      const title = el('h2', undefined, chart.title);
      title.id = `chart-${chart.id}-title`;
      const plot = el('div', 'plot');
      plot.setAttribute('role', 'img');
      plot.setAttribute('aria-label', `${chart.title}. ${chart.caption}`);
      const caption = el('p', 'caption', chart.caption);
      const details = el('details');
      details.open = chart.id === 'sensitivity';
      details.append(el('summary', undefined, 'Numbers behind the chart (click a number for its papers)'), table(chart));
      card.append(title, plot, caption, details);
      if (chart.id === 'sensitivity') card.append(variantButtons(chart));
      chartsEl.append(card);
      const view = new vega.View(vega.parse(chart.vega), { renderer: 'svg', container: plot, hover: true });
      view.addEventListener('click', (_event, item) => {
        const datum = item?.datum;
        const drill = datum?.drill as Params | undefined;
        if (drill) void openPapers(drill, `${chart.title}: ${describeDatum(datum!)}`);
      });
      views.push(view);
      pending.push(view.runAsync());
    }
    await Promise.all(pending);
  }

  function describeDatum(datum: Record<string, unknown>): string {
    for (const key of ['institution', 'variant', 'field', 'technology', 'series']) {
      if (typeof datum[key] === 'string') {
        const extra = key === 'technology' ? ` (${String(datum.measure)})` : key === 'series' ? ` ${String(datum.year)}` : '';
        return `${datum[key] as string}${extra}`;
      }
    }
    if (typeof datum.sectorA === 'string') return `${datum.sectorA as string} × ${datum.sectorB as string}`;
    return 'selection';
  }

  function table(chart: ChartPayload): HTMLElement {
    // the sensitivity table is short: shown whole, with room for its explanations
    const wrap = el('div', chart.id === 'sensitivity' ? 'table-wrap full' : 'table-wrap');
    const t = el('table', chart.id === 'sensitivity' ? 'sensitivity' : undefined);
    const head = el('tr');
    for (const column of chart.table.columns) {
      const th = el('th', column.numeric ? 'num' : undefined, column.label);
      th.scope = 'col';
      if (column.note) th.append(el('span', 'note', column.note));
      head.append(th);
    }
    const thead = el('thead');
    thead.append(head);
    const tbody = el('tbody');
    for (const row of chart.table.rows) {
      const tr = el('tr');
      row.forEach((cell, i) => {
        const column = chart.table.columns[i];
        const td = el('td', column?.numeric ? 'num' : undefined);
        if (cell.drill) td.append(countButton(cell.text, cell.drill, `${chart.title}: ${row[0]?.text ?? ''}${column ? ` — ${column.label}` : ''}`));
        else td.textContent = cell.text;
        if (cell.note) {
          const note = el('span', 'note', cell.note);
          if (cell.flag) note.append(' ', el('code', 'flag', cell.flag));
          td.append(note);
        }
        tr.append(td);
      });
      tbody.append(tr);
    }
    t.append(thead, tbody);
    wrap.append(t);
    return wrap;
  }

  /** Buttons that make a sensitivity variant the definitions in force. */
  function variantButtons(chart: ChartPayload): HTMLElement {
    const box = el('div', 'variants');
    box.append(el('span', undefined, 'Switch to:'));
    for (const row of chart.table.rows.slice(1)) {
      const drill = row.find((cell) => cell.drill)?.drill;
      if (!drill) continue;
      const button = el('button', undefined, row[0].text);
      button.type = 'button';
      button.addEventListener('click', () => {
        for (const name of DEFINITIONS) if (drill[name]) field(name).value = drill[name];
        void refresh();
      });
      box.append(button);
    }
    return box;
  }

  // ---- the papers behind a number, and one paper's evidence ----
  async function openPapers(drill: Params, title: string): Promise<void> {
    const params = { ...currentParams(), ...drill, limit: '500' };
    lastList = { params: drill, title };
    drawer.hidden = false;
    drawerBack.hidden = true;
    drawerTitle.textContent = title;
    drawerBody.replaceChildren(el('p', undefined, 'Loading…'));
    try {
      const data = await getJson<{ total: number; papers: Array<{ id: string; title: string; venue: string; year: number; countries: string[] }> }>(
        `/api/papers?${query(params)}`,
      );
      const list = el('ul', 'paper-list');
      for (const paper of data.papers) {
        const li = el('li');
        const button = el('button', undefined, paper.title || '(no title)');
        button.type = 'button';
        button.dataset.paperId = paper.id;
        button.addEventListener('click', () => void openPaper(paper.id));
        li.append(button, el('div', 'meta', `${paper.venue} ${paper.year} · ${paper.id} · ${paper.countries.join(', ') || 'no country resolved'}`));
        list.append(li);
      }
      const count = el('p', 'paper-count', `${fmt(data.total)} paper${data.total === 1 ? '' : 's'}${data.total > data.papers.length ? ` (first ${data.papers.length} shown)` : ''}`);
      drawerBody.replaceChildren(count, list);
    } catch (error) {
      drawerBody.replaceChildren(el('p', 'error', `Error: ${(error as Error).message}`));
    }
  }

  async function openPaper(id: string): Promise<void> {
    const params = currentParams();
    const definitions: Params = {};
    for (const name of [...DEFINITIONS, 'pair']) if (params[name]) definitions[name] = params[name];
    if (lastList) for (const name of DEFINITIONS) if (lastList.params[name]) definitions[name] = lastList.params[name];
    drawerBack.hidden = lastList === null;
    drawerBody.replaceChildren(el('p', undefined, 'Loading…'));
    try {
      const data = await getJson<PaperPayload>(`/api/papers/${encodeURIComponent(id)}?${query(definitions)}`);
      renderPaper(data);
    } catch (error) {
      drawerBody.replaceChildren(el('p', 'error', `Error: ${(error as Error).message}`));
    }
  }

  function renderPaper(data: PaperPayload): void {
    const p = data.paper;
    const label = `${data.pair[0]}-${data.pair[1]}`;
    drawerTitle.textContent = p.title || '(no title)';
    drawerTitle.dataset.paperId = p.id;
    const body: HTMLElement[] = [];
    const facts = el('p', 'meta', `${p.venue} ${p.year}${p.track ? ` · ${p.track}` : ''} · ${p.id} · ${p.source.file} record ${p.source.index}`);
    body.push(facts);
    if (p.url && /^https?:\/\//i.test(p.url)) {
      const link = el('a', undefined, p.url);
      link.href = p.url;
      link.rel = 'noopener noreferrer';
      link.target = '_blank';
      body.push(link);
    }
    const verdict = el('p');
    verdict.append(
      `Countries under these definitions: ${p.countries.join(', ') || 'none resolved'}. `,
      el('span', `tag ${data.isPair ? 'yes' : ''}`, data.isPair ? `${label} collaboration paper` : `not a ${label} collaboration paper`),
      data.inScope ? '' : el('span', 'tag warn', 'out of scope (track)'),
    );
    body.push(verdict, el('h3', undefined, 'Authors and affiliations'));
    // one affiliation: its text, what it resolved to, whether and for what it counts, the rule and evidence
    const affiliationItem = (a: AffiliationPayload, notCounted: string) => {
      const item = el('div', `affiliation${a.counted ? '' : ' not-counted'}`);
      const raw = el('p');
      raw.style.margin = '0';
      raw.append(el('span', 'raw', a.raw || '(empty)'));
      raw.append(
        ' → ',
        a.country
          ? `${a.institution ?? '(unnamed institution)'} | ${a.country}${a.hqCountry && a.hqCountry !== a.country ? ` (headquarters ${a.hqCountry})` : ''} | ${a.sector ?? 'sector unknown'}`
          : `unresolved${a.reason ? `: ${a.reason}` : ''}`,
      );
      if (a.counted && a.countsFor && a.countsFor !== a.country) raw.append(el('span', 'tag', `counts for ${a.countsFor}`));
      if (!a.counted) raw.append(el('span', 'tag warn', notCounted));
      const why = el('ul');
      why.append(el('li', 'rule', `rule: ${a.method}, confidence ${a.confidence.toFixed(2)}${a.model ? `, model ${a.model}` : ''}`));
      for (const line of a.evidence) why.append(el('li', 'evidence', line));
      item.append(raw, why);
      return item;
    };
    data.authors.forEach((author, i) => {
      const box = el('div', 'author');
      const name = el('h3', undefined, `${i + 1}. ${author.name}`);
      if (author.emailDomain) name.append(el('span', 'tag', `@${author.emailDomain}`));
      if (author.dual) name.append(el('span', 'tag warn', `affiliated in both ${data.pair[0]} and ${data.pair[1]}`));
      box.append(name);
      if (author.affiliations.length === 0) box.append(el('p', 'affiliation', '(no affiliation given)'));
      for (const a of author.affiliations) box.append(affiliationItem(a, 'not counted (first affiliation only)'));
      body.push(box);
    });
    if (data.unattributed.length > 0) {
      const box = el('div', 'author');
      box.append(el('h3', undefined, '(no author) slots past the last author'));
      for (const a of data.unattributed) box.append(affiliationItem(a, 'not counted (only with every author and every affiliation)'));
      body.push(box);
    }
    body.push(el('h3', undefined, 'Fields'));
    const fields = el('ul');
    if (p.fieldEvidence.length === 0) fields.append(el('li', undefined, p.fields.join(', ') || '(none)'));
    for (const e of p.fieldEvidence) fields.append(el('li', undefined, `${e.field} ← ${e.signal}: ${e.terms.join(', ')} (score ${e.score})`));
    body.push(fields, el('h3', undefined, 'Technologies'));
    const tech = el('ul');
    if (p.technologies.length === 0) tech.append(el('li', undefined, '(none detected)'));
    for (const t of p.technologies) {
      const mention = t.use === 'mentioned' ? ` (mentioned only: ${t.cue ?? 'no cue'}; not counted)` : '';
      tech.append(el('li', undefined, `${t.name} (${t.origin.organization}, ${t.origin.country}) via "${t.matched.join('", "')}"${mention}`));
    }
    body.push(tech);
    drawerBody.replaceChildren(...body);
    drawer.scrollTop = 0;
  }

  // ---- start ----
  let timer: number | undefined;
  form.addEventListener('change', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void refresh(), 150);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void refresh();
  });
  (document.getElementById('reset') as HTMLButtonElement).addEventListener('click', () => {
    applyParams(new URLSearchParams());
    void refresh();
  });
  (document.getElementById('drawer-close') as HTMLButtonElement).addEventListener('click', () => {
    drawer.hidden = true;
  });
  drawerBack.addEventListener('click', () => {
    if (lastList) void openPapers(lastList.params, lastList.title);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') drawer.hidden = true;
  });

  void (async () => {
    try {
      meta = await getJson<MetaResponse>('/api/meta');
      fillSelect('venue', meta.venues);
      fillSelect('yearFrom', meta.years);
      fillSelect('yearTo', meta.years);
      fillSelect('field', meta.fields);
      fillSelect('sector', meta.sectors);
      const list = document.getElementById('institution-list') as HTMLDataListElement;
      for (const name of meta.institutions) {
        const option = el('option');
        option.value = name;
        list.append(option);
      }
      applyParams(new URLSearchParams(location.search));
      await refresh();
    } catch (error) {
      setStatus(`Error: ${(error as Error).message}`, true);
    }
  })();
}
