/**
 * The local mail server of `npm run dev` and the tests: a real SMTP server (nodemailer's smtp-server) that keeps what
 * it receives, parsed by mailparser, and a small web page to read it (`npm run dev` prints its address). The app
 * reaches it through the same mail interface as SES on AWS (core/mail/mail.ts, `MAIL_TRANSPORT=smtp`).
 *
 * Why not MailDev: it went a year without releases while a CVE stayed open (maildev#498), and its 3.0 rewrite pulls
 * fastify, socket.io, jsdom, React and an MCP server into the dev tree; the two nodemailer packages used here are what
 * MailDev itself is built on, maintained by nodemailer's author, with two dependencies between them.
 *
 * With a `directory`, every message is also kept there as an .eml file and read back on start, so the inbox survives
 * a restart as the rest of `.data/` does. Tests can make it refuse a recipient (an SMTP 550), as a real server
 * refuses an unknown mailbox.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  id: string;
  receivedAt: string;
  /** The SMTP envelope: who the server was told the message is from and for. */
  envelope: { from: string; to: string[] };
  subject: string;
  text: string;
  html: string;
  /** The value of a header as sent (unfolded), by name in any case. */
  header(name: string): string | undefined;
  raw: Buffer;
}

export interface LocalMail {
  /** What `MAIL_SMTP_URL` is set to. */
  smtpUrl: string;
  /** The inbox page, when started with `webPort`. */
  webUrl: string | undefined;
  messages(): readonly ReceivedMail[];
  /** Resolves with the messages once `count` of them match (default 1); rejects after `timeoutMs`. */
  waitFor(match: (mail: ReceivedMail) => boolean, options?: { count?: number; timeoutMs?: number }): Promise<ReceivedMail[]>;
  /**
   * Test knob: recipients this returns true for are refused with 550, as an unknown mailbox is (permanent); a number
   * is the SMTP code to refuse with instead (451: a transient refusal, try again later).
   */
  refuse: ((address: string) => boolean | number) | undefined;
  /**
   * Test knob: for messages to recipients this returns true for, the server keeps the message and then hangs up
   * without answering, as a server or network that fails once the message is taken: the sender cannot know it went
   * out (the crash window of core/notifications/outbox.ts).
   */
  hangUpAfterData: ((address: string) => boolean) | undefined;
  /** Every `received` listener runs once per message as it arrives. */
  onReceived(listener: (mail: ReceivedMail) => void): () => void;
  close(): Promise<void>;
}

export async function startLocalMail(options: { smtpPort: number; webPort?: number; directory?: string }): Promise<LocalMail> {
  const received: ReceivedMail[] = [];
  const listeners = new Set<(mail: ReceivedMail) => void>();
  let sequence = 0;

  async function keep(raw: Buffer, envelope: ReceivedMail["envelope"], receivedAt: string, id?: string): Promise<ReceivedMail> {
    const parsed = await simpleParser(raw);
    const mail = toReceived(parsed, raw, envelope, receivedAt, id ?? `${Date.parse(receivedAt)}-${(sequence += 1)}`);
    received.push(mail);
    for (const listener of listeners) listener(mail);
    return mail;
  }

  if (options.directory) {
    await mkdir(options.directory, { recursive: true });
    for (const file of (await readdir(options.directory)).filter((name) => name.endsWith(".eml")).sort()) {
      const raw = await readFile(path.join(options.directory, file));
      const parsed = await simpleParser(raw);
      const to = addresses(parsed.to);
      await keep(raw, { from: addresses(parsed.from)[0] ?? "", to }, (parsed.date ?? new Date()).toISOString(), file.replace(/\.eml$/, ""));
    }
  }

  const local: LocalMail = {
    smtpUrl: "",
    webUrl: undefined,
    refuse: undefined,
    hangUpAfterData: undefined,
    messages: () => [...received],
    onReceived(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    waitFor(match, { count = 1, timeoutMs = 30_000 } = {}) {
      const found = () => received.filter(match);
      if (found().length >= count) return Promise.resolve(found());
      return new Promise((resolve, reject) => {
        const stop = local.onReceived(() => {
          if (found().length < count) return;
          clearTimeout(timer);
          stop();
          resolve(found());
        });
        const timer = setTimeout(() => {
          stop();
          reject(new Error(`the local mail server got ${found().length} of the ${count} messages waited for within ${timeoutMs} ms (${received.length} in all)`));
        }, timeoutMs);
      });
    },
    close: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      if (web) {
        web.closeAllConnections();
        await new Promise<void>((resolve) => web!.close(() => resolve()));
      }
    },
  };

  const smtp = new SMTPServer({
    // Loopback only, no TLS and no sign-in: a development server nobody else can reach.
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    banner: "DulceVicio local mail",
    onRcptTo(address, _session, callback) {
      const refusal = local.refuse?.(address.address);
      if (refusal) {
        const responseCode = typeof refusal === "number" ? refusal : 550;
        const error = Object.assign(new Error(`${address.address}: ${responseCode >= 500 ? "mailbox unavailable" : "try again later"}`), { responseCode });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
        };
        const receivedAt = new Date().toISOString();
        keep(raw, envelope, receivedAt)
          .then(async (mail) => {
            if (options.directory) await writeFile(path.join(options.directory, `${mail.id}.eml`), raw);
            if (envelope.to.some((address) => local.hangUpAfterData?.(address))) return void sockets.get(session.remotePort)?.destroy();
            // 250 only once the message is kept: what a real server's "accepted" means.
            callback(null, `Queued as ${mail.id}`);
          })
          .catch((error: Error) => callback(Object.assign(error, { responseCode: 451 })));
      });
    },
  });
  // The clients' sockets by port, for the hang-up knob (a session knows its client's port, not its socket).
  const sockets = new Map<number, Socket>();
  smtp.server.on("connection", (socket: Socket) => {
    const port = socket.remotePort!;
    sockets.set(port, socket);
    socket.once("close", () => sockets.delete(port));
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(options.smtpPort, "127.0.0.1", () => resolve());
  });
  local.smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

  let web: http.Server | undefined;
  if (options.webPort !== undefined) {
    web = http.createServer((request, response) => inboxPage(request, response, received));
    await new Promise<void>((resolve, reject) => {
      web!.once("error", reject);
      web!.listen(options.webPort, "127.0.0.1", () => resolve());
    });
    local.webUrl = `http://localhost:${(web.address() as AddressInfo).port}`;
  }
  return local;
}

