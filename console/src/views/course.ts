import { api, describeError } from "../api";
import { formatBytes, h, syncChildren } from "../dom";
import type { Course, CoursePage, Lesson, Recipe } from "../types";
import { CourseSettings } from "./course-settings";
import { LessonRow, type LessonActions } from "./lesson-row";
import { RecipeCard, type RecipeActions } from "./recipe-card";
import { reviewsPanel } from "./reviews";
import { Transfers, type FileState } from "./transfers";
import type { View } from "./view";

/** How often the page asks the server while a photo, a video or the PDF is being processed. */
const POLL_MS = 1500;
/** Files sent at once: browsers queue the rest anyway, and a presigned POST expires 15 minutes after it is issued. */
const PARALLEL_UPLOADS = 3;

/**
 * A course: its recipe PDF, its recipes (photos dropped here become recipes) and its lessons. The page follows the
 * pipeline by asking for the course again while anything is pending or building, and stops once all is settled.
 */
export function courseView(courseId: string): View {
  const id = { path: { id: courseId } };
  let page: CoursePage | undefined;
  let disposed = false;
  let loading = false;
  let reloadAfter = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const transfers = new Transfers(repaint, refresh);
  const recipeCards = new Map<string, RecipeCard>();
  const lessonRows = new Map<string, LessonRow>();
  const recipeState = (recipe: Recipe): FileState => transfers.describe(recipe.id, "photo", recipe.image_status, recipe.image_error);
  const lessonState = (lesson: Lesson): FileState => transfers.describe(lesson.id, "video", lesson.video_status, lesson.video_error);
  const uploadPhoto = (recipe: Recipe, file: File) => transfers.send(recipe.id, recipe.image_status, `/api/recipes/${recipe.id}/upload-image`, file);
  const uploadVideo = (lesson: Lesson, file: File) => transfers.sendVideo(lesson.id, lesson.video_status, file);
  const thumbnailState = (course: Course): FileState => transfers.describe(course.id, "thumbnail", course.thumbnail_status, course.thumbnail_error);

  const recipeActions: RecipeActions = {
    update: (recipeId, changes) => edit(api((c, headers) => c.PUT("/api/recipes/{id}", { headers, params: { path: { id: recipeId } }, body: changes }))),
    remove: (recipeId) => edit(api((c, headers) => c.DELETE("/api/recipes/{id}", { headers, params: { path: { id: recipeId } } }))),
    uploadPhoto: (recipe, file) => void uploadPhoto(recipe, file),
  };
  const lessonActions: LessonActions = {
    update: (lessonId, changes) => edit(api((c, headers) => c.PUT("/api/lessons/{id}", { headers, params: { path: { id: lessonId } }, body: changes }))),
    uploadVideo: (lesson, file) => void uploadVideo(lesson, file),
  };
  const settings = new CourseSettings({
    update: (changes) => edit(api((c, headers) => c.PUT("/api/courses/{id}", { headers, params: id, body: changes }))),
    setWhatsappGroup: (url) => edit(api((c, headers) => c.PUT("/api/courses/{id}/whatsapp-group", { headers, params: id, body: { whatsapp_group_url: url } }))),
    uploadThumbnail: (course, file) => void transfers.send(course.id, course.thumbnail_status, `/api/courses/${course.id}/upload-thumbnail`, file),
  });

  const title = h("h1");
  const description = h("p", { className: "hint" });
  const message = h("p", { className: "error", role: "alert" });
  const photosMessage = h("p", { className: "error", role: "alert" });
  const pdf = pdfPanel(courseId, refresh);
  const recipeList = h("ol", { className: "recipes" });
  const lessonList = h("ol", { className: "lessons" });
  const reviews = reviewsPanel(courseId, refresh);

  /** Loads the course and shows it; while anything is unsettled, again every POLL_MS. */
  function refresh(): void {
    if (disposed) return;
    // A load under way may have started before the change that asked for this one: load once more after it.
    if (loading) {
      reloadAfter = true;
      return;
    }
    clearTimeout(timer);
    loading = true;
    api((c, headers) => c.GET("/api/courses/{id}", { headers, params: id }))
      .then((next) => {
        if (!reloadAfter && !disposed) show(next);
      })
      .catch((error: unknown) => {
        message.textContent = describeError(error);
      })
      .finally(() => {
        loading = false;
        if (reloadAfter) {
          reloadAfter = false;
          refresh();
        } else if (!disposed && page && unsettled(page)) {
          timer = setTimeout(refresh, POLL_MS);
        }
      });
  }

  function unsettled(course: CoursePage): boolean {
    return (
      course.consolidated_recipe_pdf.status === "building" ||
      course.thumbnail_status === "pending" ||
      course.recipes.some((recipe) => recipe.image_status === "pending") ||
      course.lessons.some((lesson) => lesson.video_status === "pending") ||
      transfers.awaitingPickup
    );
  }

  function show(next: CoursePage): void {
    page = next;
    message.textContent = "";
    title.textContent = next.title;
    description.textContent = next.description;
    document.title = `${next.title} · DulceVicio admin`;
    pdf.show(next);
    reviews.show(next);
    transfers.observe(next.id, next.thumbnail_status);
    settings.show(next, thumbnailState(next));
    for (const recipe of next.recipes) transfers.observe(recipe.id, recipe.image_status);
    for (const lesson of next.lessons) transfers.observe(lesson.id, lesson.video_status);
    syncChildren(recipeList, next.recipes, recipeCards, (recipe) => new RecipeCard(recipe, recipeState(recipe), recipeActions), (card, recipe) => card.update(recipe, recipeState(recipe)));
    syncChildren(lessonList, next.lessons, lessonRows, (lesson) => new LessonRow(lesson, lessonState(lesson), lessonActions), (row, lesson) => row.update(lesson, lessonState(lesson)));
  }

  /** Shows an owner's file state again (progress moved), from the course as last loaded. */
  function repaint(ownerId: string): void {
    const recipe = page?.recipes.find((candidate) => candidate.id === ownerId);
    if (recipe) recipeCards.get(ownerId)?.showState(recipeState(recipe));
    const lesson = page?.lessons.find((candidate) => candidate.id === ownerId);
    if (lesson) lessonRows.get(ownerId)?.showState(lessonState(lesson));
    if (page && ownerId === page.id) settings.showThumbnailState(thumbnailState(page));
  }

  /** An edit, then the course as the server now has it (after a refusal too: that puts the server's values back). */
  async function edit(change: Promise<unknown>): Promise<void> {
    try {
      await change;
    } finally {
      refresh();
    }
  }

  const nextOrder = (items: Array<{ order: number }>) => Math.max(0, ...items.map((item) => item.order)) + 1;

  /**
   * Each file becomes a recipe named after it, then goes to storage. A file that does not get there (a type the API
   * refuses, a network or CORS failure) takes its recipe away again: a drop never leaves an empty recipe behind.
   */
  async function addPhotos(files: File[]): Promise<void> {
    if (!page || files.length === 0) return;
    photosMessage.textContent = "";
    let order = nextOrder(page.recipes);
    const created: Array<{ recipe: Recipe; file: File }> = [];
    const refused: string[] = [];
    const showRefused = () => {
      photosMessage.textContent = refused.join(" ");
    };
    // One at a time, so that the recipes take the order in which the files came.
    for (const file of files) {
      try {
        const recipe = await api((c, headers) => c.POST("/api/courses/{id}/recipes", { headers, params: id, body: { title: titleFromFileName(file.name), order: order++ } }));
        created.push({ recipe, file });
      } catch (error) {
        refused.push(`${file.name}: ${describeError(error)}`);
      }
    }
    refresh();
    showRefused();
    await inParallel(created, PARALLEL_UPLOADS, async ({ recipe, file }) => {
      if (await uploadPhoto(recipe, file)) return;
      const reason = transfers.failure(recipe.id) ?? "it did not reach storage.";
      try {
        await api((c, headers) => c.DELETE("/api/recipes/{id}", { headers, params: { path: { id: recipe.id } } }));
        transfers.forget(recipe.id);
        refused.push(`${file.name} was not added: ${reason}`);
      } catch (error) {
        // The recipe stays, with its failed upload on its card: the admin can add a photo again or delete it.
        refused.push(`${file.name} was not uploaded: ${reason} Its recipe could not be removed: ${describeError(error)}`);
      }
      showRefused();
      refresh();
    });
  }

  refresh();
  reviews.load();
  return {
    element: h(
      "section",
      {},
      h("a", { href: "#/courses" }, "← Courses"),
      title,
      description,
      message,
      settings.element,
      h("div", { className: "columns" }, pdf.element, dropZone((files) => void addPhotos(files))),
      photosMessage,
      h(
        "div",
        { className: "section-head" },
        h("h2", {}, "Recipes"),
        addForm("New recipe", "Add recipe", (value) =>
          edit(api((c, headers) => c.POST("/api/courses/{id}/recipes", { headers, params: id, body: { title: value, order: nextOrder(page?.recipes ?? []) } }))),
        ),
      ),
      recipeList,
      h(
        "div",
        { className: "section-head" },
        h("h2", {}, "Lessons"),
        addForm("New lesson", "Add lesson", (value) =>
          edit(api((c, headers) => c.POST("/api/courses/{id}/lessons", { headers, params: id, body: { title: value, order: nextOrder(page?.lessons ?? []) } }))),
        ),
      ),
      lessonList,
      reviews.element,
    ),
    dispose() {
      // Uploads under way go on (the files still land); only the polling stops.
      disposed = true;
      clearTimeout(timer);
    },
  };
}

