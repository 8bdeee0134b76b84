import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

const loadFontModule = () => import("../../core/media/font");

describe("the PDF font is found from source and from a Lambda bundle", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("from source: the file in node_modules, read once per process", async () => {
    vi.stubEnv("LAMBDA_TASK_ROOT", undefined);
    const { loadPdfFont, PDF_FONT_SOURCE } = await loadFontModule();
    const bytes = await loadPdfFont();
    expect(Buffer.from(bytes).equals(await readFile(PDF_FONT_SOURCE))).toBe(true);
    expect(await loadPdfFont()).toBe(bytes);
  });

  it("in a Lambda: the copy at the package root (where SST's copyFiles puts it) comes before node_modules", async () => {
    const taskRoot = await mkdtemp(path.join(tmpdir(), "dulcevicio-task-"));
    try {
      const { PDF_FONT_FILE } = await loadFontModule();
      await writeFile(path.join(taskRoot, PDF_FONT_FILE), "bundled copy");
      vi.stubEnv("LAMBDA_TASK_ROOT", taskRoot);
      vi.resetModules();
      const { loadPdfFont } = await loadFontModule();
      expect(Buffer.from(await loadPdfFont()).toString()).toBe("bundled copy");
    } finally {
      await rm(taskRoot, { recursive: true, force: true });
    }
  });
});
