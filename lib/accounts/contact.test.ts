import { noticeRoute } from "@/lib/accounts/contact";

const base = { email: "a@exemple.fr", emailConfirmedAt: new Date(), mobile: "0611223344", mobileConfirmedAt: new Date(), channel: "EMAIL" as const };

describe("noticeRoute", () => {
  it("follows the chosen channel when it is confirmed", () => {
    expect(noticeRoute(base)).toEqual({ channel: "EMAIL", to: "a@exemple.fr" });
    expect(noticeRoute({ ...base, channel: "SMS" })).toEqual({ channel: "SMS", to: "0611223344" });
    expect(noticeRoute({ ...base, channel: "TELEPHONE" })).toEqual({ channel: "EMAIL", to: "a@exemple.fr" });
  });

  it("falls back to a confirmed email, and sends nothing to unconfirmed contacts", () => {
    expect(noticeRoute({ ...base, channel: "SMS", mobileConfirmedAt: null })).toEqual({ channel: "EMAIL", to: "a@exemple.fr" });
    expect(noticeRoute({ ...base, emailConfirmedAt: null })).toBeNull();
    expect(noticeRoute({ ...base, channel: "SMS", mobileConfirmedAt: null, emailConfirmedAt: null })).toBeNull();
  });
});
