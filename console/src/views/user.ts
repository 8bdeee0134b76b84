import { api, describeError } from "../api";
import { count, dateInputValue, endOfDay, formatDateTime, h } from "../dom";
import type { Course, Enrollment, Membership, User, UserProgress } from "../types";
import { certificatesPanel } from "./certificates";
import type { View } from "./view";

/**
 * One user: who they are (deactivate, reactivate), what they may open (enrollments per course and memberships for
 * every course: grant, extend, end) and how far they got in each course.
 */
export function userView(userId: string): View {
  const heading = h("h1");
  const facts = h("p", { className: "hint" });
  const status = h("span", { className: "badge" });
  const toggle = h("button", { type: "button" });
  const message = h("p", { className: "error", role: "alert" });
  const progressBody = h("tbody");
  const enrollmentList = h("ul", { className: "rows" });
  const membershipList = h("ul", { className: "rows" });
  const courseChoice = h("select", { name: "course_id", required: true });
  let user: User | undefined;
  let courses: Course[] = [];

  const path = { path: { id: userId } };

  async function load(): Promise<void> {
    message.textContent = "";
    try {
      const [loaded, progress, enrollments, memberships] = await Promise.all([
        api((c, headers) => c.GET("/api/users/{id}", { headers, params: path })),
        api((c, headers) => c.GET("/api/users/{id}/progress", { headers, params: path })),
        api((c, headers) => c.GET("/api/enrollments", { headers, params: { query: { user_id: userId, limit: 100 } } })),
        api((c, headers) => c.GET("/api/memberships", { headers, params: { query: { user_id: userId, limit: 100 } } })),
      ]);
      user = loaded;
      showUser(loaded);
      showProgress(progress);
      enrollmentList.replaceChildren(...(enrollments.items.length ? enrollments.items.map(enrollmentItem) : [h("li", { className: "hint" }, "No enrollments.")]));
      membershipList.replaceChildren(...(memberships.items.length ? memberships.items.map(membershipItem) : [h("li", { className: "hint" }, "No memberships.")]));
    } catch (error) {
      message.textContent = describeError(error);
    }
  }

  async function loadCourses(): Promise<void> {
    try {
      courses = (await api((c, headers) => c.GET("/api/courses", { headers, params: { query: { limit: 100 } } }))).items;
      courseChoice.replaceChildren(h("option", { value: "" }, "Choose a course"), ...courses.map((course) => h("option", { value: course.id }, course.title)));
    } catch (error) {
      message.textContent = describeError(error);
    }
  }

  function showUser(shown: User): void {
    heading.textContent = shown.full_name;
    document.title = `${shown.full_name} · DulceVicio admin`;
    facts.textContent = `${shown.email} · ${shown.role === "ADMIN" ? "Admin" : "Student"} · since ${formatDateTime(shown.created_at)}`;
    status.textContent = shown.is_active ? "Active" : "Deactivated";
    status.className = shown.is_active ? "badge ok" : "badge off";
    toggle.textContent = shown.is_active ? "Deactivate" : "Reactivate";
    toggle.className = shown.is_active ? "danger" : "";
  }

  function showProgress(progress: UserProgress): void {
    progressBody.replaceChildren(
      ...(progress.items.length
        ? progress.items.map((item) =>
            h(
              "tr",
              {},
              h("th", { scope: "row" }, item.course.title),
              h("td", {}, `${item.completed_lessons} of ${count(item.total_lessons, "lesson")}`),
              h("td", {}, h("progress", { max: 100, value: item.progress_percentage, ariaLabel: `${item.course.title}: ${item.progress_percentage}%` }), ` ${item.progress_percentage}%`),
              h("td", {}, item.last_activity ? formatDateTime(item.last_activity) : "—"),
            ),
          )
        : [h("tr", {}, h("td", { colSpan: 4, className: "hint" }, "No progress yet."))]),
    );
  }

  /** Runs a change, shows the API's refusal in `where`, and loads the user again. */
  function change(where: HTMLElement, work: () => Promise<unknown>): void {
    where.textContent = "";
    work()
      .then(() => load())
      .catch((error: unknown) => {
        where.textContent = describeError(error);
      });
  }

  toggle.addEventListener("click", () => {
    if (!user) return;
    if (user.is_active) {
      if (!confirm(`Deactivate ${user.full_name}? They are signed out at once and cannot sign in until reactivated.`)) return;
      change(message, () => api((c, headers) => c.DELETE("/api/users/{id}", { headers, params: path })));
    } else {
      change(message, () => api((c, headers) => c.PUT("/api/users/{id}", { headers, params: path, body: { is_active: true } })));
    }
  });

  function enrollmentItem(enrollment: Enrollment): HTMLElement {
    const open = enrollment.is_active && (enrollment.expires_at === null || Date.parse(enrollment.expires_at) > Date.now());
    const until = h("input", { type: "date", value: dateInputValue(enrollment.expires_at) });
    const errors = h("p", { className: "error", role: "alert" });
    const extend = h("button", { type: "button" }, "Set end");
    const end = h("button", { type: "button", className: "danger", disabled: !open }, "End now");
    const id = { path: { id: enrollment.id } };
    extend.addEventListener("click", () =>
      change(errors, () => api((c, headers) => c.PUT("/api/enrollments/{id}", { headers, params: id, body: { expires_at: until.value ? endOfDay(until.value) : null, is_active: true } }))),
    );
    end.addEventListener("click", () => change(errors, () => api((c, headers) => c.PUT("/api/enrollments/{id}", { headers, params: id, body: { expires_at: new Date().toISOString() } }))));
    const title = enrollment.course.title;
    return h(
      "li",
      { className: "row access", ariaLabel: `Enrollment in ${title}` },
      h("strong", {}, title),
      h("span", { className: open ? "badge ok" : "badge off" }, open ? "Open" : "Ended"),
      h("span", { className: "hint" }, enrollment.expires_at ? `until ${formatDateTime(enrollment.expires_at)}` : "no end date"),
      h("label", {}, `New end for ${title} (empty: no end)`, until),
      h("div", { className: "actions" }, extend, end),
      errors,
    );
  }

  function membershipItem(membership: Membership): HTMLElement {
    const now = Date.now();
    const open = membership.is_active && Date.parse(membership.start_date) <= now && Date.parse(membership.end_date) > now;
    const until = h("input", { type: "date", value: dateInputValue(membership.end_date), required: true });
    const errors = h("p", { className: "error", role: "alert" });
    const extend = h("button", { type: "button" }, "Set end");
    const end = h("button", { type: "button", className: "danger", disabled: !membership.is_active || Date.parse(membership.end_date) <= now }, "End now");
    const id = { path: { id: membership.id } };
    extend.addEventListener("click", () =>
      change(errors, () => api((c, headers) => c.PUT("/api/memberships/{id}", { headers, params: id, body: { end_date: endOfDay(until.value), is_active: true } }))),
    );
    // A membership ends after it starts: one that has not started yet is switched off instead.
    end.addEventListener("click", () =>
      change(errors, () =>
        api((c, headers) =>
          c.PUT("/api/memberships/{id}", { headers, params: id, body: Date.parse(membership.start_date) < Date.now() ? { end_date: new Date().toISOString() } : { is_active: false } }),
        ),
      ),
    );
    const period = `${formatDateTime(membership.start_date)} – ${formatDateTime(membership.end_date)}`;
    return h(
      "li",
      { className: "row access", ariaLabel: `Membership ${period}` },
      h("strong", {}, "Every course"),
      h("span", { className: open ? "badge ok" : "badge off" }, open ? "Open" : Date.parse(membership.start_date) > now && membership.is_active ? "Not started" : "Ended"),
      h("span", { className: "hint" }, period, membership.notes ? ` · ${membership.notes}` : ""),
      h("label", {}, "New end of the membership", until),
      h("div", { className: "actions" }, extend, end),
      errors,
    );
  }

  function grantEnrollmentForm(): HTMLElement {
    const until = h("input", { type: "date", name: "expires_at" });
    const errors = h("p", { className: "error", role: "alert" });
    const form = h(
      "form",
      { className: "grant" },
      h("label", {}, "Course", courseChoice),
      h("label", {}, "Ends on (optional)", until),
      h("button", { type: "submit" }, "Enroll"),
      errors,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      change(errors, async () => {
        await api((c, headers) => c.POST("/api/enrollments", { headers, body: { user_id: userId, course_id: courseChoice.value, ...(until.value ? { expires_at: endOfDay(until.value) } : {}) } }));
        until.value = "";
      });
    });
    return form;
  }

  function grantMembershipForm(): HTMLElement {
    const from = h("input", { type: "date", name: "start_date", required: true, value: dateInputValue(new Date().toISOString()) });
    const until = h("input", { type: "date", name: "end_date", required: true });
    const notes = h("input", { name: "notes", autocomplete: "off" });
    const errors = h("p", { className: "error", role: "alert" });
    const form = h(
      "form",
      { className: "grant" },
      h("label", {}, "Starts on", from),
      h("label", {}, "Ends on", until),
      h("label", {}, "Notes", notes),
      h("button", { type: "submit" }, "Grant membership"),
      errors,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      // From the start of the first day, to the end of the last one, in the admin's time zone.
      const start = from.value === dateInputValue(new Date().toISOString()) ? new Date().toISOString() : new Date(`${from.value}T00:00:00`).toISOString();
      change(errors, async () => {
        await api((c, headers) =>
          c.POST("/api/memberships", { headers, body: { user_id: userId, start_date: start, end_date: endOfDay(until.value), ...(notes.value.trim() ? { notes: notes.value.trim() } : {}) } }),
        );
        until.value = "";
        notes.value = "";
      });
    });
    return form;
  }

  void load();
  void loadCourses();
  return {
    element: h(
      "section",
      {},
      h("a", { href: "#/users" }, "← Users"),
      heading,
      h("div", { className: "actions" }, facts, status, toggle),
      message,
      h("h2", {}, "Progress"),
      h(
        "div",
        { className: "table-wrap" },
        h(
          "table",
          {},
          h("caption", { className: "visually-hidden" }, "Progress in each course"),
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Course"), h("th", { scope: "col" }, "Lessons"), h("th", { scope: "col" }, "Progress"), h("th", { scope: "col" }, "Last activity"))),
          progressBody,
        ),
      ),
      h("h2", {}, "Enrollments"),
      enrollmentList,
      grantEnrollmentForm(),
      h("h2", {}, "Memberships"),
      h("p", { className: "hint" }, "A membership opens every course for its period."),
      membershipList,
      grantMembershipForm(),
      certificatesPanel(userId),
    ),
  };
}
