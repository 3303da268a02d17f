/**
 * Poppler as the oracle for the PDFs: pdftotext for the text of each page, pdftotext -bbox for where
 * every word sits, pdfinfo for the page count, pdftoppm for the rendered pages (saved as PNG artifacts
 * under test/artifacts/pdf/ to look at), and jsQR reading the QR code off the rendered page.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';

const run = promisify(execFile);

export const ARTIFACTS = new URL('../../artifacts/pdf/', import.meta.url).pathname;

async function withFile<T>(pdf: Buffer, task: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'autofactura-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    await writeFile(file, pdf);
    return await task(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Text of each page: `layout` keeps the visual arrangement (and leaves out rotated text), `raw` keeps
 * content-stream order and includes rotated text such as the CANCELADO mark.
 */
export function pageTexts(pdf: Buffer, mode: 'layout' | 'raw' = 'layout'): Promise<string[]> {
  return withFile(pdf, async (file) => {
    const { stdout } = await run('pdftotext', [`-${mode}`, '-enc', 'UTF-8', file, '-'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout.split('\f').slice(0, -1);
  });
}

export function pageCount(pdf: Buffer): Promise<number> {
  return withFile(pdf, async (file) => {
    const { stdout } = await run('pdfinfo', [file]);
    return Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1]);
  });
}

export interface Word {
  page: number;
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** Every word with its box in PDF points (pdftotext -bbox). */
export function wordBoxes(pdf: Buffer): Promise<{ pageWidth: number; pageHeight: number; words: Word[] }> {
  return withFile(pdf, async (file) => {
    const { stdout } = await run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const size = /<page width="([\d.]+)" height="([\d.]+)">/.exec(stdout);
    const words: Word[] = [];
    stdout
      .split('<page ')
      .slice(1)
      .forEach((page, index) => {
        for (const m of page.matchAll(
          /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g,
        )) {
          words.push({
            page: index + 1,
            xMin: Number(m[1]),
            yMin: Number(m[2]),
            xMax: Number(m[3]),
            yMax: Number(m[4]),
            text: m[5] as string,
          });
        }
      });
    return { pageWidth: Number(size?.[1]), pageHeight: Number(size?.[2]), words };
  });
}

/** Renders every page at 150 dpi into test/artifacts/pdf/<name>-<n>.png; returns the files in order. */
export function renderPages(pdf: Buffer, name: string): Promise<string[]> {
  return withFile(pdf, async (file) => {
    await mkdir(ARTIFACTS, { recursive: true });
    for (const old of await readdir(ARTIFACTS)) {
      if (new RegExp(`^${name}-\\d+\\.png$`).test(old)) await rm(join(ARTIFACTS, old));
    }
    await run('pdftoppm', ['-r', '150', '-png', file, join(ARTIFACTS, name)], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const pages = (await readdir(ARTIFACTS)).filter((f) => new RegExp(`^${name}-\\d+\\.png$`).test(f));
    const number = (f: string) => Number(/-(\d+)\.png$/.exec(f)?.[1]);
    return pages.sort((a, b) => number(a) - number(b)).map((f) => join(ARTIFACTS, f));
  });
}

/** The text of the QR code on a rendered page, or undefined when jsQR finds none. */
export async function decodeQr(png: string): Promise<string | undefined> {
  const image = PNG.sync.read(await readFile(png));
  const data = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length);
  // jsqr is CommonJS; under NodeNext its typed default export is the module's `default` property.
  return jsqr.default(data, image.width, image.height)?.data;
}

/** A PNG logo made with pngjs: a colored rounded badge with a white bar, `width` x `height` pixels. */
export function makeLogo(width = 240, height = 120, rgb: [number, number, number] = [200, 40, 90]): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (width * y + x) * 4;
      const inBar = y > height * 0.4 && y < height * 0.6 && x > width * 0.15 && x < width * 0.85;
      const inCircle = (x - height / 2) ** 2 + (y - height / 2) ** 2 < (height * 0.4) ** 2;
      const inside = inCircle || (x > height / 2 && x < width - 10 && y > 10 && y < height - 10);
      const [r, g, b] = inBar ? [255, 255, 255] : inside ? rgb : [255, 255, 255];
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = inside || inBar ? 255 : 0;
    }
  }
  return PNG.sync.write(png);
}

/** Images embedded in the PDF (pdfimages -list), one entry per image object, soft masks left out. */
export function imageObjects(pdf: Buffer): Promise<{ object: string; encoding: string; pages: number[] }[]> {
  return withFile(pdf, async (file) => {
    const { stdout } = await run('pdfimages', ['-list', file]);
    const objects = new Map<string, { object: string; encoding: string; pages: number[] }>();
    for (const line of stdout.split('\n').slice(2)) {
      const cols = line.trim().split(/\s+/);
      if (cols[2] !== 'image') continue;
      const object = cols[10] as string;
      const entry = objects.get(object) ?? { object, encoding: cols[8] as string, pages: [] };
      entry.pages.push(Number(cols[0]));
      objects.set(object, entry);
    }
    return [...objects.values()];
  });
}

/** The first page of a PDF as JPEG bytes (pdftoppm -jpeg), a real JPEG to use as a logo. */
export function firstPageJpeg(pdf: Buffer): Promise<Buffer> {
  return withFile(pdf, async (file) => {
    const out = join(file, '..', 'page');
    await run('pdftoppm', ['-r', '20', '-jpeg', '-singlefile', '-f', '1', '-l', '1', file, out]);
    return readFile(`${out}.jpg`);
  });
}

/** Pixels of a rendered page within `tolerance` of `rgb`, optionally only inside a region (fractions). */
export async function countPixels(
  png: string,
  rgb: [number, number, number],
  tolerance = 40,
  region: { x0: number; y0: number; x1: number; y1: number } = { x0: 0, y0: 0, x1: 1, y1: 1 },
): Promise<number> {
  const image = PNG.sync.read(await readFile(png));
  let count = 0;
  for (let y = Math.floor(region.y0 * image.height); y < region.y1 * image.height; y++) {
    for (let x = Math.floor(region.x0 * image.width); x < region.x1 * image.width; x++) {
      const i = (image.width * y + x) * 4;
      const d =
        Math.abs((image.data[i] as number) - rgb[0]) +
        Math.abs((image.data[i + 1] as number) - rgb[1]) +
        Math.abs((image.data[i + 2] as number) - rgb[2]);
      if (d <= tolerance) count++;
    }
  }
  return count;
}
