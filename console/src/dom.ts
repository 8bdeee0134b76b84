/**
 * The console's only way to build DOM. Strings always become text nodes, so nothing the server sends is ever
 * parsed as HTML.
 */
type Child = Node | string | false | null | undefined;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  properties: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = Object.assign(document.createElement(tag), properties);
  element.append(...children.filter((child): child is Node | string => child !== false && child !== null && child !== undefined));
  return element;
}

/** Sets an input's value from the server unless the admin is typing in it. */
export function setValueUnlessEditing(input: HTMLInputElement, value: string): void {
  if (document.activeElement !== input && input.value !== value) input.value = value;
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Makes `list` show one element per item, in the items' order, keeping the element of each id across calls (its
 * inputs and progress bars survive a refresh).
 */
export function syncChildren<T extends { id: string }, C extends { element: HTMLElement }>(
  list: HTMLElement,
  items: T[],
  kept: Map<string, C>,
  create: (item: T) => C,
  update: (child: C, item: T) => void,
): void {
  const ids = new Set(items.map((item) => item.id));
  for (const [id, child] of kept) {
    if (ids.has(id)) continue;
    child.element.remove();
    kept.delete(id);
  }
  items.forEach((item, index) => {
    let child = kept.get(item.id);
    if (child) update(child, item);
    else kept.set(item.id, (child = create(item)));
    // Moved only when out of place: moving an element takes the focus from an input being typed in.
    if (list.children[index] !== child.element) list.insertBefore(child.element, list.children[index] ?? null);
  });
}

/** "1 recipe", "3 recipes", "0 lessons" (`plural` for the words that do not just take an s). */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** A moment as the admin's browser reads it: "7 Dec 2026, 11:30". */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** A date input's value ("2026-12-31") as the end of that day in the admin's time zone, in ISO 8601 with its offset. */
export function endOfDay(dateInput: string): string {
  return new Date(`${dateInput}T23:59:59`).toISOString();
}

/** An ISO moment as a date input's value, in the admin's time zone. */
export function dateInputValue(iso: string | null): string {
  if (!iso) return "";
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A message line that screen readers announce when it changes (errors use role="alert"). */
export function statusLine(className = "hint"): HTMLParagraphElement {
  return h("p", { className, role: "status" }, "");
}
