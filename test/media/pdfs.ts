/**
 * Recipe PDFs made at test time: with pdf-lib, and with Debian's qpdf (.ci/run installs it) for what pdf-lib cannot
 * write (encryption) and to check what the code writes (`qpdf --check`, `qpdf --json`).
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PDFDocument, PDFHexString, PDFName, StandardFonts, type PDFDict } from "pdf-lib";

const run = promisify(execFile);

/**
 * `count` pages of about A4, page n being 590 + n points wide, so a test can tell them apart and see their order
 * (`pageWidths`). `size` makes them all one size instead.
 */
export async function pagesPdf(count: number, size?: [number, number]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= count; n++) doc.addPage(size ?? [590 + n, 842]).drawText(`Receta, página ${n}`, { x: 50, y: 400, size: 12, font });
  // pdf-lib adds a blank page to a document without any unless told not to.
  return doc.save({ addDefaultPage: false });
}

/** Each page's width, rounded to the point. */
export async function pageWidths(pdf: Uint8Array): Promise<number[]> {
  return (await PDFDocument.load(pdf)).getPages().map((page) => Math.round(page.getWidth()));
}

/**
 * One page carrying everything active a PDF can: a JavaScript OpenAction, document and page additional actions, a
 * JavaScript name tree, an embedded file (and a file attachment annotation), a form field, links to `javascript:`
 * and to a program (Launch), a link whose action chains to JavaScript, and one plain https link, which may stay.
 */
export async function activePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText("Flan con trampa", { x: 50, y: 780, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
  const context = doc.context;
  const script = context.register(context.obj({ S: "JavaScript", JS: PDFHexString.fromText("app.alert('hola')") }));
  doc.catalog.set(PDFName.of("OpenAction"), script);
  doc.catalog.set(PDFName.of("AA"), context.obj({ WC: script }));
  doc.catalog.set(PDFName.of("Names"), context.obj({ JavaScript: context.obj({ Names: [PDFHexString.fromText("init"), script] }) }));
  await doc.attach(Buffer.from("MZ not really a program"), "payload.exe", { mimeType: "application/octet-stream" });
  page.node.set(PDFName.of("AA"), context.obj({ O: script }));
  doc.getForm().createTextField("nombre").addToPage(page, { x: 50, y: 700, width: 200, height: 20 });
  const link = (rect: number[], action: PDFDict) => context.register(context.obj({ Type: "Annot", Subtype: "Link", Rect: rect, A: action }));
  const fileSpec = context.obj({ Type: "Filespec", F: PDFHexString.fromText("calc.exe") });
  const annotations = [
    link([50, 600, 250, 620], context.obj({ S: "URI", URI: PDFHexString.fromText("https://dulcevicio.example/receta") })),
    link([50, 570, 250, 590], context.obj({ S: "URI", URI: PDFHexString.fromText("javascript:alert(1)") })),
    link([50, 540, 250, 560], context.obj({ S: "Launch", F: fileSpec })),
    link([50, 510, 250, 530], context.obj({ S: "URI", URI: PDFHexString.fromText("https://dulcevicio.example/otra"), Next: script })),
    context.register(context.obj({ Type: "Annot", Subtype: "FileAttachment", Rect: [300, 600, 320, 620], FS: fileSpec })),
  ];
  const existing = page.node.Annots()?.asArray() ?? [];
  page.node.set(PDFName.of("Annots"), context.obj([...existing, ...annotations]));
  return doc.save({ useObjectStreams: false });
}

/** Runs qpdf on `pdf` in a temporary folder; `args` may name the input as `in.pdf` and the output as `out.pdf`. */
async function qpdf(pdf: Uint8Array, args: string[]): Promise<{ stdout: string; output?: Buffer }> {
  const folder = await mkdtemp(path.join(tmpdir(), "dulcevicio-qpdf-"));
  try {
    await writeFile(path.join(folder, "in.pdf"), pdf);
    const { stdout } = await run("qpdf", args, { cwd: folder, maxBuffer: 64 * 1024 * 1024 });
    const output = args.includes("out.pdf") ? await readFile(path.join(folder, "out.pdf")) : undefined;
    return { stdout, output };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** AES-256; with an empty `userPassword`, a permissions-only file (it opens without a password). */
export async function encryptedPdf(pdf: Uint8Array, userPassword: string): Promise<Buffer> {
  return (await qpdf(pdf, ["--encrypt", userPassword, "owner-secret", "256", "--modify=none", "--", "in.pdf", "out.pdf"])).output!;
}

/** `qpdf --check`: throws (with qpdf's words) unless the file's structure is sound. */
export async function qpdfCheck(pdf: Uint8Array): Promise<string> {
  return (await qpdf(pdf, ["--check", "in.pdf"])).stdout;
}

/** Every object of the file as qpdf reads it (JSON v2: names as "/Name", strings as "u:text"), streams' data left out. */
export async function pdfObjects(pdf: Uint8Array): Promise<string> {
  const { stdout } = await qpdf(pdf, ["--json=2", "--json-key=qpdf", "in.pdf"]);
  return JSON.stringify((JSON.parse(stdout) as { qpdf: unknown[] }).qpdf[1]);
}
