/**
 * Masking of a customer's name and address for partners (issue 9: a bank shows "Ng*** V** A*" so the payer can tell
 * they found the right customer without the partner learning who lives where).
 *
 * The rule, derived from the example "Nguyễn Văn An" → "Ng*** V** A*", applied word by word:
 * - a word of more than 3 letters keeps its first two letters, a shorter word its first letter;
 * - the rest becomes stars, one per letter but at most three, so a long word does not give its length away
 *   (Nguyễn: 6 letters → "Ng" + "***");
 * - a one-letter word stays as it is (there is nothing after its first letter to hide);
 * - anything between words (spaces, commas, slashes, dashes) is kept, so the shape of an address stays readable.
 * A "word" is a run of letters and digits (house numbers are masked like words). Letters are counted after NFC
 * composition, so "ễ" is one letter whether it arrived precomposed or as e + two combining marks.
 */

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const MAX_STARS = 3;

export function maskWord(word: string): string {
  const letters = Array.from(word.normalize('NFC'));
  const kept = letters.length > 3 ? 2 : 1;
  const hidden = Math.min(MAX_STARS, Math.max(0, letters.length - kept));
  return letters.slice(0, kept).join('') + '*'.repeat(hidden);
}

/** A name or an address, masked word by word; surrounding spaces trimmed, inner runs of spaces kept as one. */
export function maskText(text: string | null | undefined): string {
  if (!text) return '';
  return text
    .normalize('NFC')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(WORD, (word) => maskWord(word));
}
