import { hashSecret, normalizeAnswer, verifySecret } from "@/lib/accounts/secret-hash";

describe("hashSecret / verifySecret", () => {
  it("verifies the right secret and refuses a wrong one", async () => {
    const hashed = await hashSecret("cheval agrafe pile correcte");
    expect(hashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(hashed).not.toContain("cheval");
    await expect(verifySecret(hashed, "cheval agrafe pile correcte")).resolves.toBe(true);
    await expect(verifySecret(hashed, "cheval agrafe pile correct")).resolves.toBe(false);
    await expect(verifySecret(hashed, "")).resolves.toBe(false);
  });

  it("salts each hash", async () => {
    const [a, b] = await Promise.all([hashSecret("même secret"), hashSecret("même secret")]);
    expect(a).not.toBe(b);
    await expect(verifySecret(b, "même secret")).resolves.toBe(true);
  });

  it("answers false, without throwing, for a malformed hash", async () => {
    for (const bad of ["", "not-a-hash", "$argon2id$v=19$m=19456,t=2,p=1$", "$2b$10$abcdefghijklmnopqrstuv"]) {
      await expect(verifySecret(bad, "secret")).resolves.toBe(false);
    }
  });
});

describe("normalizeAnswer", () => {
  it("makes « Médor » and \"  medor \" the same answer", async () => {
    expect(normalizeAnswer("Médor")).toBe("medor");
    expect(normalizeAnswer("  medor ")).toBe("medor");
    const hashed = await hashSecret(normalizeAnswer("Médor"));
    await expect(verifySecret(hashed, normalizeAnswer("  MEDOR "))).resolves.toBe(true);
    await expect(verifySecret(hashed, normalizeAnswer("Médoc"))).resolves.toBe(false);
  });

  it("collapses inner whitespace and reads NFD input", () => {
    expect(normalizeAnswer(" Rue  des\tLilas\n")).toBe("rue des lilas");
    expect(normalizeAnswer("E\u0301cole Jules-Ferry")).toBe("ecole jules-ferry");
  });

  it("keeps different answers different", () => {
    expect(normalizeAnswer("Médor")).not.toBe(normalizeAnswer("Médoc"));
  });
});
