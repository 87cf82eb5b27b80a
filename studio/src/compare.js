// The Compare tab: `vigie diff <other version> <working copy> --json`, run in its own worker (it
// may take seconds over 100 000 synthetic people) with a progress bar and a Stop button; the
// result as a table and a chart of the changes by age band and sex — the numbers `vigie diff`
// prints for the same versions, people, seed and date.
import { h, fill, byId } from './dom.js';
import { t } from './words.js';
import { changeChart, bandStart } from './chart.js';
import { localToday } from './commands.js';

function changeWords(change) {
  const what = change.dateOnly ? `${change.from} (date)` : `${change.from} → ${change.to}`;
  return `${change.program}: ${what}`;
}

function counts(object, order = (a, b) => a[0].localeCompare(b[0])) {
  return Object.entries(object ?? {})
    .sort(order)
    .map(([k, n]) => `${k}: ${n}`)
    .join(', ');
}

export class ComparePanel {
  constructor(app) {
    this.app = app;
    this.select = byId('compare-with');
    this.people = byId('compare-people');
    this.seed = byId('compare-seed');
    this.asOf = byId('compare-as-of');
    this.button = byId('compare-run');
    this.stopButton = byId('compare-stop');
    this.progress = byId('compare-progress');
    this.progressText = byId('compare-progress-text');
    this.output = byId('compare-output');
    this.error = byId('compare-error');
    this.asOf.value = localToday();
    byId('compare-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.run();
    });
    this.stopButton.addEventListener('click', () => this.stop());
  }

  /**
   * The versions one can compare with: the other versions of a folder opened from disk (the one
   * before first), then every shipped one (the opened one first when it was shipped).
   */
  fill(shipped, ws, disk = []) {
    const onDisk = disk.map((version) => ({ value: `disk:${version.folder}`, label: version.folder }));
    const published = shipped.rulesets.flatMap((set) => set.versions.map((v) => ({ value: `${set.id}@${v.version}`, label: `${set.id}@${v.version}` })));
    const preferred =
      onDisk[0]?.value ??
      (ws?.origin.kind === 'shipped' ? ws.origin.name : published.find((o) => o.value.startsWith(`${ws?.id}@`))?.value);
    const option = ({ value, label }) => h('option', { value, selected: value === preferred }, label);
    fill(
      this.select,
      onDisk.length > 0 ? h('optgroup', { label: t('onDisk') }, onDisk.map(option)) : null,
      h('optgroup', { label: t('publishedVersions') }, published.map(option)),
    );
  }

  /** Where the module finds the version chosen. */
  otherPath() {
    const value = this.select.value;
    return value.startsWith('disk:') ? `/disk/${value.slice('disk:'.length)}` : `/${value}`;
  }

  clear() {
    fill(this.output);
    fill(this.error);
    this.progress.hidden = true;
    fill(this.progressText);
  }

  stop() {
    this.app.restartDiffer();
    this.running = false;
    this.button.disabled = false;
    this.stopButton.hidden = true;
    this.progress.hidden = true;
    fill(this.progressText, t('stopped'));
  }

  async run() {
    const ws = this.app.ws;
    if (!ws || this.running) return;
    const people = this.people.value.trim();
    const seed = this.seed.value.trim();
    const asOf = this.asOf.value.trim();
    const other = this.otherPath();
    this.running = true;
    this.button.disabled = true;
    this.stopButton.hidden = false;
    this.progress.hidden = false;
    this.progress.value = 0;
    this.progress.max = Number(people) || 1;
    fill(this.progressText, t('progress', { done: 0, total: people }));
    fill(this.error);
    fill(this.output);
    try {
      const differ = await this.app.differWithFiles();
      const ran = await differ.json(['diff', other, ws.root, '--people', people, '--seed', seed, '--as-of', asOf, '--json'], {
        onProgress: (done, total) => {
          this.progress.max = total;
          this.progress.value = done;
          fill(this.progressText, t('progress', { done, total }));
        },
      });
      if (!this.running) return;
      if (ran.code !== 0 || !ran.result) {
        fill(this.error, h('pre', {}, ran.stderr || ran.stdout));
        fill(this.progressText);
      } else {
        this.render(ran.result);
      }
    } catch (err) {
      if (this.running) fill(this.error, t('workerFailed', { why: err.message }));
    } finally {
      this.running = false;
      this.button.disabled = false;
      this.stopButton.hidden = true;
      this.progress.hidden = true;
    }
  }

  render(d) {
    const name = (side) => `${side.id}@${side.version} (${side.digest})`;
    const population = d.population ?? [];
    const caseChanges = d.caseChanges ?? [];
    const table = h(
      'table',
      { class: 'changes' },
      h('caption', {}, t('population', { people: d.people, seed: d.seed, asOf: d.asOf })),
      h(
        'thead',
        {},
        h('tr', {}, ['colProgram', 'colChange', 'colPeople', 'colAges', 'colByAge', 'colBySex'].map((k) => h('th', { scope: 'col' }, t(k)))),
      ),
      h(
        'tbody',
        {},
        population.map(([change, tally]) =>
          h(
            'tr',
            {},
            h('td', {}, change.program),
            h('td', {}, change.dateOnly ? `${change.from} (date)` : `${change.from} → ${change.to}`),
            h('td', { class: 'number' }, String(tally.people)),
            h('td', {}, tally.ages ? `${tally.ages.youngest}–${tally.ages.oldest}` : ''),
            h('td', {}, counts(tally.byAgeBand, ([a], [b]) => bandStart(a) - bandStart(b))),
            h('td', {}, counts(tally.bySex)),
          ),
        ),
      ),
    );
    fill(
      this.output,
      h('p', {}, t('compareHead', { a: name(d.a), b: name(d.b) })),
      h('p', {}, t('casesCompared', { n: d.casesCompared, changes: caseChanges.length })),
      population.length === 0 ? h('p', { class: 'good' }, t('noChange')) : [table, changeChart(population, (change, tally) => `${changeWords(change)} — ${tally.people}`)],
      caseChanges.length > 0
        ? h(
            'details',
            {},
            h('summary', {}, `${t('caseChangesTitle')} (${caseChanges.length})`),
            h(
              'ul',
              { class: 'case-changes' },
              caseChanges.slice(0, 300).map((c) =>
                h('li', {}, `${c.program}: ${c.a.status}${c.a.dueDate ? ` ${c.a.dueDate}` : ''} → ${c.b.status}${c.b.dueDate ? ` ${c.b.dueDate}` : ''} — ${c.from} ${c.file} — ${c.name} (${c.asOf})`),
              ),
            ),
          )
        : null,
      (d.unchanged ?? []).length > 0 ? h('p', { class: 'unchanged' }, t('unchanged', { list: d.unchanged.join(', ') })) : null,
    );
  }
}
