/**
 * The DulceVicio admin console: sign in, then the dashboard (#/dashboard), courses (#/courses, #/courses/{id}), users
 * (#/users, #/users/{id}: their access, progress and certificates), the enrollment CSV import (#/imports), the forum
 * moderation queue (#/moderation) and the audit log (#/audit).
 */
import { onSignedOut, session, signOut } from "./api";
import { h } from "./dom";
import { auditView } from "./views/audit";
import { courseView } from "./views/course";
import { coursesView } from "./views/courses";
import { dashboardView } from "./views/dashboard";
import { importsView } from "./views/imports";
import { loginView } from "./views/login";
import { moderationView } from "./views/moderation";
import { userView } from "./views/user";
import { usersView } from "./views/users";
import type { View } from "./views/view";

const app = document.getElementById("app")!;
let current: View | undefined;

const SECTIONS = [
  { hash: "#/dashboard", label: "Dashboard" },
  { hash: "#/courses", label: "Courses" },
  { hash: "#/users", label: "Users" },
  { hash: "#/imports", label: "Import" },
  { hash: "#/moderation", label: "Moderation" },
  { hash: "#/audit", label: "Audit log" },
] as const;

/** The screens behind the addresses: a pattern, the section it belongs to, and how to build it. */
const SCREENS: Array<{ pattern: RegExp; section: string; title: string; view: (id: string) => View }> = [
  { pattern: /^#\/dashboard$/, section: "#/dashboard", title: "Dashboard", view: () => dashboardView() },
  { pattern: /^#\/courses\/([^/]+)$/, section: "#/courses", title: "Course", view: (id) => courseView(id) },
  { pattern: /^#\/users$/, section: "#/users", title: "Users", view: () => usersView() },
  { pattern: /^#\/users\/([^/]+)$/, section: "#/users", title: "User", view: (id) => userView(id) },
  { pattern: /^#\/moderation$/, section: "#/moderation", title: "Moderation", view: () => moderationView() },
  { pattern: /^#\/imports$/, section: "#/imports", title: "Enrollment import", view: () => importsView() },
  { pattern: /^#\/audit$/, section: "#/audit", title: "Audit log", view: () => auditView() },
  { pattern: /^/, section: "#/courses", title: "Courses", view: () => coursesView() },
];

function show(view: View, section: string | undefined, moveFocus: boolean): void {
  current?.dispose?.();
  current = view;
  const main = h("main", { id: "content", tabIndex: -1 }, view.element);
  app.replaceChildren(section ? header(section) : "", main);
  // Another screen chosen: the focus goes to it (keyboard and screen reader users start there, not on a link that
  // is gone). A page just opened starts at the top, as any page does, with the skip link first.
  if (moveFocus) main.focus({ preventScroll: true });
}

/** Shows the screen the address asks for, or the sign-in screen (with why, when the session ended by itself). */
function route(notice?: string, moveFocus = false): void {
  const user = session()?.user;
  if (!user) {
    document.title = "DulceVicio admin";
    show(loginView(() => route(), notice), undefined, false);
    return;
  }
  const screen = SCREENS.find((candidate) => candidate.pattern.test(location.hash))!;
  const id = screen.pattern.exec(location.hash)?.[1];
  document.title = `${screen.title} · DulceVicio admin`;
  show(screen.view(id === undefined ? "" : decodeURIComponent(id)), screen.section, moveFocus);
}

function header(section: string): HTMLElement {
  const out = h("button", { type: "button" }, "Sign out");
  out.addEventListener("click", () => void signOut());
  // The addresses are the router's: the skip link moves the focus without changing the address.
  const skip = h("a", { href: "#content", className: "skip" }, "Skip to content");
  skip.addEventListener("click", (event) => {
    event.preventDefault();
    document.getElementById("content")?.focus();
  });
  const links = SECTIONS.map(({ hash, label }) => {
    const link = h("a", { href: hash }, label);
    if (hash === section) link.setAttribute("aria-current", "page");
    return h("li", {}, link);
  });
  return h(
    "header",
    {},
    skip,
    h("a", { href: "#/dashboard", className: "brand" }, "DulceVicio admin"),
    h("nav", { ariaLabel: "Sections" }, h("ul", {}, ...links)),
    h("span", { className: "hint who" }, session()?.user.email ?? ""),
    out,
  );
}

window.addEventListener("hashchange", () => route(undefined, true));
onSignedOut((reason) => route(reason));
// A file dropped next to the drop zone would make the browser leave the console to open it.
for (const type of ["dragover", "drop"]) window.addEventListener(type, (event) => event.preventDefault());
route();
