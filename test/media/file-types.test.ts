import { describe, expect, it } from "vitest";
import { acceptAttribute, declaredType, FILE_TYPES, type FileFamily } from "../../core/media/file-types";
import type { UPLOAD_RULES} from "../../core/media/uploads";
import { UploadRequest } from "../../core/media/uploads";

/** The console declares what `declaredType` gives; the API checks it with `UploadRequest`: the two must agree. */
describe("the console's declared type and the API's accepted types", () => {
  const uploadOf: Record<FileFamily, keyof typeof UPLOAD_RULES> = { image: "recipe-image", video: "video", pdf: "recipe-pdf", csv: "enrollment-csv" };

  it.each([
    ["a HEIC from an iPhone on a Mac", "image", { name: "IMG_0001.HEIC", type: "image/heic" }, "image/heic"],
    ["a HEIC on Windows or Linux (the browser knows no type)", "image", { name: "IMG_0001.HEIC", type: "" }, "image/heic"],
    ["a .heif with no type", "image", { name: "burst.heif", type: "" }, "image/heif"],
    ["a scanner's TIFF", "image", { name: "receta.tif", type: "image/tiff" }, "image/tiff"],
    ["a TIFF with no type", "image", { name: "receta.TIFF", type: "" }, "image/tiff"],
    ["a JPEG", "image", { name: "tarta.jpg", type: "image/jpeg" }, "image/jpeg"],
    ["a .mov", "video", { name: "clase.MOV", type: "video/quicktime" }, "video/quicktime"],
    ["a PDF with no type", "pdf", { name: "receta.pdf", type: "" }, "application/pdf"],
    ["a CSV from Excel on Windows", "csv", { name: "alumnos.csv", type: "application/vnd.ms-excel" }, "application/vnd.ms-excel"],
    ["a CSV with no type", "csv", { name: "alumnos.csv", type: "" }, "text/csv"],
  ] as const)("%s is declared as a type the API accepts", (_name, family, file, expected) => {
    const declared = declaredType(family, file);
    expect(declared).toBe(expected);
    expect(UploadRequest(uploadOf[family]).safeParse({ content_type: declared }).success).toBe(true);
  });

  it("a file of a type nobody accepts keeps the browser's type, and the API refuses it in words", () => {
    const declared = declaredType("image", { name: "anim.gif", type: "image/gif" });
    expect(declared).toBe("image/gif");
    const result = UploadRequest("recipe-image").safeParse({ content_type: declared });
    expect(result.error?.issues[0]?.message).toBe(
      "a file of type image/gif is not accepted here; send a JPEG, PNG, WebP, HEIC or TIFF image (image/jpeg, image/png, image/webp, image/heic, image/heif, image/tiff)",
    );
  });

  it("every type the API accepts is in the file picker's accept list, with its extensions", () => {
    for (const family of Object.keys(FILE_TYPES) as FileFamily[]) {
      const accept = acceptAttribute(family).split(",");
      for (const [type, extensions] of Object.entries(FILE_TYPES[family])) expect(accept).toEqual(expect.arrayContaining([type, ...extensions]));
      expect(UploadRequest(uploadOf[family]).shape.content_type.options).toEqual(Object.keys(FILE_TYPES[family]));
    }
  });
});
