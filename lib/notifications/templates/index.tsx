import { z } from "zod";
import { EmailLayout, noReply, type Sender } from "@/lib/notifications/templates/layout";
import { tenantUrl } from "@/lib/tenancy/url";

// Every message the product sends. A template gives the subject, the plain text of the email,
// the HTML body, and the SMS (160 characters when possible; the plain text when absent).
// Data is validated: a template never renders half-filled.
export type Template<D> = {
  data: z.ZodType<D>;
  subject: (d: D, t: Sender) => string;
  text: (d: D, t: Sender) => string;
  html: (d: D, t: Sender) => React.ReactElement;
  sms?: (d: D, t: Sender) => string;
};

const essai: Template<{ note?: string }> = {
  data: z.object({ note: z.string().max(500).optional() }),
  subject: (_d, t) => `Message d'essai de la ${t.officialName.replace(/^Mairie/, "mairie")}`,
  text: (d, t) =>
    `Bonjour,\n\nCeci est un message d'essai du Compte Citoyen de ${t.name}. Il montre l'apparence des messages que vous recevrez.${d.note ? `\n\n${d.note}` : ""}\n\n${noReply(t)}`,
  sms: (_d, t) => `${t.name} : message d'essai du Compte Citoyen. Ne répondez pas à ce SMS.`,
  html: (d, t) => (
    <EmailLayout tenant={t} title="Message d'essai">
      <p style={{ margin: "0 0 12px" }}>Bonjour,</p>
      <p style={{ margin: "0 0 12px" }}>
        Ceci est un message d&apos;essai du Compte Citoyen de {t.name}. Il montre l&apos;apparence des messages que vous
        recevrez.
      </p>
      {d.note ? <p style={{ margin: "0 0 12px" }}>{d.note}</p> : null}
      <p style={{ margin: 0 }}>
        <a href={tenantUrl(t)} style={{ color: t.primaryColor }}>
          Ouvrir le Compte Citoyen
        </a>
      </p>
    </EmailLayout>
  ),
};

export const templates = { essai } as const;
export type TemplateName = keyof typeof templates;
export type TemplateData<N extends TemplateName> = (typeof templates)[N] extends Template<infer D> ? D : never;
