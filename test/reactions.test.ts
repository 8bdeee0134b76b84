import { beforeAll, describe, expect, it } from "vitest";
import { useTestApi, type ApiResponse } from "./support/api";
import { givenUser, signIn } from "./support/users";

/** Reactions on forum comments (issue 17): one per user and kind, counts exact under concurrency. */
const api = useTestApi();
let adminToken: string;
let courseId: string;
const asAdmin = (method: string, path: string, body?: unknown) => api.request(method, path, { token: adminToken, body });
type As = (method: string, path: string, body?: unknown) => Promise<ApiResponse>;

async function student(enrolled = true): Promise<{ id: string; as: As }> {
  const user = await givenUser("USER");
  if (enrolled) expect((await asAdmin("POST", "/api/enrollments", { user_id: user.id, course_id: courseId })).status).toBe(201);
  const token = (await signIn(api, user)).access_token;
  return { id: user.id, as: (method, path, body) => api.request(method, path, { token, body }) };
}

beforeAll(async () => {
  adminToken = (await signIn(api, await givenUser("ADMIN"))).access_token;
  courseId = (await asAdmin("POST", "/api/courses", { title: "Foro", description: "d" })).body.id;
});

const thread = async () => (await asAdmin("POST", `/api/courses/${courseId}/comments`, { content: "¿Qué harina usáis?" })).body.id as string;
const NONE = { like: 0, love: 0, yum: 0, clap: 0, thanks: 0 };

describe("reactions", () => {
  it("one per user and kind: repeating changes nothing; the forum shows the counts and the caller's own", async () => {
    const commentId = await thread();
    const ana = await student();
    const first = await ana.as("PUT", `/api/comments/${commentId}/reactions/yum`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ comment_id: commentId, reactions: { ...NONE, yum: 1 }, my_reactions: ["yum"] });
    expect((await ana.as("PUT", `/api/comments/${commentId}/reactions/yum`)).body.reactions).toEqual({ ...NONE, yum: 1 });
    await ana.as("PUT", `/api/comments/${commentId}/reactions/thanks`);

    const forum = await ana.as("GET", `/api/courses/${courseId}/comments`);
    const shown = forum.body.items.find((item: { id: string }) => item.id === commentId);
    expect(shown).toMatchObject({ reactions: { ...NONE, yum: 1, thanks: 1 }, my_reactions: expect.arrayContaining(["yum", "thanks"]) });
    // Someone else sees the counts, not Ana's reactions as theirs.
    const bea = await student();
    expect((await bea.as("GET", `/api/comments/${commentId}`)).body).toMatchObject({ reactions: { ...NONE, yum: 1, thanks: 1 }, my_reactions: [] });

    const taken = await ana.as("DELETE", `/api/comments/${commentId}/reactions/yum`);
    expect(taken.body).toEqual({ comment_id: commentId, reactions: { ...NONE, thanks: 1 }, my_reactions: ["thanks"] });
    expect((await ana.as("DELETE", `/api/comments/${commentId}/reactions/yum`)).body.reactions).toEqual({ ...NONE, thanks: 1 });
  });

  it("a fixed set of kinds; only those with access react", async () => {
    const commentId = await thread();
    const outsider = await student(false);
    const refused = await outsider.as("PUT", `/api/comments/${commentId}/reactions/like`);
    expect(refused.status).toBe(403);
    const insider = await student();
    const unknown = await insider.as("PUT", `/api/comments/${commentId}/reactions/angry`);
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get("content-type")).toBe("application/problem+json");
  });

  it("counts stay exact after 20 concurrent reactions and 10 concurrent withdrawals", async () => {
    const commentId = await thread();
    const people = await Promise.all(Array.from({ length: 20 }, () => student()));
    const reacted = await Promise.all(people.map((someone) => someone.as("PUT", `/api/comments/${commentId}/reactions/clap`)));
    expect(reacted.map((response) => response.status)).toEqual(Array(20).fill(200));
    // Each twice at once: the second of a pair must not count again.
    await Promise.all(people.slice(0, 10).flatMap((someone) => [someone.as("DELETE", `/api/comments/${commentId}/reactions/clap`), someone.as("DELETE", `/api/comments/${commentId}/reactions/clap`)]));
    const comment = await asAdmin("GET", `/api/comments/${commentId}`);
    expect(comment.body.reactions).toEqual({ ...NONE, clap: 10 });
    // Twenty accounts, each with its password hashed and signed in: slow on a loaded machine, not what is measured.
  }, 120_000);
});
