import { beforeAll, describe, expect, it } from "vitest";
import { useTestApi, type ApiResponse } from "./support/api";
import { givenUser, signIn } from "./support/users";

/** Course reviews (issue 17): one per student, the course's rating exact under concurrent writes. */
const api = useTestApi();
let adminToken: string;
const asAdmin = (method: string, path: string, body?: unknown) => api.request(method, path, { token: adminToken, body });

beforeAll(async () => {
  adminToken = (await signIn(api, await givenUser("ADMIN"))).access_token;
});

type As = (method: string, path: string, body?: unknown) => Promise<ApiResponse>;

async function createCourse(): Promise<string> {
  return (await asAdmin("POST", "/api/courses", { title: "Macarons", description: "d" })).body.id;
}

async function student(courseId?: string): Promise<{ id: string; as: As }> {
  const user = await givenUser("USER");
  if (courseId) expect((await asAdmin("POST", "/api/enrollments", { user_id: user.id, course_id: courseId })).status).toBe(201);
  const token = (await signIn(api, user)).access_token;
  return { id: user.id, as: (method, path, body) => api.request(method, path, { token, body }) };
}

const ratingOf = async (courseId: string) => {
  const { rating_avg, rating_count } = (await asAdmin("GET", `/api/courses/${courseId}`)).body;
  return { rating_avg, rating_count };
};

function expectProblem(response: ApiResponse, status: number, detail?: RegExp) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  if (detail) expect(response.body.detail).toMatch(detail);
}

