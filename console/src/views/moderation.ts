import { api, describeError } from "../api";
import { formatDateTime, h } from "../dom";
import type { Comment, Course } from "../types";
import type { View } from "./view";

/** Threads read per course: the queue shows what is recent, not a course's whole forum. */
const THREADS_PER_COURSE = 20;
/** Comments shown, newest first. */
const QUEUE_LENGTH = 100;
/** Courses read at once. */
const PARALLEL_READS = 4;

type QueueItem = Omit<Comment, "replies"> & { course: Course };

/**
 * The forum moderation queue: the recent comments and replies of every course, newest first, each to hide, show
 * again or delete. The API lists comments per course (there is no list across courses), so the queue reads the
 * recent threads of each course, at most PARALLEL_READS at a time, and merges them.
 */
export function moderationView(): View {
  const list = h("ul", { className: "rows comments" });
  const message = h("p", { className: "error", role: "alert" });
  const summary = h("p", { className: "hint", role: "status" }, "Loading the recent comments…");
  const reload = h("button", { type: "button" }, "Reload");

  async function load(): Promise<void> {
    message.textContent = "";
    reload.disabled = true;
    try {
      const courses = (await api((c, headers) => c.GET("/api/courses", { headers, params: { query: { limit: 100 } } }))).items;
      const items: QueueItem[] = [];
      const queue = [...courses];
      const worker = async () => {
        for (let course = queue.shift(); course; course = queue.shift()) {
          const id = course.id;
          const page = await api((c, headers) => c.GET("/api/courses/{id}/comments", { headers, params: { path: { id }, query: { limit: THREADS_PER_COURSE } } }));
          for (const thread of page.items) {
            const { replies, ...first } = thread;
            items.push({ ...first, course }, ...replies.map((reply) => ({ ...reply, course })));
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, courses.length) }, worker));
      const recent = items.filter((item) => !item.is_deleted).sort((a, b) => b.created_at.localeCompare(a.created_at)).slice(0, QUEUE_LENGTH);
      list.replaceChildren(...recent.map((item) => commentItem(item, load)));
      summary.textContent = recent.length === 0 ? "No comments in any course." : `The ${recent.length === 1 ? "latest comment" : `${recent.length} latest comments`} across ${courses.length === 1 ? "1 course" : `${courses.length} courses`}.`;
    } catch (error) {
      message.textContent = describeError(error);
    } finally {
      reload.disabled = false;
    }
  }
  reload.addEventListener("click", () => void load());
  void load();

  return {
    element: h(
      "section",
      {},
      h("h1", {}, "Moderation"),
      h("p", { className: "hint" }, "A hidden comment disappears for students and can be shown again; a deleted one is gone for good."),
      h("div", { className: "actions" }, summary, reload),
      message,
      list,
    ),
  };
}

function commentItem(item: QueueItem, reload: () => Promise<void>): HTMLElement {
  const errors = h("p", { className: "error", role: "alert" });
  const toggle = h("button", { type: "button" }, item.is_active ? "Hide" : "Show");
  const remove = h("button", { type: "button", className: "danger" }, "Delete");
  const author = item.user?.full_name ?? "A deleted user";
  const run = (work: () => Promise<unknown>) => {
    errors.textContent = "";
    toggle.disabled = remove.disabled = true;
    work()
      .then(reload)
      .catch((error: unknown) => {
        errors.textContent = describeError(error);
        toggle.disabled = remove.disabled = false;
      });
  };
  const id = { path: { id: item.id } };
  toggle.addEventListener("click", () => run(() => api((c, headers) => c.PUT("/api/comments/{id}/moderate", { headers, params: id, body: { is_active: !item.is_active } }))));
  remove.addEventListener("click", () => {
    if (confirm(`Delete this comment by ${author}? This cannot be undone.`)) run(() => api((c, headers) => c.DELETE("/api/comments/{id}", { headers, params: id })));
  });
  return h(
    "li",
    { className: `row comment${item.is_active ? "" : " hidden-comment"}`, ariaLabel: `${author} in ${item.course.title}` },
    h(
      "p",
      { className: "meta" },
      h("strong", {}, author),
      item.user?.is_admin ? " (admin)" : "",
      ` in `,
      h("a", { href: `#/courses/${encodeURIComponent(item.course.id)}` }, item.course.title),
      ` · ${formatDateTime(item.created_at)}`,
      item.parent_id ? " · reply" : "",
    ),
    h("p", { className: "content" }, item.content ?? ""),
    h("span", { className: item.is_active ? "badge ok" : "badge off" }, item.is_active ? "Visible" : "Hidden"),
    h("div", { className: "actions" }, toggle, remove),
    errors,
  );
}
