import { api, describeError } from "../api";
import { count, h } from "../dom";
import type { Course } from "../types";
import type { View } from "./view";

/** Every course (a page at a time) and a form to create one. */
export function coursesView(): View {
  const list = h("ul", { className: "courses" });
  const more = h("button", { type: "button", hidden: true }, "Load more");
  const message = h("p", { className: "error", role: "alert" });
  const empty = h("p", { className: "hint", hidden: true }, "No courses yet: create the first one below.");
  let cursor: string | null = null;

  async function loadPage(): Promise<void> {
    more.disabled = true;
    try {
      const page = await api((c, headers) => c.GET("/api/courses", { headers, params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } }));
      list.append(...page.items.map(courseItem));
      cursor = page.next_cursor;
      more.hidden = cursor === null;
      empty.hidden = list.children.length > 0;
    } catch (error) {
      message.textContent = describeError(error);
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener("click", () => void loadPage());
  void loadPage();

  return {
    element: h("section", {}, h("h1", {}, "Courses"), message, empty, list, more, createCourseForm()),
  };
}

function courseItem(course: Course): HTMLElement {
  const facts = [
    count(course.recipes_count, "recipe"),
    count(course.lessons_count, "lesson"),
    `PDF: ${course.consolidated_recipe_pdf.status}`,
    course.is_active ? "" : "inactive",
  ].filter(Boolean);
  return h("li", {}, h("a", { href: `#/courses/${encodeURIComponent(course.id)}` }, course.title), h("span", { className: "hint" }, facts.join(" · ")));
}

function createCourseForm(): HTMLElement {
  const title = h("input", { name: "title", required: true, placeholder: "Tartas de otoño" });
  const description = h("textarea", { name: "description", rows: 2 });
  const message = h("p", { className: "error", role: "alert" });
  const submit = h("button", { type: "submit" }, "Create course");
  const form = h(
    "form",
    { className: "card" },
    h("h2", {}, "New course"),
    h("label", {}, "Title", title),
    h("label", {}, "Description", description),
    submit,
    message,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit.disabled = true;
    message.textContent = "";
    api((c, headers) => c.POST("/api/courses", { headers, body: { title: title.value, description: description.value } }))
      .then((course) => {
        location.hash = `#/courses/${encodeURIComponent(course.id)}`;
      })
      .catch((error: unknown) => {
        message.textContent = describeError(error);
        submit.disabled = false;
      });
  });
  return form;
}
