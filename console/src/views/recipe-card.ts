import { describeError } from "../api";
import type { components } from "../api-schema";
import { h, setValueUnlessEditing } from "../dom";
import type { Recipe } from "../types";
import { showFileState, type FileState } from "./transfers";

type RecipeChanges = components["requestBodies"]["UpdateRecipeRequest"]["content"]["application/json"];

export interface RecipeActions {
  update(recipeId: string, changes: RecipeChanges): Promise<void>;
  remove(recipeId: string): Promise<void>;
  uploadPhoto(recipe: Recipe, file: File): void;
}

/**
 * One recipe: its photo, title and place in the PDF (edited in place, saved on change), its photo's state, and its
 * description and text (edited in a form of their own, saved with its button).
 * Kept across refreshes, so the admin's typing and an upload's progress bar survive the page being polled.
 */
export class RecipeCard {
  readonly element: HTMLLIElement;
  private recipe: Recipe;
  private readonly photo = h("div", { className: "photo" });
  private readonly title = h("input", { name: "title", required: true });
  private readonly order = h("input", { type: "number", name: "order", min: "0", step: "1" });
  private readonly fileState = h("div");
  private readonly message = h("p", { className: "error", role: "alert" });
  private readonly chooseLabel = h("span");
  private readonly description = h("textarea", { name: "description", rows: 2 });
  private readonly text = h("textarea", { name: "recipe_text", rows: 6 });
  /** What OCR read on the photo (issue 15), beside the admin's text: read-only, accepted with one click. */
  private readonly ocrText = h("textarea", { name: "ocr_text", rows: 6, readOnly: true });
  private readonly ocrState = h("p", { className: "hint" });
  private readonly useOcr = h("button", { type: "button" }, "Use the recognized text");
  /** The stored photo's path: presigned URLs change on every refresh, the photo only with a new upload. */
  private shownPhoto: string | undefined;

  constructor(recipe: Recipe, state: FileState, private readonly actions: RecipeActions) {
    this.recipe = recipe;
    const chooser = h("input", { type: "file", accept: "image/jpeg,image/png,image/webp", className: "visually-hidden" });
    chooser.addEventListener("change", () => {
      const file = chooser.files?.[0];
      if (file) this.actions.uploadPhoto(this.recipe, file);
      chooser.value = "";
    });
    const remove = h("button", { type: "button", className: "danger" }, "Delete");
    remove.addEventListener("click", () => {
      if (confirm(`Delete the recipe “${this.recipe.title}” and its photo?`)) this.run(() => this.actions.remove(this.recipe.id));
    });
    this.title.addEventListener("change", () => this.run(() => this.actions.update(this.recipe.id, { title: this.title.value })));
    this.order.addEventListener("change", () => this.run(() => this.actions.update(this.recipe.id, { order: this.order.valueAsNumber })));
    const textForm = h(
      "form",
      { className: "edit" },
      h("label", {}, "Description", this.description),
      h("label", {}, "Recipe text", this.text),
      h("label", {}, "Recognized text (read from the photo)", this.ocrText),
      this.ocrState,
      h("div", { className: "actions" }, h("button", { type: "submit" }, "Save text"), this.useOcr),
    );
    // One click: the recognized text becomes the admin's recipe_text (saved now; OCR never overwrites it after).
    this.useOcr.addEventListener("click", () => {
      const recognized = this.recipe.ocr_text;
      if (!recognized) return;
      this.text.value = recognized;
      this.run(() => this.actions.update(this.recipe.id, { recipe_text: recognized }));
    });
    textForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const changes: RecipeChanges = {};
      const description = this.description.value === "" ? null : this.description.value;
      const text = this.text.value === "" ? null : this.text.value;
      if (description !== this.recipe.description) changes.description = description;
      if (text !== this.recipe.recipe_text) changes.recipe_text = text;
      if (Object.keys(changes).length > 0) this.run(() => this.actions.update(this.recipe.id, changes));
    });

    this.element = h(
      "li",
      { className: "recipe card" },
      this.photo,
      h("div", { className: "fields" }, h("label", {}, "Title", this.title), h("label", { className: "order" }, "Order", this.order)),
      this.fileState,
      h("div", { className: "actions" }, h("label", { className: "button" }, this.chooseLabel, chooser), remove),
      h("details", {}, h("summary", {}, "Edit text"), textForm),
      this.message,
    );
    this.update(recipe, state);
  }

  update(recipe: Recipe, state: FileState): void {
    this.recipe = recipe;
    // Named after the recipe, so that assistive technology (and the browser test) can tell the cards apart.
    this.element.setAttribute("aria-label", recipe.title);
    setValueUnlessEditing(this.title, recipe.title);
    setValueUnlessEditing(this.order, String(recipe.order));
    if (document.activeElement !== this.description) this.description.value = recipe.description ?? "";
    if (document.activeElement !== this.text) this.text.value = recipe.recipe_text ?? "";
    this.showOcr(recipe);
    this.chooseLabel.textContent = recipe.image_status === "none" ? "Add photo" : "Replace photo";
    this.showState(state);
    this.showPhoto(recipe.image_url);
  }

  showState(state: FileState): void {
    showFileState(this.fileState, state);
  }

  private showOcr(recipe: Recipe): void {
    this.ocrText.value = recipe.ocr_text ?? "";
    const status = recipe.ocr_status ?? "none";
    const confidence = status === "ready" && recipe.ocr_confidence !== null && recipe.ocr_confidence !== undefined ? ` · confidence ${Math.round(recipe.ocr_confidence)}%` : "";
    const source = recipe.recipe_text_source ? ` · recipe text written by ${recipe.recipe_text_source === "ocr" ? "OCR" : "an admin"}` : "";
    this.ocrState.textContent = `OCR: ${status}${confidence}${status === "failed" && recipe.ocr_error ? ` (${recipe.ocr_error})` : ""}${source}`;
    this.useOcr.disabled = status !== "ready" || !recipe.ocr_text;
  }

  private showPhoto(url: string | null): void {
    const path = url === null ? undefined : new URL(url).pathname;
    if (path === this.shownPhoto) return;
    this.shownPhoto = path;
    this.photo.replaceChildren(url === null ? "" : h("img", { src: url, alt: "", loading: "lazy" }));
  }

  /** Runs an edit; the API's refusal is shown on the card (the next refresh puts the server's values back). */
  private run(edit: () => Promise<void>): void {
    this.message.textContent = "";
    edit().catch((error: unknown) => {
      this.message.textContent = describeError(error);
    });
  }
}
