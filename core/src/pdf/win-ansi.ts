/**
 * The PDF uses pdfkit's built-in Helvetica and Courier, whose encoding is WinAnsi (cp1252): it has every
 * Spanish letter (á é í ó ú ü ñ Ñ ¿ ¡), € and typographic quotes, but not, say, Greek or emoji. pdfkit
 * writes any other character as garbage, so text is mapped first: a letter with an accent WinAnsi lacks
 * loses the accent (ő -> o), anything else becomes '?'. Control characters become spaces.
 */

/** Characters of cp1252's 0x80-0x9F range, by their Unicode code point. */
const CP1252_EXTRA = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e,
  0x0178,
]);

const COMBINING_MARKS = /[\u0300-\u036f]/g;

function encodable(code: number): boolean {
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.has(code);
}

export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (encodable(code)) out += char;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += ' ';
    else {
      const stripped = char.normalize('NFKD').replace(COMBINING_MARKS, '');
      out +=
        stripped !== '' && [...stripped].every((c) => encodable(c.codePointAt(0) as number)) ? stripped : '?';
    }
  }
  return out;
}
