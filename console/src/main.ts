/**
 * The DulceVicio admin console: sign in, then courses (#/courses) and one course (#/courses/{id}).
 */
import { onSignedOut, session, signOut } from "./api";
import { h } from "./dom";
import { courseView } from "./views/course";
import { coursesView } from "./views/courses";
import { loginView } from "./views/login";
import type { View } from "./views/view";

const app = document.getElementById("app")!;
let current: View | undefined;

function show(view: View, signedIn: boolean): void {
  current?.dispose?.();
  current = view;
  app.replaceChildren(signedIn ? header() : "", h("main", {}, view.element));
}

/** Shows the screen the address asks for, or the sign-in screen (with why, when the session ended by itself). */
function route(notice?: string): void {
  const user = session()?.user;
  if (!user) {
    document.title = "DulceVicio admin";
    show(loginView(() => route(), notice), false);
    return;
  }
  const course = /^#\/courses\/([^/]+)$/.exec(location.hash);
  document.title = "Courses · DulceVicio admin";
  show(course ? courseView(decodeURIComponent(course[1]!)) : coursesView(), true);
}

function header(): HTMLElement {
  const out = h("button", { type: "button" }, "Sign out");
  out.addEventListener("click", () => void signOut());
  return h("header", {}, h("a", { href: "#/courses", className: "brand" }, "DulceVicio admin"), h("span", { className: "hint" }, session()?.user.email ?? ""), out);
}

window.addEventListener("hashchange", () => route());
onSignedOut((reason) => route(reason));
// A file dropped next to the drop zone would make the browser leave the console to open it.
for (const type of ["dragover", "drop"]) window.addEventListener(type, (event) => event.preventDefault());
route();
