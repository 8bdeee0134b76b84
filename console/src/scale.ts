/**
 * A chart's y axis for counts: 0, then round steps (1, 2 or 5 times a power of ten, whole numbers), up to a round top
 * at or above the largest count, about four steps. All zeros give 0 and 1, so that nothing divides by 0.
 */
export function axisTicks(max: number): number[] {
  const raw = Math.max(max, 1) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= raw) ?? 10 * magnitude);
  const top = Math.max(step, Math.ceil(max / step) * step);
  return Array.from({ length: Math.round(top / step) + 1 }, (_, index) => index * step);
}
