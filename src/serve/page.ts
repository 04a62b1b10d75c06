// The dashboard's HTML shell and stylesheet. The shell holds no data except the run's label and
// source (escaped); the script fills the controls, charts and tables from /api/ with textContent.
import { escapeHtml } from '../report/escape.js';
import { pairLabel } from '../report/charts/theme.js';
import type { Meta } from './state.js';

export function dashboardPage(meta: Meta): string {
  const title = `${pairLabel(meta.pair)} collaboration — ${meta.label}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · collabscope</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/dashboard.css">
<script src="/static/vega.min.js" defer></script>
<script src="/static/dashboard.js" defer></script>
</head>
<body>
<header class="top">
<p class="kicker">collabscope dashboard</p>
<h1 id="title">${escapeHtml(title)}</h1>
<p class="source">${escapeHtml(meta.source)} · ${meta.papers.toLocaleString('en-US')} papers</p>
</header>
<form id="controls" aria-label="Filters and definitions" autocomplete="off">
<fieldset>
<legend>Papers</legend>
<label>Venue <select name="venue"><option value="">all</option></select></label>
<label>From <select name="yearFrom"><option value="">first year</option></select></label>
<label>to <select name="yearTo"><option value="">last year</option></select></label>
<label>Field <select name="field"><option value="">all</option></select></label>
<label>Sector <select name="sector"><option value="">all</option></select></label>
<label>Institution <input name="institution" list="institution-list" placeholder="any" size="22"></label>
<datalist id="institution-list"></datalist>
</fieldset>
<fieldset>
<legend>Definitions</legend>
<label>Pair <input name="pair" size="6" pattern="[A-Za-z]{2}[,-][A-Za-z]{2}" title="two ISO country codes, like US,CN"></label>
<label>China scope <select name="chinaScope"><option value="mainland">mainland</option><option value="greater">greater China</option></select></label>
<label>Multinational labs <select name="multinational"><option value="lab">where the lab is</option><option value="hq">headquarters' country</option></select></label>
<label>Dual affiliations <select name="dualAffiliation"><option value="count">link the countries</option><option value="ignore">ignored</option></select></label>
<label>Affiliations <select name="affiliations"><option value="all">all</option><option value="first">first only</option></select></label>
<label>Tracks <select name="tracks"><option value="all">all</option><option value="main">main only</option></select></label>
<label>Authors <select name="authors"><option value="all">all</option><option value="first">first only</option><option value="last">last only</option><option value="first-last">first and last</option></select></label>
<label>Company without a site <select name="unlocated"><option value="infer">inferred from the run</option><option value="hq">headquarters</option><option value="exclude">unknown</option></select></label>
<label>Denominator <select name="denominator"><option value="located">papers with a located author</option><option value="all">all papers</option></select></label>
<label>Institutions <select name="institutionLevel"><option value="parent">parent organisation</option><option value="unit">units as resolved</option><option value="top">root organisation</option></select></label>
<label>Contested parents <select name="contestedParents"><option value="separate">kept separate</option><option value="follow">followed</option></select></label>
</fieldset>
<button type="button" id="reset">Reset</button>
</form>
<p id="status" role="status" aria-live="polite">Loading…</p>
<section id="headline" aria-label="Headline"></section>
<main id="charts"></main>
<aside id="drawer" hidden aria-labelledby="drawer-title">
<div class="drawer-bar"><button type="button" id="drawer-back" hidden>← papers</button><button type="button" id="drawer-close" aria-label="Close">✕</button></div>
<h2 id="drawer-title"></h2>
<div id="drawer-body"></div>
</aside>
<noscript><p>The dashboard needs JavaScript; <code>collabscope report</code> writes a static report instead.</p></noscript>
</body>
</html>
`;
}

