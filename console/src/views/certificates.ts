import { api, describeError } from "../api";
import { h } from "../dom";
import type { Certificate, CertificateVerification } from "../types";

/**
 * A user's certificates (`GET /api/users/{id}/certificates`), newest first, each to revoke or reissue; and any
 * certificate looked up by its id (the one its PDF's QR code carries), as the public verification states it.
 */
export function certificatesPanel(userId: string): HTMLElement {
  const idInput = h("input", { name: "certificate_id", autocomplete: "off", required: true });
  const message = h("p", { className: "error", role: "alert" });
  const result = h("div", { className: "certificate", role: "status" });
  const form = h("form", { className: "grant" }, h("label", {}, "Certificate id", idInput), h("button", { type: "submit" }, "Look up"));

  async function lookUp(id: string): Promise<void> {
    message.textContent = "";
    result.replaceChildren();
    try {
      // The public verification: the one read of a certificate by its id.
      showCertificate(await api((c, headers) => c.GET("/api/certificates/{id}", { headers, params: { path: { id } } })));
    } catch (error) {
      message.textContent = describeError(error);
    }
  }

  function showCertificate(certificate: CertificateVerification | Certificate, pdfUrl?: string | null): void {
    const reason = h("input", { name: "reason", autocomplete: "off", maxLength: 500 });
    const revoke = h("button", { type: "button", className: "danger", disabled: certificate.status === "revoked" }, "Revoke");
    const reissue = h("button", { type: "button" }, "Reissue with the current name");
    const errors = h("p", { className: "error", role: "alert" });
    const path = { path: { id: certificate.id } };
    const run = (work: () => Promise<Certificate>) => {
      errors.textContent = "";
      revoke.disabled = reissue.disabled = true;
      work()
        .then((changed) => {
          idInput.value = changed.id;
          showCertificate(changed, changed.pdf_url);
          void listOwn();
        })
        .catch((error: unknown) => {
          errors.textContent = describeError(error);
          revoke.disabled = certificate.status === "revoked";
          reissue.disabled = false;
        });
    };
    revoke.addEventListener("click", () => {
      if (!confirm(`Revoke the certificate of ${certificate.full_name} for ${certificate.course_title}? Its QR code will say it is revoked.`)) return;
      const text = reason.value.trim();
      run(() => api((c, headers) => c.POST("/api/certificates/{id}/revoke", { headers, params: path, body: text ? { reason: text } : {} })));
    });
    reissue.addEventListener("click", () => run(() => api((c, headers) => c.POST("/api/certificates/{id}/reissue", { headers, params: path }))));
    const valid = certificate.status !== "revoked";
    result.replaceChildren(
      h(
        "article",
        { className: "row access", ariaLabel: `Certificate ${certificate.id}` },
        h("strong", {}, certificate.course_title),
        h("span", { className: valid ? "badge ok" : "badge off" }, valid ? "Valid" : "Revoked"),
        h("span", { className: "hint" }, `${certificate.full_name} · completed ${certificate.completed_on} · `, h("code", {}, certificate.id)),
        pdfUrl ? h("a", { href: pdfUrl }, "PDF") : "",
        h("label", {}, "Reason for revoking (optional)", reason),
        h("div", { className: "actions" }, revoke, reissue),
        errors,
      ),
    );
  }

  const list = h("ul", { className: "plain", ariaLabel: "This user's certificates" });
  async function listOwn(): Promise<void> {
    try {
      const { items } = await api((c, headers) => c.GET("/api/users/{id}/certificates", { headers, params: { path: { id: userId } } }));
      list.replaceChildren(
        ...(items.length
          ? items.map((certificate) => {
              const open = h("button", { type: "button" }, `${certificate.course_title} · ${certificate.status === "revoked" ? "revoked" : "valid"} · ${certificate.completed_on}`);
              open.addEventListener("click", () => {
                idInput.value = certificate.id;
                message.textContent = "";
                showCertificate(certificate, certificate.pdf_url);
              });
              return h("li", {}, open);
            })
          : [h("li", { className: "hint" }, "No certificates yet.")]),
      );
    } catch (error) {
      message.textContent = describeError(error);
    }
  }
  void listOwn();

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void lookUp(idInput.value.trim());
  });

  return h(
    "div",
    {},
    h("h2", {}, "Certificates"),
    list,
    h("p", { className: "hint" }, "Choose one to revoke it or reissue it with the student's current name, or look any certificate up by its id (on its verification page and in its QR code)."),
    form,
    message,
    result,
  );
}
