import { noticeRoute, proofRoute } from "@/lib/accounts/contact";

const base = { email: "a@exemple.fr", emailConfirmedAt: new Date(), mobile: "0611223344", mobileConfirmedAt: new Date(), channel: "EMAIL" as const };
const sms = { settings: { smsEnabled: true } };

describe("noticeRoute", () => {
  it("follows the chosen channel when it is confirmed", () => {
    expect(noticeRoute(base, sms)).toEqual({ channel: "EMAIL", to: "a@exemple.fr" });
    expect(noticeRoute({ ...base, channel: "SMS" }, sms)).toEqual({ channel: "SMS", to: "0611223344" });
    expect(noticeRoute({ ...base, channel: "TELEPHONE" }, sms)).toEqual({ channel: "EMAIL", to: "a@exemple.fr" });
  });

  it("falls back to a confirmed email, and sends nothing to unconfirmed contacts", () => {
    expect(noticeRoute({ ...base, channel: "SMS", mobileConfirmedAt: null }, sms)).toEqual({ channel: "EMAIL", to: "a@exemple.fr" });
    expect(noticeRoute({ ...base, emailConfirmedAt: null }, sms)).toBeNull();
    expect(noticeRoute({ ...base, channel: "SMS", mobileConfirmedAt: null, emailConfirmedAt: null }, sms)).toBeNull();
  });

  it("sends by email what would go by SMS when the commune sends no SMS", () => {
    const noSms = { settings: { smsEnabled: false } };
    expect(noticeRoute({ ...base, channel: "SMS" }, noSms)).toEqual({ channel: "EMAIL", to: "a@exemple.fr" });
    expect(noticeRoute({ ...base, channel: "SMS", emailConfirmedAt: null }, noSms)).toBeNull();
  });
});

describe("proofRoute", () => {
  it("goes by a confirmed email even to who chose SMS, otherwise as a notice", () => {
    expect(proofRoute({ ...base, channel: "SMS" }, sms)).toEqual({ channel: "EMAIL", to: "a@exemple.fr" });
    expect(proofRoute({ ...base, channel: "SMS", emailConfirmedAt: null }, sms)).toEqual({ channel: "SMS", to: "0611223344" });
    expect(proofRoute({ ...base, emailConfirmedAt: null, mobileConfirmedAt: null }, sms)).toBeNull();
  });
});