describe("reviews", () => {
  it("one per student with access: post, change, delete; the course's average and count follow", async () => {
    const courseId = await createCourse();
    expect(await ratingOf(courseId)).toEqual({ rating_avg: null, rating_count: 0 });
    const ana = await student(courseId);
    const bea = await student(courseId);

    const posted = await ana.as("POST", `/api/courses/${courseId}/review`, { rating: 5, text: "  Riquísimo <b>todo</b>  " });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ course_id: courseId, user_id: ana.id, rating: 5, text: "Riquísimo <b>todo</b>", is_active: true, author_name: expect.any(String) });
    expectProblem(await ana.as("POST", `/api/courses/${courseId}/review`, { rating: 1 }), 409, /already reviewed/);
    await bea.as("POST", `/api/courses/${courseId}/review`, { rating: 2 });
    expect(await ratingOf(courseId)).toEqual({ rating_avg: 3.5, rating_count: 2 });

    const changed = await ana.as("PUT", `/api/courses/${courseId}/review`, { rating: 4 });
    expect(changed.body).toMatchObject({ rating: 4, text: null });
    expect(await ratingOf(courseId)).toEqual({ rating_avg: 3, rating_count: 2 });

    const listed = await bea.as("GET", `/api/courses/${courseId}/reviews`);
    expect(listed.body.items.map((review: { user_id: string }) => review.user_id)).toEqual([bea.id, ana.id]);

    expect((await bea.as("DELETE", `/api/courses/${courseId}/review`)).status).toBe(204);
    expect(await ratingOf(courseId)).toEqual({ rating_avg: 4, rating_count: 1 });
    expectProblem(await bea.as("PUT", `/api/courses/${courseId}/review`, { rating: 3 }), 404);
  });

  it("a student without access cannot review; bad ratings and long texts are 400s", async () => {
    const courseId = await createCourse();
    const outsider = await student();
    expectProblem(await outsider.as("POST", `/api/courses/${courseId}/review`, { rating: 5 }), 403);
    const insider = await student(courseId);
    for (const body of [{ rating: 0 }, { rating: 6 }, { rating: 4.5 }, { rating: 3, text: "x".repeat(2001) }, {}]) {
      expectProblem(await insider.as("POST", `/api/courses/${courseId}/review`, body), 400);
    }
    expect(await ratingOf(courseId)).toEqual({ rating_avg: null, rating_count: 0 });
  });

  it("an admin hides and shows a review: out of the rating and the students' list, and back", async () => {
    const courseId = await createCourse();
    const [ana, bea] = await Promise.all([student(courseId), student(courseId)]);
    const review = (await ana.as("POST", `/api/courses/${courseId}/review`, { rating: 1, text: "spam" })).body;
    await bea.as("POST", `/api/courses/${courseId}/review`, { rating: 5 });

    const hidden = await asAdmin("PUT", `/api/reviews/${review.id}/moderate`, { is_active: false });
    expect(hidden.body.is_active).toBe(false);
    expect(await ratingOf(courseId)).toEqual({ rating_avg: 5, rating_count: 1 });
    expect((await bea.as("GET", `/api/courses/${courseId}/reviews`)).body.items.map((item: { id: string }) => item.id)).not.toContain(review.id);
    expect((await asAdmin("GET", `/api/courses/${courseId}/reviews`)).body.items.map((item: { id: string }) => item.id)).toContain(review.id);
    // Hiding twice changes nothing; a hidden review's new rating does not count until shown.
    await asAdmin("PUT", `/api/reviews/${review.id}/moderate`, { is_active: false });
    await ana.as("PUT", `/api/courses/${courseId}/review`, { rating: 2 });
    expect(await ratingOf(courseId)).toEqual({ rating_avg: 5, rating_count: 1 });
    await asAdmin("PUT", `/api/reviews/${review.id}/moderate`, { is_active: true });
    expect(await ratingOf(courseId)).toEqual({ rating_avg: 3.5, rating_count: 2 });
  });

  it("pages newest first with a cursor", async () => {
    const courseId = await createCourse();
    const students = await Promise.all(Array.from({ length: 3 }, () => student(courseId)));
    for (const [index, someone] of students.entries()) await someone.as("POST", `/api/courses/${courseId}/review`, { rating: index + 1 });
    const first = await asAdmin("GET", `/api/courses/${courseId}/reviews?limit=2`);
    expect(first.body.items.map((item: { rating: number }) => item.rating)).toEqual([3, 2]);
    const second = await asAdmin("GET", `/api/courses/${courseId}/reviews?limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`);
    expect(second.body.items.map((item: { rating: number }) => item.rating)).toEqual([1]);
  });

  it("the rating stays exact under 20 concurrent reviews, then 20 concurrent changes and deletions", async () => {
    const courseId = await createCourse();
    const students = await Promise.all(Array.from({ length: 20 }, () => student(courseId)));
    const posted = await Promise.all(students.map((someone, index) => someone.as("POST", `/api/courses/${courseId}/review`, { rating: (index % 5) + 1 })));
    expect(posted.map((response) => response.status)).toEqual(Array(20).fill(201));
    expect(await ratingOf(courseId)).toEqual({ rating_avg: 3, rating_count: 20 });

    // Half change to 5, half delete, all at once; plus the same student changing theirs twice at once.
    const writes = await Promise.all([
      ...students.map((someone, index) => (index % 2 === 0 ? someone.as("PUT", `/api/courses/${courseId}/review`, { rating: 5 }) : someone.as("DELETE", `/api/courses/${courseId}/review`))),
      students[0]!.as("PUT", `/api/courses/${courseId}/review`, { rating: 1 }),
    ]);
    expect(writes.every((response) => response.status === 200 || response.status === 204)).toBe(true);
    const mine = (await students[0]!.as("GET", `/api/courses/${courseId}/reviews`)).body.items.find((item: { user_id: string }) => item.user_id === students[0]!.id);
    const expectedSum = 9 * 5 + mine.rating;
    expect(await ratingOf(courseId)).toEqual({ rating_avg: Math.round((expectedSum / 10) * 100) / 100, rating_count: 10 });
    // Twenty accounts, each with its password hashed and signed in: slow on a loaded machine, not what is measured.
  }, 120_000);
});
