import "server-only";
import { templates, type TemplateData, type TemplateName } from "@/lib/notifications/templates";
import type { Sender } from "@/lib/notifications/templates/layout";

export type Rendered = { subject: string; text: string; html: string | null };

/** Renders a message once, when it is queued: the stored text is what the citizen reads, forever. */
export async function renderMessage<N extends TemplateName>(
  name: N,
  data: TemplateData<N>,
  tenant: Sender,
  channel: "EMAIL" | "SMS",
): Promise<Rendered> {
  const template = templates[name] as unknown as {
    data: { parse(d: unknown): unknown };
    subject(d: unknown, t: Sender): string;
    text(d: unknown, t: Sender): string;
    html(d: unknown, t: Sender): React.ReactElement;
    sms?(d: unknown, t: Sender): string;
  };
  const parsed = template.data.parse(data);
  const subject = template.subject(parsed, tenant);
  if (channel === "SMS") return { subject, text: (template.sms ?? template.text)(parsed, tenant), html: null };
  const text = template.text(parsed, tenant);
  // Loaded on demand: Next allows react-dom/server here only through a dynamic import.
  const { renderToStaticMarkup } = await import("react-dom/server");
  return { subject, text, html: `<!DOCTYPE html>${renderToStaticMarkup(template.html(parsed, tenant))}` };
}