/** "tarta-de-queso_2.jpg" -> "tarta de queso 2". */
function titleFromFileName(name: string): string {
  const title = name.replace(/\.[^.]*$/, "").replace(/[-_]+/g, " ").trim();
  return (title || name).slice(0, 200);
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
}

function pdfPanel(courseId: string, refresh: () => void): { element: HTMLElement; show(course: Course): void } {
  const state = h("span", { className: "badge" });
  const stateBox = h("div", {}, state);
  const download = h("a", { className: "button", hidden: true }, "Download PDF");
  const rebuild = h("button", { type: "button" }, "Rebuild now");
  const message = h("p", { className: "error", role: "alert" });
  rebuild.addEventListener("click", () => {
    message.textContent = "";
    api((c, headers) => c.POST("/api/courses/{id}/generate-recipe-pdf", { headers, params: { path: { id: courseId } } }))
      .catch((error: unknown) => {
        message.textContent = describeError(error);
      })
      .finally(refresh);
  });

  const tones = { none: "none", building: "pending", ready: "ready", failed: "rejected" } as const;
  return {
    element: h("section", { className: "card pdf" }, h("h2", {}, "Recipe PDF"), stateBox, h("div", { className: "actions" }, download, rebuild), message),
    show(course) {
      const { status, page_count, size_bytes } = course.consolidated_recipe_pdf;
      stateBox.className = `file-state ${tones[status]}`;
      state.textContent = {
        none: "No PDF yet: it is made of the recipes that have a ready photo.",
        building: "Building…",
        ready: `Ready · ${page_count ?? 0} pages · ${formatBytes(size_bytes ?? 0)}`,
        failed: "The last build failed: rebuild it.",
      }[status];
      // While a new one builds, the link still gives the previous PDF.
      download.hidden = course.consolidated_recipe_pdf_url === null;
      download.href = course.consolidated_recipe_pdf_url ?? "";
    },
  };
}

function dropZone(onFiles: (files: File[]) => void): HTMLElement {
  const chooser = h("input", { type: "file", multiple: true, accept: "image/jpeg,image/png,image/webp", className: "visually-hidden" });
  chooser.addEventListener("change", () => {
    onFiles([...(chooser.files ?? [])]);
    chooser.value = "";
  });
  const zone = h(
    "div",
    { className: "drop-zone" },
    h("p", {}, "Drop photos here, or ", h("label", { className: "button" }, "choose photos", chooser)),
    h("p", { className: "hint" }, "Each photo becomes a recipe named after its file. JPEG, PNG or WebP."),
  );
  // dragover must be cancelled for the element to accept a drop.
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    onFiles([...(event.dataTransfer?.files ?? [])]);
  });
  return zone;
}

function addForm(label: string, button: string, submit: (value: string) => Promise<void>): HTMLFormElement {
  const input = h("input", { required: true });
  const message = h("p", { className: "error", role: "alert" });
  const form = h("form", { className: "add" }, h("label", {}, label, input), h("button", { type: "submit" }, button), message);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    message.textContent = "";
    submit(input.value).then(
      () => {
        input.value = "";
      },
      (error: unknown) => {
        message.textContent = describeError(error);
      },
    );
  });
  return form;
}
