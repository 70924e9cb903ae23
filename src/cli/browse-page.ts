import { MODEL_CATEGORIES } from '../index.js';
import { CAPABILITY_RULES } from './query.js';

/**
 * The page's Content-Security-Policy: its own inline style and script, requests to its own
 * server only. Nothing can load from elsewhere, so the page works offline and never reaches a CDN.
 */
export const BROWSE_PAGE_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * The browse page of `model-catalog serve`: one self-contained HTML document with inline CSS and
 * plain JavaScript, no framework. It fetches `/api/models` from the server that sent it and shows
 * a sortable, filterable table (provider, category, capability, price, context, search) and an
 * SVG chart of input price against context window, both on log scales. Provider data is written
 * with `textContent` only, never as HTML.
 */
export function browsePage(): string {
  const data = JSON.stringify({ capabilities: CAPABILITY_RULES, categories: MODEL_CATEGORIES });
  return PAGE.replace('/*DATA*/null', () => data.replaceAll('<', '\\u003c'));
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>model-catalog</title>
<style>
:root { --fg: #1c2330; --muted: #5f6b7a; --line: #dfe3ea; --bg: #ffffff; --panel: #f6f8fb; --accent: #2f6fdf; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header { display: flex; align-items: baseline; gap: 16px; padding: 16px 24px 8px; flex-wrap: wrap; }
h1 { font-size: 20px; margin: 0; }
h2 { font-size: 15px; margin: 0 0 8px; }
#summary { color: var(--muted); margin: 0; flex: 1; }
button { font: inherit; cursor: pointer; }
#refresh { border: 1px solid var(--line); background: var(--panel); border-radius: 6px; padding: 4px 12px; }
#errors { margin: 0 24px; padding: 0; list-style: none; }
#errors li { background: #fff4e5; border: 1px solid #f3d19c; border-radius: 6px; padding: 6px 10px; margin-bottom: 6px; }
.filters { display: flex; flex-wrap: wrap; gap: 10px 18px; align-items: center; padding: 10px 24px; margin: 8px 24px; background: var(--panel); border-radius: 8px; }
.filters label { display: inline-flex; align-items: center; gap: 6px; color: var(--muted); }
.filters input[type=search] { min-width: 240px; }
.filters input, .filters select { font: inherit; padding: 3px 6px; border: 1px solid var(--line); border-radius: 5px; background: #fff; color: var(--fg); }
.filters input[type=number] { width: 80px; }
fieldset { border: 0; padding: 0; margin: 0; display: inline-flex; gap: 10px; flex-wrap: wrap; align-items: center; }
legend { float: left; color: var(--muted); margin-right: 6px; }
#chart-section { margin: 8px 24px; }
#chart { width: 100%; max-width: 980px; height: auto; display: block; border: 1px solid var(--line); border-radius: 8px; background: #fff; }
#chart .grid { stroke: #eef0f4; }
#chart .axis { fill: var(--muted); font-size: 11px; }
#chart .title { fill: var(--muted); font-size: 12px; }
#chart circle { stroke: #fff; stroke-width: 1; fill-opacity: 0.85; }
#chart circle:hover { stroke: #000; }
#legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 6px 0 0; padding: 0; list-style: none; color: var(--muted); }
#legend span { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 5px; }
#chart-note { color: var(--muted); margin: 4px 0 0; }
.table-wrap { margin: 8px 24px 32px; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line); white-space: nowrap; }
th { position: sticky; top: 0; background: var(--bg); }
th button { border: 0; background: none; padding: 0; font-weight: 600; color: var(--fg); }
th[aria-sort=ascending] button::after { content: " \\25B2"; font-size: 10px; }
th[aria-sort=descending] button::after { content: " \\25BC"; font-size: 10px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
td.category { color: var(--muted); }
.chip { display: inline-block; padding: 0 6px; margin-right: 4px; border-radius: 9px; background: #eaf1ff; color: #244f9e; font-size: 12px; }
.free { color: #18794e; font-weight: 600; }
.muted { color: var(--muted); }
</style>
</head>
<body>
<header>
  <h1>model-catalog</h1>
  <p id="summary" role="status">Loading models…</p>
  <button id="refresh" type="button" title="Fetch every provider again">Refresh</button>
</header>
<noscript><p style="margin: 0 24px">This page needs JavaScript; the same data is at <a href="/api/models">/api/models</a>.</p></noscript>
<ul id="errors"></ul>
<section class="filters" aria-label="Filters">
  <label>Search <input id="search" type="search" placeholder="id, name, provider, description"></label>
  <label>Provider <select id="provider"><option value="">all</option></select></label>
  <label>Category <select id="category"><option value="">all</option></select></label>
  <label>Min context <select id="min-context"><option value="">any</option><option value="8000">8K</option><option value="32000">32K</option><option value="128000">128K</option><option value="200000">200K</option><option value="1000000">1M</option></select></label>
  <label>Max input $/M <input id="max-price" type="number" min="0" step="any" placeholder="any"></label>
  <label><input id="free" type="checkbox"> free only</label>
  <fieldset id="capabilities"><legend>Capabilities</legend></fieldset>
  <button id="reset" type="button">Reset</button>
</section>
<section id="chart-section">
  <h2>Input price against context window</h2>
  <svg id="chart" viewBox="0 0 980 360" role="img" aria-label="Input price against context window, log scales"></svg>
  <ul id="legend"></ul>
  <p id="chart-note"></p>
</section>
<div class="table-wrap">
<table id="models">
  <caption class="muted" style="text-align: left; caption-side: bottom; padding-top: 8px">Prices in USD per million tokens. A dash: not reported by the provider.</caption>
  <thead><tr>
    <th data-key="provider"><button type="button">Provider</button></th>
    <th data-key="id"><button type="button">Model</button></th>
    <th data-key="category"><button type="button">Category</button></th>
    <th data-key="context" class="num"><button type="button">Context</button></th>
    <th data-key="input" class="num"><button type="button">Input $/M</button></th>
    <th data-key="output" class="num"><button type="button">Output $/M</button></th>
    <th>Capabilities</th>
  </tr></thead>
  <tbody></tbody>
</table>
</div>
<script>
(function () {
  'use strict';
  var DATA = /*DATA*/null;
  var RULES = DATA.capabilities;
  var PALETTE = ['#2f6fdf', '#e0692b', '#1f9d6b', '#c23c7a', '#7a52d1', '#c79a12', '#1595b8', '#8a5a2b', '#5b6b7d', '#d04545'];
  var all = [];
  var sort = { key: 'provider', direction: 1 };
  var $ = function (id) { return document.getElementById(id); };
  var SVG = 'http://www.w3.org/2000/svg';

  function capabilitiesOf(model) {
    var declared = model.capabilities && typeof model.capabilities === 'object' ? model.capabilities : {};
    var pricing = model.pricing || {};
    return Object.keys(RULES).filter(function (name) {
      if (typeof declared[name] === 'boolean') return declared[name];
      var rule = RULES[name];
      return (rule.parameters || []).some(function (p) { return (model.supportedParameters || []).indexOf(p) >= 0; }) ||
        (rule.inputModalities || []).some(function (m) { return (model.inputModalities || []).indexOf(m) >= 0; }) ||
        (rule.pricing || []).some(function (field) { return typeof pricing[field] === 'number'; });
    });
  }
  function isFree(model) {
    var pricing = model.pricing || {};
    if (pricing.free === true) return true;
    var prices = [pricing.input, pricing.output].filter(function (p) { return p !== undefined; });
    return prices.length > 0 && prices.every(function (p) { return p === 0; });
  }
  function round(value) { return value >= 10 ? String(Math.round(value)) : String(Math.round(value * 10) / 10); }
  function formatTokens(tokens) {
    if (tokens === undefined) return '-';
    if (tokens >= 999500) return round(tokens / 1e6) + 'M';
    if (tokens >= 1e3) return round(tokens / 1e3) + 'K';
    return String(tokens);
  }
  // By code units, as the command line orders: the same order in every locale.
  function compareText(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function formatPrice(price) {
    if (price === undefined) return '-';
    if (price === 0) return 'free';
    if (price >= 100) return '$' + price.toFixed(0);
    if (price >= 0.1) return '$' + price.toFixed(2);
    return '$' + Number(price.toPrecision(2));
  }
  // Controls and direction marks as \uFFFD, as the CLI prints them: a right-to-left override
  // would show the id gpt\u202egnp.exe as gptexe.png.
  function shown(text) {
    return String(text).replace(/[\\u0000-\\u001f\\u007f-\\u009f\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]/g, '\\ufffd');
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = shown(text);
    return node;
  }
  function svg(tag, attributes, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, String(attributes[name])); });
    if (text !== undefined) node.textContent = shown(text);
    return node;
  }

  var SORT_VALUES = {
    provider: function (m) { return m.provider + '\\u0000' + m.id; },
    id: function (m) { return m.id; },
    category: function (m) { return m.category; },
    context: function (m) { return m.contextLength; },
    input: function (m) { return m.pricing ? m.pricing.input : undefined; },
    output: function (m) { return m.pricing ? m.pricing.output : undefined; }
  };

  function filtered() {
    var words = $('search').value.toLowerCase().split(/\\s+/).filter(Boolean);
    var provider = $('provider').value;
    var category = $('category').value;
    var minContext = Number($('min-context').value || 0);
    var maxPriceText = $('max-price').value;
    var maxPrice = maxPriceText === '' ? undefined : Number(maxPriceText);
    var free = $('free').checked;
    var wanted = Array.prototype.map.call(document.querySelectorAll('#capabilities input:checked'), function (box) { return box.value; });
    var list = all.filter(function (m) {
      if (provider && m.provider !== provider) return false;
      if (category && m.category !== category) return false;
      if (minContext && !((m.contextLength || -1) >= minContext)) return false;
      if (maxPrice !== undefined && !(m.pricing && m.pricing.input !== undefined && m.pricing.input <= maxPrice)) return false;
      if (free && !isFree(m)) return false;
      if (wanted.length) {
        var has = m.caps;
        if (!wanted.every(function (name) { return has.indexOf(name) >= 0; })) return false;
      }
      if (words.length) {
        var text = [m.id, m.name, m.provider, m.ownedBy, m.description].concat(m.aliases || []).filter(Boolean).join(' ').toLowerCase();
        if (!words.every(function (word) { return text.indexOf(word) >= 0; })) return false;
      }
      return true;
    });
    var valueOf = SORT_VALUES[sort.key];
    return list.map(function (m, index) { return { m: m, index: index, value: valueOf(m) }; }).sort(function (a, b) {
      if (a.value === undefined || b.value === undefined) {
        if (a.value === b.value) return a.index - b.index;
        return a.value === undefined ? 1 : -1;
      }
      var compared = typeof a.value === 'number' ? a.value - b.value : compareText(String(a.value), String(b.value));
      return compared === 0 ? a.index - b.index : sort.direction * compared;
    }).map(function (entry) { return entry.m; });
  }

  function renderTable(list) {
    var body = document.querySelector('#models tbody');
    var rows = document.createDocumentFragment();
    list.forEach(function (m) {
      var row = el('tr');
      row.dataset.id = m.id;
      row.dataset.provider = m.provider;
      row.appendChild(el('td', 'provider', m.provider));
      var id = el('td', 'id', m.id);
      if (m.name && m.name !== m.id) id.title = shown(m.name);
      row.appendChild(id);
      row.appendChild(el('td', 'category', m.category));
      row.appendChild(el('td', 'num context', formatTokens(m.contextLength)));
      var input = el('td', 'num input', formatPrice(m.pricing ? m.pricing.input : undefined));
      var output = el('td', 'num output', formatPrice(m.pricing ? m.pricing.output : undefined));
      [input, output].forEach(function (cell) { if (cell.textContent === 'free') cell.classList.add('free'); });
      row.appendChild(input);
      row.appendChild(output);
      var caps = el('td', 'capabilities');
      m.caps.forEach(function (name) { caps.appendChild(el('span', 'chip', RULES[name].label)); });
      row.appendChild(caps);
      rows.appendChild(row);
    });
    body.replaceChildren(rows);
    document.querySelectorAll('#models th[data-key]').forEach(function (th) {
      if (th.dataset.key === sort.key) th.setAttribute('aria-sort', sort.direction === 1 ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    });
  }

  function decades(values) {
    // Whole decades, with a margin so that no point sits on the frame.
    var low = Math.floor(Math.log10(Math.min.apply(null, values)) - 0.1);
    var high = Math.ceil(Math.log10(Math.max.apply(null, values)) + 0.1);
    if (high <= low) high = low + 1;
    return [low, high];
  }

  function renderChart(list, colors) {
    var chart = $('chart');
    var width = 980, height = 360, left = 70, right = 20, top = 16, bottom = 48;
    var points = list.filter(function (m) { return m.contextLength > 0 && m.pricing && m.pricing.input > 0; });
    chart.replaceChildren();
    var skipped = list.length - points.length;
    $('chart-note').textContent = points.length === 0
      ? 'No model shown reports both a context window and an input price above zero.'
      : skipped > 0 ? skipped + ' of the ' + list.length + ' models shown are not plotted: no context window or input price reported, or free.' : '';
    if (points.length === 0) return [];
    var xs = decades(points.map(function (m) { return m.contextLength; }));
    var ys = decades(points.map(function (m) { return m.pricing.input; }));
    var x = function (v) { return left + (Math.log10(v) - xs[0]) / (xs[1] - xs[0]) * (width - left - right); };
    var y = function (v) { return height - bottom - (Math.log10(v) - ys[0]) / (ys[1] - ys[0]) * (height - top - bottom); };
    var grid = svg('g', {});
    for (var e = xs[0]; e <= xs[1]; e++) {
      var px = x(Math.pow(10, e));
      grid.appendChild(svg('line', { class: 'grid', x1: px, x2: px, y1: top, y2: height - bottom }));
      grid.appendChild(svg('text', { class: 'axis', x: px, y: height - bottom + 16, 'text-anchor': 'middle' }, formatTokens(Math.pow(10, e))));
    }
    for (var f = ys[0]; f <= ys[1]; f++) {
      var py = y(Math.pow(10, f));
      grid.appendChild(svg('line', { class: 'grid', x1: left, x2: width - right, y1: py, y2: py }));
      grid.appendChild(svg('text', { class: 'axis', x: left - 8, y: py + 4, 'text-anchor': 'end' }, '$' + Number(Math.pow(10, f).toPrecision(1))));
    }
    chart.appendChild(grid);
    chart.appendChild(svg('text', { class: 'title', x: (left + width - right) / 2, y: height - 10, 'text-anchor': 'middle' }, 'Context window, tokens (log scale)'));
    chart.appendChild(svg('text', { class: 'title', x: 14, y: (top + height - bottom) / 2, 'text-anchor': 'middle', transform: 'rotate(-90 14 ' + (top + height - bottom) / 2 + ')' }, 'Input $ per million tokens (log scale)'));
    var dots = svg('g', { class: 'points' });
    points.forEach(function (m) {
      var dot = svg('circle', { cx: x(m.contextLength).toFixed(1), cy: y(m.pricing.input).toFixed(1), r: 5.5, fill: colors[m.provider] });
      dot.setAttribute('data-id', m.id);
      dot.setAttribute('data-provider', m.provider);
      dot.appendChild(svg('title', {}, m.provider + '/' + m.id + ': ' + formatTokens(m.contextLength) + ' context, ' + formatPrice(m.pricing.input) + ' input, ' + formatPrice(m.pricing.output) + ' output per million tokens'));
      dot.addEventListener('click', function () { $('search').value = m.id; render(); });
      dots.appendChild(dot);
    });
    chart.appendChild(dots);
    return points.map(function (m) { return m.provider; });
  }

  function render() {
    var list = filtered();
    var colors = {};
    var providers = Array.from(new Set(all.map(function (m) { return m.provider; }))).sort();
    providers.forEach(function (p, i) { colors[p] = PALETTE[i % PALETTE.length]; });
    renderTable(list);
    var plotted = renderChart(list, colors);
    var legend = $('legend');
    legend.replaceChildren();
    providers.filter(function (p) { return plotted.indexOf(p) >= 0; }).forEach(function (p) {
      var item = el('li');
      var swatch = el('span');
      swatch.style.background = colors[p];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(p));
      legend.appendChild(item);
    });
    $('summary').textContent = list.length === all.length
      ? all.length + ' models from ' + providers.length + ' providers'
      : list.length + ' of ' + all.length + ' models from ' + providers.length + ' providers';
  }

  function fillSelect(select, values) {
    var current = select.value;
    while (select.options.length > 1) select.remove(1);
    values.forEach(function (value) { select.appendChild(new Option(value, value)); });
    select.value = values.indexOf(current) >= 0 ? current : '';
  }

  function load(refresh) {
    $('summary').textContent = refresh ? 'Refreshing…' : 'Loading models…';
    return fetch('/api/models' + (refresh ? '?refresh=true' : ''), { headers: { accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) throw new Error('the server answered ' + response.status);
        return response.json();
      })
      .then(function (body) {
        all = [];
        Object.keys(body.providers || {}).forEach(function (provider) {
          body.providers[provider].forEach(function (m) { m.caps = capabilitiesOf(m); all.push(m); });
        });
        var errors = $('errors');
        errors.replaceChildren();
        Object.keys(body.errors || {}).forEach(function (provider) {
          var error = body.errors[provider];
          errors.appendChild(el('li', '', provider + ' (' + error.kind + '): ' + error.message));
        });
        fillSelect($('provider'), Array.from(new Set(all.map(function (m) { return m.provider; }))).sort());
        render();
        document.body.dataset.state = 'ready';
      })
      .catch(function (error) {
        $('summary').textContent = 'Could not load the models: ' + error.message;
        document.body.dataset.state = 'error';
      });
  }

  DATA.categories.forEach(function (c) { $('category').appendChild(new Option(c, c)); });
  Object.keys(RULES).forEach(function (name) {
    var label = el('label');
    var box = el('input');
    box.type = 'checkbox';
    box.value = name;
    box.name = 'capability';
    label.appendChild(box);
    label.appendChild(document.createTextNode(RULES[name].label));
    $('capabilities').appendChild(label);
  });
  ['search', 'provider', 'category', 'min-context', 'max-price', 'free'].forEach(function (id) {
    $(id).addEventListener('input', render);
    $(id).addEventListener('change', render);
  });
  $('capabilities').addEventListener('change', render);
  $('reset').addEventListener('click', function () {
    document.querySelectorAll('.filters input').forEach(function (input) { if (input.type === 'checkbox') input.checked = false; else input.value = ''; });
    document.querySelectorAll('.filters select').forEach(function (select) { select.value = ''; });
    render();
  });
  document.querySelectorAll('#models th[data-key] button').forEach(function (button) {
    button.addEventListener('click', function () {
      var key = button.parentElement.dataset.key;
      sort = { key: key, direction: sort.key === key ? -sort.direction : (key === 'context' ? -1 : 1) };
      render();
    });
  });
  $('refresh').addEventListener('click', function () { load(true); });
  load(false);
})();
</script>
</body>
</html>
`;
