/**
 * The accountant's ZIP: the period's stamped XML and PDF (and cancellation acuses), one folder per kind —
 * ingresos/, globales/, egresos/, and canceladas/ for those cancelled since — named
 * `<serie>-<folio>_<uuid>.xml|.pdf`. Blobs are read one at a time and streamed into the archive (yazl).
 */
import yazl from 'yazl';
import type { Store } from '../store/types.js';
import type { DocLite } from './dataset.js';

const FOLDER = { invoice: 'ingresos', global: 'globales', credit_note: 'egresos' } as const;

export async function documentsZip(store: Store, documents: DocLite[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve());
    zip.outputStream.on('error', reject);
  });
  for (const doc of documents) {
    if (!doc.uuid || !doc.blobs.xml) continue;
    const folder = doc.status === 'cancelled' ? 'canceladas' : FOLDER[doc.kind];
    const base = `${folder}/${doc.series}-${doc.folio}_${doc.uuid}`;
    const files: [string, string | undefined][] = [
      ['.xml', doc.blobs.xml],
      ['.pdf', doc.blobs.pdf],
      ['_acuse.xml', doc.blobs.acuse],
    ];
    for (const [suffix, key] of files) {
      if (!key) continue;
      const data = await store.blobs.get(key);
      if (data) zip.addBuffer(data, `${base}${suffix}`);
    }
  }
  zip.end();
  await done;
  return Buffer.concat(chunks);
}
