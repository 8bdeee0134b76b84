import { TOPIC_LABEL, type EmailTopic } from "./kinds";

/**
 * What a notification says, in Spanish: the in-app line (title and body, plain text) and the email (subject, HTML
 * and plain text). Everything that comes from the data (names, course and lesson titles, a reply's words) is text:
 * escaped in the HTML part, never markup. Dates are written in UTC and say so: the people reading are in several
 * countries, and the SPA the links open shows their own time.
 */
export type Subject =
  | { kind: "access_granted" | "access_extended"; grant: "enrollment"; course: string; endsAt: string | null }
  | { kind: "access_granted" | "access_extended"; grant: "membership"; startsAt: string; endsAt: string }
  | { kind: "access_ending"; grant: "enrollment"; course: string; endsAt: string; days: number }
  | { kind: "access_ending"; grant: "membership"; endsAt: string; days: number }
  | { kind: "forum_reply" | "admin_response"; course: string; author: string; excerpt: string }
  | { kind: "new_lesson"; course: string; lesson: string };

export interface Rendered {
  title: string;
  body: string;
  email: { subject: string; text: string; html: string };
}

export interface Links {
  /** Where the notification leads in the SPA. */
  target: string;
  /** The one-click unsubscribe link of this email's topic (no sign-in). */
  unsubscribe: string;
  /** The SPA's notification settings. */
  settings: string;
}

const DATE = new Intl.DateTimeFormat("es-ES", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });
const when = (instant: string) => `${DATE.format(new Date(instant))} (UTC)`;
const inDays = (days: number) => (days === 1 ? "mañana" : `dentro de ${days} días`);
/** «…», the Spanish quotation marks. */
const quoted = (text: string) => `«${text}»`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);
}

/** The words: a title, lines of text (each a paragraph), and the button's label. */
function words(subject: Subject): { title: string; lines: string[]; action: string } {
  switch (subject.kind) {
    case "access_granted":
      return subject.grant === "enrollment"
        ? {
            title: `Ya tienes acceso a ${quoted(subject.course)}`,
            lines: [`Ya puedes entrar en el curso ${quoted(subject.course)}: sus lecciones, sus recetas y su foro.`, subject.endsAt ? `Tu acceso dura hasta el ${when(subject.endsAt)}.` : "Tu acceso no caduca."],
            action: "Ir al curso",
          }
        : {
            title: "Tu membresía de DulceVicio está activa",
            lines: [`Con tu membresía entras en todos los cursos desde el ${when(subject.startsAt)} hasta el ${when(subject.endsAt)}.`],
            action: "Ver los cursos",
          };
    case "access_extended":
      return subject.grant === "enrollment"
        ? {
            title: `Tu acceso a ${quoted(subject.course)} se ha ampliado`,
            lines: [subject.endsAt ? `Ahora puedes entrar en ${quoted(subject.course)} hasta el ${when(subject.endsAt)}.` : `Tu acceso a ${quoted(subject.course)} ya no caduca.`],
            action: "Ir al curso",
          }
        : { title: "Tu membresía se ha ampliado", lines: [`Ahora entras en todos los cursos hasta el ${when(subject.endsAt)}.`], action: "Ver los cursos" };
    case "access_ending":
      return subject.grant === "enrollment"
        ? {
            title: `Tu acceso a ${quoted(subject.course)} termina ${inDays(subject.days)}`,
            lines: [`Podrás entrar en ${quoted(subject.course)} hasta el ${when(subject.endsAt)}.`, "Tu progreso se guarda: si vuelves a tener acceso, seguirás donde lo dejaste."],
            action: "Ir al curso",
          }
        : {
            title: `Tu membresía termina ${inDays(subject.days)}`,
            lines: [`Podrás entrar en todos los cursos hasta el ${when(subject.endsAt)}.`, "Tu progreso se guarda: si vuelves a tener acceso, seguirás donde lo dejaste."],
            action: "Ver los cursos",
          };
    case "forum_reply":
      return { title: `Nueva respuesta en el foro de ${quoted(subject.course)}`, lines: [`${subject.author} ha respondido:`, quoted(subject.excerpt)], action: "Ver la conversación" };
    case "admin_response":
      return { title: `El equipo de DulceVicio te ha respondido en ${quoted(subject.course)}`, lines: [`${subject.author} ha respondido a tu comentario:`, quoted(subject.excerpt)], action: "Ver la respuesta" };
    case "new_lesson":
      return { title: `Nueva lección en ${quoted(subject.course)}`, lines: [`Ya está disponible la lección ${quoted(subject.lesson)}.`], action: "Ver la lección" };
  }
}

export function render(subject: Subject, recipient: { name: string }, topic: EmailTopic, links: Links): Rendered {
  const { title, lines, action } = words(subject);
  const greeting = `Hola, ${recipient.name}:`;
  const footer = [
    `Recibes este correo porque tienes activados los avisos de ${TOPIC_LABEL[topic]}.`,
    `Dejar de recibirlos: ${links.unsubscribe}`,
    `Elegir qué avisos recibes: ${links.settings}`,
  ];
  const text = [greeting, "", ...lines, "", `${action}: ${links.target}`, "", "-- ", ...footer, ""].join("\n");
  const html = `<!DOCTYPE html>
<html lang="es">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px;background:#faf6f2;font-family:Helvetica,Arial,sans-serif;color:#3b2a20">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(title)}</h1>
<p>${escapeHtml(greeting)}</p>
${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join("\n")}
<p><a href="${escapeHtml(links.target)}" style="display:inline-block;background:#b5651d;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(action)}</a></p>
</div>
<p style="max-width:560px;margin:16px auto 0;font-size:12px;color:#7a6a60">${escapeHtml(footer[0]!)}<br>
<a href="${escapeHtml(links.unsubscribe)}" style="color:#7a6a60">Dejar de recibir estos avisos</a> · <a href="${escapeHtml(links.settings)}" style="color:#7a6a60">Elegir qué avisos recibes</a></p>
</body>
</html>
`;
  return { title, body: lines.join(" "), email: { subject: title, text, html } };
}

/** The first words of a reply, for the notification: whole words, at most `max` characters. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2)).trimEnd()}…`;
}
