import type { ReactNode } from "react";
import type { Tenant } from "@/lib/tenancy/resolve";
import { tenantUrl } from "@/lib/tenancy/url";
import { inSentence } from "@/lib/text";

export type Sender = Pick<
  Tenant,
  "name" | "officialName" | "primaryColor" | "contactPhone" | "contactEmail" | "canonicalHost" | "logoUrl"
>;

// Emails are read in every mail client: inline styles, tables for layout, no web fonts.
export function EmailLayout({ tenant, title, children }: { tenant: Sender; title: string; children: ReactNode }) {
  return (
    <html lang="fr">
      {/* eslint-disable-next-line @next/next/no-head-element -- an email document, not a Next page */}
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
      </head>
      <body style={{ margin: 0, padding: 0, backgroundColor: "#f1f5f9", fontFamily: "Arial, Helvetica, sans-serif", color: "#0f172a" }}>
        <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ backgroundColor: "#f1f5f9" }}>
          <tbody>
            <tr>
              <td align="center" style={{ padding: "24px 12px" }}>
                <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ maxWidth: 600, backgroundColor: "#ffffff", borderRadius: 8 }}>
                  <tbody>
                    <tr>
                      <td style={{ backgroundColor: tenant.primaryColor, color: "#ffffff", padding: "16px 24px", borderRadius: "8px 8px 0 0" }}>
                        {tenant.logoUrl ? (
                          // eslint-disable-next-line @next/next/no-img-element -- an email, not a Next page
                          <img
                            src={/^https?:/.test(tenant.logoUrl) ? tenant.logoUrl : tenantUrl(tenant, tenant.logoUrl)}
                            alt=""
                            width={40}
                            height={40}
                            style={{ float: "left", marginRight: 12, backgroundColor: "#ffffff", borderRadius: 4 }}
                          />
                        ) : null}
                        <strong style={{ fontSize: 20 }}>{tenant.name}</strong>
                        <br />
                        <span style={{ fontSize: 14 }}>Compte Citoyen</span>
                      </td>
                    </tr>
                    <tr>
                      <td style={{ padding: 24, fontSize: 16, lineHeight: 1.5 }}>
                        <h1 style={{ fontSize: 20, margin: "0 0 16px" }}>{title}</h1>
                        {children}
                      </td>
                    </tr>
                    <tr>
                      <td style={{ padding: "16px 24px", borderTop: "1px solid #e2e8f0", fontSize: 13, color: "#475569" }}>
                        {noReply(tenant)}
                      </td>
                    </tr>
                  </tbody>
                </table>
              </td>
            </tr>
          </tbody>
        </table>
      </body>
    </html>
  );
}

/** The footer of every message, email or SMS: nobody reads replies to this address. */
export function noReply(tenant: Sender) {
  return `Message automatique : merci de ne pas répondre à ce message. Pour toute question, contactez la ${inSentence(tenant.officialName)} au ${tenant.contactPhone} ou à ${tenant.contactEmail}.`;
}