function addresses(value: ParsedMail["to"] | ParsedMail["from"]): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((group) => group.value.map((entry) => entry.address ?? "")).filter(Boolean);
}

function toReceived(parsed: ParsedMail, raw: Buffer, envelope: ReceivedMail["envelope"], receivedAt: string, id: string): ReceivedMail {
  const lines = parsed.headerLines.map(({ key, line }) => ({ key: key.toLowerCase(), value: line.slice(line.indexOf(":") + 1).replace(/\r?\n[ \t]+/g, " ").trim() }));
  return {
    id,
    receivedAt,
    envelope,
    subject: parsed.subject ?? "",
    text: parsed.text ?? "",
    html: typeof parsed.html === "string" ? parsed.html : "",
    header: (name) => lines.find((line) => line.key === name.toLowerCase())?.value,
    raw,
  };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);

/**
 * The inbox: a list, newest first; a message with its headers, its text and its HTML (in a sandboxed frame: no
 * script runs, nothing it links loads into the page); its source as .eml. Plain HTML, no script of its own.
 */
function inboxPage(request: http.IncomingMessage, response: http.ServerResponse, received: readonly ReceivedMail[]): void {
  const url = new URL(request.url ?? "/", "http://localhost");
  const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
    response.writeHead(status, { "content-type": type, "cache-control": "no-store", ...headers });
    response.end(body);
  };
  const layout = (title: string, body: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title><style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:6px 8px;border-bottom:1px solid #ddd}pre{white-space:pre-wrap;background:#f6f6f6;padding:12px}iframe{width:100%;height:480px;border:1px solid #ddd}</style></head><body>${body}</body></html>`;
  if (request.method !== "GET") return send(405, "text/plain", "read only");
  if (url.pathname === "/") {
    const rows = [...received]
      .reverse()
      .map((mail) => `<tr><td>${escape(mail.receivedAt)}</td><td>${escape(mail.envelope.to.join(", "))}</td><td><a href="/messages/${encodeURIComponent(mail.id)}">${escape(mail.subject || "(no subject)")}</a></td></tr>`)
      .join("");
    return send(200, "text/html; charset=utf-8", layout("Local mail", `<h1>Local mail (${received.length})</h1><table><tr><th>received</th><th>to</th><th>subject</th></tr>${rows}</table>`));
  }
  const match = /^\/messages\/([^/]+?)(\/html|\.eml)?$/.exec(url.pathname);
  const mail = match ? received.find((candidate) => candidate.id === decodeURIComponent(match[1]!)) : undefined;
  if (!match || !mail) return send(404, "text/plain", "no such message");
  if (match[2] === ".eml") return send(200, "message/rfc822", mail.raw);
  if (match[2] === "/html") return send(200, "text/html; charset=utf-8", mail.html, { "content-security-policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:" });
  const headers = ["from", "to", "subject", "date", "list-unsubscribe", "list-unsubscribe-post"].map((name) => `<tr><th>${name}</th><td>${escape(mail.header(name) ?? "")}</td></tr>`).join("");
  return send(
    200,
    "text/html; charset=utf-8",
    layout(
      mail.subject,
      `<p><a href="/">&larr; inbox</a> · <a href="/messages/${encodeURIComponent(mail.id)}.eml">source</a></p><h1>${escape(mail.subject)}</h1><table>${headers}</table><h2>HTML</h2><iframe sandbox src="/messages/${encodeURIComponent(mail.id)}/html"></iframe><h2>Text</h2><pre>${escape(mail.text)}</pre>`,
    ),
  );
}
