import { tenantUrl } from "@/lib/tenancy/url";

describe("tenantUrl", () => {
  it("points at the canonical host, whatever host the request came from", () => {
    // Jest runs outside demo mode without PUBLIC_* variables: https on the default port.
    expect(tenantUrl({ canonicalHost: "sete.localhost" }, "/mot-de-passe-oublie/abc")).toBe(
      "https://sete.localhost/mot-de-passe-oublie/abc",
    );
  });
});
