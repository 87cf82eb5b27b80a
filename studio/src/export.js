// The Export tab: the bundle (`vigie bundle`, its digest shown) and the folder as a zip (fflate:
// a small, well-kept zip writer; the zip holds `<id>/<version>/…`, ready to drop into `rules/`).
import { zipSync, strToU8 } from 'fflate';
import { h, fill, byId, download } from './dom.js';
import { t } from './words.js';

export class ExportPanel {
  constructor(app) {
    this.app = app;
    this.output = byId('export-bundle-output');
    this.zipOutput = byId('export-zip-output');
    byId('export-bundle').addEventListener('click', () => this.bundle());
    byId('export-zip').addEventListener('click', () => this.zip());
  }

  clear() {
    fill(this.output);
    fill(this.zipOutput);
  }

  async bundle() {
    const ws = this.app.ws;
    if (!ws) return;
    if (await this.app.frozenEdit()) {
      fill(this.output, h('p', { class: 'bad', role: 'alert' }, t('exportPublished')));
      return;
    }
    await this.app.sync();
    await this.app.checker.files({ clear: ['/out'], folders: ['/out'] });
    const file = `${ws.id}-${ws.version}.json`;
    const ran = await this.app.checker.run(['bundle', ws.root, '-o', `/out/${file}`]);
    const text = ran.written[`/out/${file}`];
    if (ran.code !== 0 || text === undefined) {
      fill(this.output, h('p', { class: 'bad', role: 'alert' }, t('bundleRefused')), h('pre', {}, ran.stderr || ran.stdout));
      return;
    }
    const bundle = JSON.parse(text);
    fill(
      this.output,
      h('p', {}, t('bundleDone', { file, digest: bundle.digest })),
      h('p', { class: 'digest' }, `bundleDigest ${bundle.bundleDigest}`),
    );
    this.output.dataset.digest = bundle.digest;
    download(file, text, 'application/json');
  }

  zip() {
    const ws = this.app.ws;
    if (!ws) return;
    const folder = `${ws.id}/${ws.version}`;
    const entries = {};
    for (const [path, text] of Object.entries(ws.files)) entries[`${folder}/${path}`] = strToU8(text);
    // A fixed date in the entries: the same files give the same zip.
    const zipped = zipSync(entries, { level: 6, mtime: new Date('2020-01-01T00:00:00Z') });
    const file = `${ws.id}-${ws.version}.zip`;
    fill(this.zipOutput, h('p', {}, t('zipDone', { file, n: Object.keys(entries).length })));
    download(file, zipped, 'application/zip');
  }
}
