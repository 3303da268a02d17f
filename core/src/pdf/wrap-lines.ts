/**
 * Line breaking done by us rather than by pdfkit, so every block's height is known before it is drawn
 * (a table row can be moved or split across pages) and nothing can run past its box: words wrap at
 * spaces, and a word wider than the box (a Sello, a long URL) is cut between characters.
 */

/** Measures a string in the font and size the lines will be drawn with. */
export type Measure = (text: string) => number;

export function wrapLines(text: string, width: number, measure: Measure): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    // Split on single spaces: the empty words between two spaces keep runs of spaces (a pedimento is
    // written "26  47  3807  8000000"), except where a line breaks.
    const words = paragraph.replace(/[\t\r]/g, ' ').split(' ');
    let current = '';
    for (const word of words) {
      if (current === '' && word === '') continue;
      const candidate = current === '' ? word : `${current} ${word}`;
      if (measure(candidate) <= width) {
        current = candidate;
        continue;
      }
      if (current !== '') lines.push(current.trimEnd());
      if (measure(word) <= width) {
        current = word;
        continue;
      }
      const pieces = cutWord(word, width, measure);
      current = pieces.pop() as string;
      lines.push(...pieces);
    }
    lines.push(current.trimEnd());
  }
  return lines;
}

/** Cuts a word into pieces no wider than `width` (at least one character each). */
function cutWord(word: string, width: number, measure: Measure): string[] {
  const chars = [...word];
  const pieces: string[] = [];
  let start = 0;
  while (start < chars.length) {
    // Estimate from the average character width, then correct against the real measure.
    let end = Math.min(chars.length, start + Math.max(1, Math.floor(width / averageWidth(chars, measure))));
    while (end < chars.length && measure(chars.slice(start, end + 1).join('')) <= width) end++;
    while (end - start > 1 && measure(chars.slice(start, end).join('')) > width) end--;
    pieces.push(chars.slice(start, end).join(''));
    start = end;
  }
  return pieces;
}

function averageWidth(chars: string[], measure: Measure): number {
  const sample = chars.slice(0, 64).join('');
  return Math.max(0.1, measure(sample) / Math.min(64, chars.length));
}
