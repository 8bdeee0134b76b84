import { MAX_ORDER } from "../db/entities/course";
import { db } from "../db/service";

/**
 * Where a lesson or recipe created without `order` goes: one past the highest `order` of its kind in the course, so
 * it lands at the end. One Query of the course's items of that kind (only `order` read back; a page of 1 MB holds
 * thousands of them). Two created at the same moment may get the same `order`; lists break ties by creation (id).
 */
export async function endOrder(kind: "lesson" | "recipe", courseId: string): Promise<number> {
  const { entities } = db();
  const options = { attributes: ["order"], pages: "all" } as const;
  const { data } =
    kind === "lesson"
      ? await entities.lesson.query.byCourse({ course_id: courseId }).go(options)
      : await entities.recipe.query.byCourse({ course_id: courseId }).go(options);
  const highest = data.reduce((max, item) => Math.max(max, item.order), 0);
  return Math.min(highest + 1, MAX_ORDER);
}
