// The comparison's chart: for each change of outcome, how many people by age band and by sex (the
// numbers of `vigie diff`; age and sex are tallied separately there, so they are drawn as two
// groups of bars). Plain SVG with classes: no chart library, no inline style.
import { t } from './words.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** The lowest age of a band (`18-24`, `85+`), to order bands. */
export function bandStart(band) {
  const n = Number.parseInt(band, 10);
  return Number.isNaN(n) ? Number.MAX_SAFE_INTEGER : n;
}

const ROW = 18;
const LABEL = 120;
const WIDTH = 560;

/**
 * One chart for the population part of a diff: a block per change (program, from → to), a bar per
 * age band then per sex, length proportional to people.
 * @param {Array<[{program:string,from:string,to:string,dateOnly:boolean}, {people:number,byAgeBand:Object<string,number>,bySex:Object<string,number>}]>} population
 */
export function changeChart(population, describe) {
  const max = Math.max(1, ...population.flatMap(([, tally]) => [
    ...Object.values(tally.byAgeBand ?? {}),
    ...Object.values(tally.bySex ?? {}),
  ]));
  const scale = (WIDTH - LABEL - 60) / max;
  const rows = [];
  for (const [change, tally] of population) {
    rows.push({ heading: describe(change, tally) });
    const bands = Object.entries(tally.byAgeBand ?? {}).sort(([a], [b]) => bandStart(a) - bandStart(b));
    for (const [band, n] of bands) rows.push({ label: band, n, kind: 'age' });
    for (const [sex, n] of Object.entries(tally.bySex ?? {})) rows.push({ label: t(sex) ?? sex, n, kind: `sex-${sex}` });
  }
  const height = rows.length * ROW + 8;
  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${height}`,
    width: '100%',
    role: 'img',
    'aria-labelledby': 'chart-title',
    class: 'chart',
  });
  chart.append(svg('title', { id: 'chart-title' }, t('chartTitle')));
  rows.forEach((row, i) => {
    const y = i * ROW + 4;
    if (row.heading) {
      chart.append(svg('text', { x: 0, y: y + 13, class: 'chart-heading' }, row.heading));
      return;
    }
    const width = Math.max(1, Math.round(row.n * scale));
    const group = svg('g', { class: `bar bar-${row.kind === 'age' ? 'age' : row.kind}` });
    group.append(svg('title', {}, `${row.label}: ${row.n}`));
    group.append(svg('text', { x: LABEL - 6, y: y + 13, 'text-anchor': 'end' }, row.label));
    group.append(svg('rect', { x: LABEL, y: y + 2, width, height: ROW - 5, rx: 2 }));
    group.append(svg('text', { x: LABEL + width + 4, y: y + 13, class: 'bar-value' }, String(row.n)));
    chart.append(group);
  });
  return chart;
}