export const DASHBOARD_CSS = `
:root { color-scheme: light; --ink: #222; --muted: #555; --line: #ddd; --accent: #0072B2; --bg: #f6f6f4; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 Arial, "Liberation Sans", Helvetica, sans-serif; color: var(--ink); background: var(--bg); }
.top { padding: 14px 20px 0; }
.kicker { margin: 0; color: var(--muted); text-transform: uppercase; letter-spacing: .08em; font-size: 11px; }
h1 { margin: 2px 0 2px; font-size: 24px; }
.source { margin: 0; color: var(--muted); font-size: 12px; }
#controls { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: flex-end; background: #fff; border-bottom: 1px solid var(--line); padding: 8px 20px; margin-top: 10px; }
fieldset { border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px 8px; display: flex; flex-wrap: wrap; gap: 6px 12px; margin: 0; }
legend { font-weight: bold; font-size: 12px; padding: 0 4px; }
label { font-size: 12px; color: var(--muted); display: flex; flex-direction: column; gap: 2px; }
select, input, button { font: inherit; font-size: 13px; }
button { cursor: pointer; }
#status { min-height: 1.4em; margin: 6px 20px; color: var(--muted); font-size: 13px; }
#status.error { color: #b00020; font-weight: bold; }
#headline { margin: 0 20px; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; font-size: 16px; }
#headline .definitions { font-size: 12.5px; color: var(--muted); margin: 4px 0 0; }
#charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 16px; padding: 16px 20px 40px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; min-width: 0; }
.card.wide { grid-column: 1 / -1; }
.card h2 { font-size: 16px; margin: 0 0 6px; }
.plot { overflow-x: auto; }
.plot svg { max-width: 100%; height: auto; }
.caption { color: var(--muted); font-size: 12.5px; margin: 6px 0; }
details summary { cursor: pointer; color: var(--accent); font-size: 12.5px; }
.table-wrap { overflow-x: auto; max-height: 420px; overflow-y: auto; }
table { border-collapse: collapse; font-size: 12.5px; margin-top: 6px; }
th, td { padding: 2px 8px; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
th { border-bottom: 1px solid #bbb; position: sticky; top: 0; background: #fff; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th .note, td .note { display: block; font-weight: normal; color: var(--muted); font-size: 11.5px; white-space: normal; }
.table-wrap.full { max-height: none; }
td .note code.flag { white-space: nowrap; font-size: 11px; }
table.sensitivity { width: 100%; font-size: 13px; }
table.sensitivity th, table.sensitivity td { padding: 4px 10px; }
table.sensitivity th.num { max-width: 9em; }
table.sensitivity td:first-child { min-width: 16em; max-width: 34em; }
table.sensitivity tbody tr:first-child td { background: #f4f8fb; font-weight: bold; }
table.sensitivity tbody tr:first-child td .note { font-weight: normal; }
button.count { border: 0; background: none; padding: 0; color: var(--accent); text-decoration: underline dotted; font: inherit; cursor: pointer; }
button.count:hover, button.count:focus { text-decoration: underline; }
.variants { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; font-size: 12px; }
.variants button { font-size: 12px; }
#drawer { position: fixed; top: 0; right: 0; bottom: 0; width: min(640px, 100vw); background: #fff; border-left: 1px solid #bbb; box-shadow: -4px 0 16px rgba(0,0,0,.12); z-index: 10; overflow-y: auto; padding: 10px 18px 30px; }
.drawer-bar { display: flex; justify-content: space-between; }
#drawer h2 { font-size: 17px; margin: 8px 0; overflow-wrap: anywhere; }
.paper-list { list-style: none; padding: 0; margin: 0; }
.paper-list li { border-bottom: 1px solid #eee; padding: 4px 0; }
.paper-list button { border: 0; background: none; text-align: left; color: var(--accent); padding: 0; font: inherit; cursor: pointer; overflow-wrap: anywhere; }
.paper-list .meta { color: var(--muted); font-size: 12px; }
.author { border-top: 1px solid #eee; padding: 6px 0; }
.author h3 { font-size: 14px; margin: 0; }
.affiliation { margin: 4px 0 4px 14px; font-size: 13px; }
.affiliation .raw { font-family: "DejaVu Sans Mono", monospace; background: #f2f2f2; padding: 0 4px; overflow-wrap: anywhere; }
.affiliation.not-counted { opacity: .6; }
.affiliation ul { margin: 2px 0 0; padding-left: 18px; color: var(--muted); }
.tag { display: inline-block; font-size: 11px; border-radius: 3px; padding: 0 5px; background: #eee; margin-left: 4px; }
.tag.yes { background: #dbeafe; }
.tag.warn { background: #fde2c8; }
`;
