import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTransport } from "nodemailer";
import { afterAll, describe, expect, it } from "vitest";
import { startLocalMail, type LocalMail } from "../dev/mail";

/**
 * The local mail server of `npm run dev` (dev/mail.ts) on its own: what a developer sees in the browser, and that
 * the inbox survives a restart as the rest of `.data/` does.
 */
const directory = await mkdtemp(path.join(tmpdir(), "dulcevicio-mail-"));
const opened: LocalMail[] = [];
afterAll(async () => {
  await Promise.all(opened.map((server) => server.close()));
  await rm(directory, { recursive: true, force: true });
});

async function start(): Promise<LocalMail> {
  const server = await startLocalMail({ smtpPort: 0, webPort: 0, directory });
  opened.push(server);
  return server;
}

describe("the local mail server", () => {
  it("lists what it received, shows a message with its headers, its text and its HTML in a sandbox, and keeps it across a restart", async () => {
    const first = await start();
    await createTransport(first.smtpUrl).sendMail({
      from: "DulceVicio <no-reply@dulcevicio.local>",
      to: "ana@example.com",
      subject: "Nueva lección en «Tartas <b>»",
      text: "Hola, Ana",
      html: "<p>Hola, <b>Ana</b></p><script>alert(1)</script>",
      headers: { "List-Unsubscribe": "<http://localhost:3000/api/notifications/unsubscribe?token=a.b>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    });
    const [mail] = await first.waitFor((received) => received.envelope.to.includes("ana@example.com"));
    expect(mail!.subject).toBe("Nueva lección en «Tartas <b>»");

    const inbox = await fetch(first.webUrl!);
    expect(inbox.status).toBe(200);
    const list = await inbox.text();
    expect(list).toContain("Local mail (1)");
    expect(list).toContain("Nueva lección en «Tartas &lt;b&gt;»");
    const page = await (await fetch(`${first.webUrl}/messages/${encodeURIComponent(mail!.id)}`)).text();
    expect(page).toContain("&lt;http://localhost:3000/api/notifications/unsubscribe?token=a.b&gt;");
    expect(page).toContain("List-Unsubscribe=One-Click");
    expect(page).toContain("<pre>Hola, Ana");
    // The HTML as sent, in a frame where no script runs.
    const html = await fetch(`${first.webUrl}/messages/${encodeURIComponent(mail!.id)}/html`);
    expect(html.headers.get("content-security-policy")).toMatch(/^sandbox; default-src 'none'/);
    expect(await html.text()).toContain("<b>Ana</b>");
    const source = await fetch(`${first.webUrl}/messages/${encodeURIComponent(mail!.id)}.eml`);
    expect(source.headers.get("content-type")).toBe("message/rfc822");
    expect(await source.text()).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    expect((await fetch(`${first.webUrl}/messages/nothing`)).status).toBe(404);
    expect((await fetch(first.webUrl!, { method: "DELETE" })).status).toBe(405);
    expect(await readdir(directory)).toEqual([`${mail!.id}.eml`]);

    await first.close();
    opened.splice(opened.indexOf(first), 1);
    const second = await start();
    expect(second.messages().map((received) => [received.id, received.subject, received.envelope.to])).toEqual([[mail!.id, mail!.subject, ["ana@example.com"]]]);
  });
});
