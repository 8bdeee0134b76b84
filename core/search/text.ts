/**
 * Spanish-aware term processing for the search index (core/search/): the same for what is indexed and what is asked,
 * so "Crème Brûlée", "creme brulee" and "CREMES" all meet on one term.
 *
 * 1. Words are runs of letters and digits (Unicode), so "½" and punctuation split words and ñ stays a letter.
 * 2. Case and accents are folded: NFD, combining marks dropped, lower case ("Brûlée" -> "brulee", "niño" -> "nino").
 * 3. A light stemmer in the manner of Savoy's Spanish light stemmer: plurals ("nueces" -> "nuez", "limones" ->
 *    "limon", "huevos" -> "huevo") and then a final gender vowel of words of 5+ letters ("harina" -> "harin",
 *    "horneado"/"horneada" -> "hornead"). It is deliberately light: it never merges words that differ in their root.
 * 4. A handful of Spanish and English function words are left out: "tarta de manzana" asks for "tarta" and "manzana".
 */

/** A word of the original text and where it is, in UTF-16 code units (what JavaScript string offsets count). */
export interface Word {
  text: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

export function words(text: string): Word[] {
  return [...text.matchAll(WORD)].map((match) => ({ text: match[0], start: match.index, end: match.index + match[0].length }));
}

/** Lower case without accents: what typo tolerance counts letters of. */
export function fold(word: string): string {
  return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

const STOP_WORDS = new Set([
  "a", "al", "con", "de", "del", "el", "en", "es", "la", "las", "lo", "los", "o", "para", "por", "se", "su", "un", "una", "y",
  "and", "of", "the", "with",
]);

/** Folded `word` reduced to its light stem. */
export function stem(folded: string): string {
  let term = folded;
  if (term.length > 4 && term.endsWith("ces")) term = `${term.slice(0, -3)}z`; // nueces -> nuez
  else if (term.length > 4 && /[lrndzj]es$/.test(term)) term = term.slice(0, -2); // limones -> limon, azucares -> azucar
  else if (term.length > 3 && /[aeiou]s$/.test(term)) term = term.slice(0, -1); // huevos -> huevo, harinas -> harina
  if (term.length >= 5 && /[aeo]$/.test(term)) term = term.slice(0, -1); // harina -> harin, huevo -> huev
  return term;
}

/** The index term of one word, or null for a word that is not searched (a function word). */
export function termOf(word: string): string | null {
  const folded = fold(word);
  if (STOP_WORDS.has(folded)) return null;
  return stem(folded);
}

/**
 * How many typos a query word may carry: none below 5 letters (a 4-letter word has too many 1-edit neighbours:
 * "miel", "piel", "mies"), one from 5, two from 9.
 */
export function typosAllowed(word: string): number {
  const letters = fold(word).length;
  return letters >= 9 ? 2 : letters >= 5 ? 1 : 0;
}
