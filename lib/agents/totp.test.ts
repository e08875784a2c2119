import {
  base32Decode,
  base32Encode,
  decryptSecret,
  encryptSecret,
  matchingStep,
  newTotpSecret,
  otpauthUri,
  recoveryCodeHash,
  stepAt,
  totpCode,
  totpQrSvg,
} from "@/lib/agents/totp";

// The seed of RFC 6238's SHA-1 vectors, and its 8-digit codes: a 6-digit code is their last 6 digits.
const RFC_SEED = Buffer.from("12345678901234567890", "ascii");
const RFC_VECTORS: [number, string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("totpCode", () => {
  it.each(RFC_VECTORS)("gives RFC 6238's SHA-1 code at %i s", (seconds, code) => {
    const step = stepAt(new Date(seconds * 1000));
    expect(totpCode(RFC_SEED, step)).toBe(code.slice(-6));
    // The same from the base32 text that is stored and put in the QR code.
    expect(totpCode(base32Encode(RFC_SEED), step)).toBe(code.slice(-6));
  });

  it("reads base32 as authenticator apps write it", () => {
    expect(base32Encode(RFC_SEED)).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(base32Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")).toEqual(RFC_SEED);
    expect(base32Decode("GEZDGNBV1")).toBeNull();
    expect(base32Encode(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
    expect(base32Decode("MZXW6YTBOI======")?.toString()).toBe("foobar");
  });
});

describe("matchingStep", () => {
  const secret = newTotpSecret();
  const now = new Date(Date.UTC(2026, 10, 24, 9, 0, 15));
  const step = stepAt(now);

  it("accepts the previous, current and next steps only", () => {
    expect(matchingStep(secret, totpCode(secret, step), now)).toBe(step);
    expect(matchingStep(secret, totpCode(secret, step - 1), now)).toBe(step - 1);
    expect(matchingStep(secret, totpCode(secret, step + 1), now)).toBe(step + 1);
    for (const other of [step - 2, step + 2]) {
      const code = totpCode(secret, other);
      // Two steps may share a code by chance (1 in a million): then it is a valid code of the window.
      if (![step - 1, step, step + 1].some((s) => totpCode(secret, s) === code)) expect(matchingStep(secret, code, now)).toBeNull();
    }
  });

  it("forgives spaces and refuses what is not 6 digits", () => {
    const code = totpCode(secret, step);
    expect(matchingStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(step);
    expect(matchingStep(secret, `${code}0`, now)).toBeNull();
    expect(matchingStep(secret, "", now)).toBeNull();
    expect(matchingStep(secret, "12a456", now)).toBeNull();
  });
});

describe("newTotpSecret, otpauthUri, totpQrSvg", () => {
  it("makes 20 random bytes, different each time", () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(a)).toHaveLength(20);
    expect(newTotpSecret()).not.toBe(a);
  });

  it("writes the URI authenticator apps read, and its QR code", async () => {
    const uri = otpauthUri({ secret: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", account: "agent@beaucouze.fr", issuer: "Compte Citoyen Beaucouzé" });
    expect(uri).toMatch(/^otpauth:\/\/totp\/Compte%20Citoyen%20Beaucouz%C3%A9:agent%40beaucouze\.fr\?/);
    const params = new URL(uri).searchParams;
    expect(params.get("secret")).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(params.get("issuer")).toBe("Compte Citoyen Beaucouzé");
    expect(params.get("digits")).toBe("6");
    expect(params.get("period")).toBe("30");
    const svg = await totpQrSvg(uri);
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain("<path");
  });
});

describe("encryptSecret", () => {
  it("round-trips, with a new IV each time", () => {
    const secret = newTotpSecret();
    const a = encryptSecret(secret);
    const b = encryptSecret(secret);
    expect(a).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret);
    expect(decryptSecret(a)).toBe(secret);
    expect(decryptSecret(b)).toBe(secret);
  });

  it("detects any change to the stored value", () => {
    const stored = encryptSecret(newTotpSecret());
    const [v, iv, tag, data] = stored.split(".") as [string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, "base64url");
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString("base64url");
    };
    expect(() => decryptSecret([v, flip(iv), tag, data].join("."))).toThrow();
    expect(() => decryptSecret([v, iv, flip(tag), data].join("."))).toThrow();
    expect(() => decryptSecret([v, iv, tag, flip(data)].join("."))).toThrow();
    expect(() => decryptSecret(["v2", iv, tag, data].join("."))).toThrow();
    expect(() => decryptSecret("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")).toThrow();
  });
});

describe("recoveryCodeHash", () => {
  it("forgives case, spaces and hyphens, and refuses what cannot be a code", () => {
    const h = recoveryCodeHash("abcd-efgh-jkmn");
    expect(h).toMatch(/^[\w-]{43}$/);
    expect(recoveryCodeHash("ABCD EFGH JKMN")).toBe(h);
    expect(recoveryCodeHash("abcdefghjkmn")).toBe(h);
    expect(recoveryCodeHash("abcd-efgh-jkmp")).not.toBe(h);
    expect(recoveryCodeHash("abcd-efgh-jkm")).toBeNull();
    expect(recoveryCodeHash("abcd-efgh-ijkl")).toBeNull(); // i and l are left out: they look like 1
  });
});
