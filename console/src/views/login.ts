import { apiBase, describeError, setApiBase, signIn } from "../api";
import { h } from "../dom";
import type { View } from "./view";

/** Sign-in, and where the API is (kept in localStorage, so a deployed stage is typed once). */
export function loginView(onSignedIn: () => void, notice?: string): View {
  const api = h("input", { type: "url", name: "api", value: apiBase(), required: true });
  const email = h("input", { type: "email", name: "email", autocomplete: "username", required: true });
  const password = h("input", { type: "password", name: "password", autocomplete: "current-password", required: true });
  const message = h("p", { className: "error", role: "alert" }, notice);
  const submit = h("button", { type: "submit" }, "Sign in");

  const form = h(
    "form",
    { className: "card login" },
    h("h1", {}, "DulceVicio admin"),
    h("label", {}, "Email", email),
    h("label", {}, "Password", password),
    h("label", {}, "API", api),
    h("p", { className: "hint" }, "This page's origin for npm run dev; a deployed stage's ApiUrl otherwise."),
    submit,
    message,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit.disabled = true;
    message.textContent = "";
    setApiBase(api.value);
    signIn(email.value, password.value)
      .then(onSignedIn)
      .catch((error: unknown) => {
        message.textContent = describeError(error);
        submit.disabled = false;
      });
  });
  return { element: form };
}
