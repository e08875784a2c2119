import { createChallenge, solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { db } from "@/lib/db";
import { createCaptchaChallenge, isHoneypotFilled, verifyCaptcha } from "@/lib/captcha/captcha";

const MINUTE = 60_000;
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");

/** What the widget posts in the `altcha` field once the browser has solved the challenge. */
async function solved(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("challenge not solved");
  return encode({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution });
}

const decode = (payload: string) => JSON.parse(Buffer.from(payload, "base64").toString("utf8"));

describe("the captcha", () => {
  it("accepts a solved challenge once, then refuses the same payload", async () => {
    const payload = await solved(await createCaptchaChallenge({ cost: 1 }));
    expect(await verifyCaptcha(payload)).toBe(true);
    expect(await verifyCaptcha(payload)).toBe(false);
  });

  it("lets only one of two simultaneous submissions of a payload through", async () => {
    const payload = await solved(await createCaptchaChallenge({ cost: 1 }));
    expect(await Promise.all([verifyCaptcha(payload), verifyCaptcha(payload)])).toEqual(expect.arrayContaining([true, false]));
  });

  it("refuses a payload whose challenge or solution was altered", async () => {
    const original = decode(await solved(await createCaptchaChallenge({ cost: 1 })));
    const easier = structuredClone(original);
    easier.challenge.parameters.expiresAt += 3600; // a longer life, signed by nobody
    const wrongKey = structuredClone(original);
    wrongKey.solution.derivedKey = "00".repeat(32);
    const wrongCounter = structuredClone(original);
    wrongCounter.solution.counter += 1;
    const unsigned = structuredClone(original);
    delete unsigned.challenge.signature;

    for (const tampered of [easier, wrongKey, wrongCounter, unsigned]) {
      expect(await verifyCaptcha(encode(tampered))).toBe(false);
    }
    expect(await verifyCaptcha(encode(original))).toBe(true); // the untouched one was still good
  });

  it("refuses a challenge signed with another secret", async () => {
    const foreign = await createChallenge({
      algorithm: "PBKDF2/SHA-256",
      cost: 1,
      deriveKey,
      expiresAt: new Date(Date.now() + MINUTE),
      hmacSignatureSecret: "not-our-secret",
    });
    expect(await verifyCaptcha(await solved(foreign))).toBe(false);
  });

  it("refuses an expired challenge", async () => {
    const old = await createCaptchaChallenge({ cost: 1, now: new Date(Date.now() - 11 * MINUTE) });
    expect(await verifyCaptcha(await solved(old))).toBe(false);

    const fresh = await solved(await createCaptchaChallenge({ cost: 1 }));
    expect(await verifyCaptcha(fresh, new Date(Date.now() + 11 * MINUTE))).toBe(false);
    expect(await verifyCaptcha(fresh)).toBe(true);
  });

  it("refuses garbage without throwing", async () => {
    const garbage: unknown[] = [
      null,
      undefined,
      "",
      "x",
      {},
      42,
      "a".repeat(5_000_000),
      encode({ challenge: null, solution: null, test: true }), // the widget's test mode
      encode({ challenge: { parameters: { algorithm: "SHA-1" }, signature: "ab" }, solution: { counter: 1, derivedKey: "ab" } }),
      encode("just a string"),
    ];
    for (const value of garbage) {
      await expect(verifyCaptcha(value)).resolves.toBe(false);
    }
    expect(await db.captchaUse.count()).toBe(0);
  });

  it("forgets spent challenges once they have expired", async () => {
    await db.captchaUse.create({ data: { signature: "ab".repeat(32), expiresAt: new Date(Date.now() - MINUTE) } });
    expect(await verifyCaptcha(await solved(await createCaptchaChallenge({ cost: 1 })))).toBe(true);
    expect(await db.captchaUse.findMany({ select: { signature: true } })).toEqual([
      { signature: expect.not.stringMatching(/^(ab)+$/) },
    ]);
  });
});

describe("the honeypot", () => {
  it("is filled by anything but an empty value", () => {
    expect(isHoneypotFilled("https://promo.example")).toBe(true);
    expect(isHoneypotFilled("")).toBe(false);
    expect(isHoneypotFilled("  ")).toBe(false);
    expect(isHoneypotFilled(null)).toBe(false);
    expect(isHoneypotFilled(undefined)).toBe(false);
  });
});
