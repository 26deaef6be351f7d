// A line chart drawn as SVG by hand (no library, nothing fetched): series of {t, v} points.
import { h, s } from './dom.js';

const COLORS = ['#1f4e79', '#1a7f37', '#b42318', '#9a6700', '#6f42c1', '#0b7285', '#d9480f'];

export function color(i) {
  return COLORS[i % COLORS.length];
}

/** Draws `series` ([{name, points: [{t, v}]}]) into a fresh SVG of the given id; returns the chart and its legend. */
export function lineChart(id, series, { unit = '', windowMs = 120000, colors = {} } = {}) {
  const width = 800, height = 220, left = 52, right = 10, top = 10, bottom = 24;
  const now = Date.now();
  const values = series.flatMap(x => x.points.map(p => p.v)).filter(v => Number.isFinite(v));
  const max = Math.max(1, ...values);
  const x = t => left + (width - left - right) * (1 - (now - t) / windowMs);
  const y = v => top + (height - top - bottom) * (1 - v / max);
  const svg = s('svg', { id, class: 'chart', viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none', role: 'img', 'data-max': max });
  const paint = (line, i) => colors[line.name] || color(i);
  for (const f of [0, 0.5, 1]) {
    svg.append(s('line', { x1: left, x2: width - right, y1: y(max * f), y2: y(max * f), stroke: '#e3e8ee' }),
      s('text', { x: 4, y: y(max * f) + 4 }, format(max * f) + unit));
  }
  svg.append(s('text', { x: left, y: height - 6 }, '−' + Math.round(windowMs / 1000) + ' s'), s('text', { x: width - right - 24, y: height - 6 }, 'now'));
  series.forEach((line, i) => {
    const points = line.points.filter(p => Number.isFinite(p.v) && now - p.t <= windowMs);
    if (points.length === 0) return;
    svg.append(s('polyline', { fill: 'none', stroke: paint(line, i), 'stroke-width': 2,
      points: points.map(p => x(p.t).toFixed(1) + ',' + y(p.v).toFixed(1)).join(' '), 'data-series': line.name }));
    const last = points[points.length - 1];
    svg.append(s('circle', { cx: x(last.t).toFixed(1), cy: y(last.v).toFixed(1), r: 3, fill: paint(line, i) }));
  });
  const legend = h('div', { class: 'legend' }, series.map((line, i) => h('span', {}, swatch(paint(line, i)), ' ', line.name)));
  return [svg, legend];
}

// A colour square as SVG: the page's policy allows no inline style.
function swatch(fill) {
  return s('svg', { width: 10, height: 10, viewBox: '0 0 10 10' }, s('rect', { width: 10, height: 10, rx: 2, fill }));
}

function format(v) {
  return v >= 100 ? Math.round(v).toString() : v.toFixed(1);
}

/** A rolling window of samples per series name. */
export class Samples {
  constructor(windowMs = 120000) { this.windowMs = windowMs; this.byName = new Map(); }
  add(name, t, v) {
    const points = this.byName.get(name) || [];
    points.push({ t, v });
    while (points.length && t - points[0].t > this.windowMs) points.shift();
    this.byName.set(name, points);
  }
  series() { return [...this.byName.entries()].map(([name, points]) => ({ name, points })); }
}
