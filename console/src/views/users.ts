import { api, describeError } from "../api";
import { h } from "../dom";
import type { User } from "../types";
import type { View } from "./view";

type Role = User["role"];
const ROLES: Record<Role, string> = { USER: "Student", ADMIN: "Admin" };

/** Users: a search (email prefix, role, active or not), a page at a time, and a form to create one. */
export function usersView(): View {
  const q = h("input", { type: "search", name: "q", autocomplete: "off" });
  const role = h("select", { name: "role" }, h("option", { value: "" }, "Any"), ...Object.entries(ROLES).map(([value, label]) => h("option", { value }, label)));
  const status = h("select", { name: "is_active" }, h("option", { value: "" }, "Any"), h("option", { value: "true" }, "Active"), h("option", { value: "false" }, "Deactivated"));
  const search = h(
    "form",
    { className: "filters", role: "search" },
    h("label", {}, "Email starts with", q),
    h("label", {}, "Role", role),
    h("label", {}, "Status", status),
    h("button", { type: "submit" }, "Search"),
  );
  const list = h("ul", { className: "rows users" });
  const more = h("button", { type: "button", hidden: true }, "Load more");
  const message = h("p", { className: "error", role: "alert" });
  const summary = h("p", { className: "hint", role: "status" });
  let cursor: string | null = null;

  async function loadPage(fresh: boolean): Promise<void> {
    more.disabled = true;
    message.textContent = "";
    try {
      const query = {
        limit: 50,
        ...(q.value.trim() ? { q: q.value.trim() } : {}),
        ...(role.value ? { role: role.value as Role } : {}),
        ...(status.value ? { is_active: status.value as "true" | "false" } : {}),
        ...(!fresh && cursor ? { cursor } : {}),
      };
      const page = await api((c, headers) => c.GET("/api/users", { headers, params: { query } }));
      if (fresh) list.replaceChildren();
      list.append(...page.items.map(userItem));
      cursor = page.next_cursor;
      more.hidden = cursor === null;
      summary.textContent = list.children.length === 0 ? "No user matches." : "";
    } catch (error) {
      message.textContent = describeError(error);
    } finally {
      more.disabled = false;
    }
  }
  search.addEventListener("submit", (event) => {
    event.preventDefault();
    void loadPage(true);
  });
  more.addEventListener("click", () => void loadPage(false));
  void loadPage(true);

  return { element: h("section", {}, h("h1", {}, "Users"), search, message, summary, list, more, createUserForm()) };
}

function userItem(user: User): HTMLElement {
  return h(
    "li",
    { className: "row" },
    h("a", { href: `#/users/${encodeURIComponent(user.id)}` }, user.full_name),
    h("span", {}, user.email),
    h("span", { className: "hint" }, ROLES[user.role]),
    h("span", { className: user.is_active ? "badge ok" : "badge off" }, user.is_active ? "Active" : "Deactivated"),
  );
}

function createUserForm(): HTMLElement {
  const email = h("input", { type: "email", name: "email", required: true, autocomplete: "off" });
  const fullName = h("input", { name: "full_name", required: true, autocomplete: "off" });
  const password = h("input", { type: "password", name: "password", required: true, autocomplete: "new-password" });
  const role = h("select", { name: "role" }, ...Object.entries(ROLES).map(([value, label]) => h("option", { value }, label)));
  const message = h("p", { className: "error", role: "alert" });
  const submit = h("button", { type: "submit" }, "Create user");
  const form = h(
    "form",
    { className: "card grid-form" },
    h("h2", {}, "New user"),
    h("label", {}, "Email", email),
    h("label", {}, "Full name", fullName),
    h("label", {}, "Password", password),
    h("label", {}, "Role", role),
    h("p", { className: "hint" }, "Give the password to the person; they can change it once signed in."),
    submit,
    message,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit.disabled = true;
    message.textContent = "";
    api((c, headers) =>
      c.POST("/api/users", { headers, body: { email: email.value, full_name: fullName.value, password: password.value, role: role.value as Role } }),
    )
      .then((user) => {
        location.hash = `#/users/${encodeURIComponent(user.id)}`;
      })
      .catch((error: unknown) => {
        message.textContent = describeError(error);
        submit.disabled = false;
      });
  });
  return form;
}
