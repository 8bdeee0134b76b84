import type { Reply } from "../http/handler";
import { spa } from "../spa-links";
import { TOPIC_LABEL, type EmailTopic } from "./kinds";
import { escapeHtml } from "./templates";

/**
 * The two small pages of an unsubscribe link, in Spanish: opening it asks (a GET changes nothing: mail scanners and
 * link previews open links), the button confirms. The form posts back to the same URL, token and all, which is what
 * an RFC 8058 client does by itself. No script, no outside resource: the policy allows only the inline style and a
 * form posting to this same address.
 */
function page(title: string, body: string): Reply<string> {
  const html = `<!DOCTYPE html>
<html lang="es">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:Helvetica,Arial,sans-serif;color:#3b2a20;background:#faf6f2;margin:0;padding:32px}main{max-width:520px;margin:0 auto;background:#fff;border-radius:8px;padding:24px}button{background:#b5651d;color:#fff;border:0;border-radius:6px;padding:10px 16px;font-size:16px;cursor:pointer}a{color:#b5651d}</style>
</head>
<body><main><h1>${escapeHtml(title)}</h1>
${body}
</main></body>
</html>
`;
  return {
    status: 200,
    content: { type: "text/html; charset=utf-8", data: html },
    headers: { "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'", "cache-control": "no-store", "referrer-policy": "no-referrer" },
  };
}

const settingsLink = () => `<p><a href="${escapeHtml(spa.notificationSettings())}">Elegir qué avisos recibes</a></p>`;

export function confirm(topic: EmailTopic): Reply<string> {
  return page(
    "¿Dejar de recibir estos correos?",
    `<p>Ya no te enviaremos correos de <strong>${escapeHtml(TOPIC_LABEL[topic])}</strong>. Seguirás viendo los avisos dentro de DulceVicio.</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Dejar de recibirlos</button></form>
${settingsLink()}`,
  );
}

export function done(topic: EmailTopic): Reply<string> {
  return page(
    "Listo",
    `<p>Ya no recibirás correos de <strong>${escapeHtml(TOPIC_LABEL[topic])}</strong>. Puedes volver a activarlos cuando quieras.</p>
${settingsLink()}`,
  );
}
