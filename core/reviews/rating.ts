/** What the course shows of its reviews: the average of the shown ratings (two decimals) and how many there are. */
export function ratingOf(course: { rating_sum?: number; rating_count?: number }): { rating_avg: number | null; rating_count: number } {
  const count = course.rating_count ?? 0;
  return { rating_avg: count === 0 ? null : Math.round(((course.rating_sum ?? 0) / count) * 100) / 100, rating_count: count };
}
