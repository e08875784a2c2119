import { act, fireEvent, render, screen } from "@testing-library/react";
import { SessionKeeper } from "@/components/session-keeper";

const replace = jest.fn();
const router = { replace }; // Next's router object is stable across renders
jest.mock("next/navigation", () => ({ usePathname: () => "/compte", useRouter: () => router }));

let sessionAlive = true;
const fetchMock = jest.fn(async () => ({ ok: true, json: async () => (sessionAlive ? { expires: "2026-11-24T10:30:00Z" } : {}) }));

beforeEach(() => {
  jest.useFakeTimers();
  sessionAlive = true;
  replace.mockClear();
  fetchMock.mockClear();
  global.fetch = fetchMock as unknown as typeof fetch;
});
afterEach(() => jest.useRealTimers());

const minutes = async (n: number) => {
  await act(async () => {
    jest.advanceTimersByTime(n * 60_000);
  });
};

describe("SessionKeeper", () => {
  it("warns five minutes before the idle end, and « Prolonger ma session » extends it", async () => {
    render(<SessionKeeper />);
    await act(async () => {}); // the first refresh
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await minutes(24);
    expect(screen.queryByRole("alertdialog")).toBeNull();
    await minutes(1.1);
    const dialog = screen.getByRole("alertdialog", { name: "Votre session va bientôt expirer" });
    expect(dialog).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Prolonger ma session" })).toHaveFocus();

    fireEvent.click(screen.getByRole("button", { name: "Prolonger ma session" }));
    await act(async () => {});
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole("alertdialog")).toBeNull();
    await minutes(20);
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(replace).not.toHaveBeenCalled();
  });

  it("sends the citizen to the login page, saying why, when the session has ended", async () => {
    render(<SessionKeeper />);
    await act(async () => {});
    await minutes(30.1);
    expect(replace).toHaveBeenCalledWith(expect.stringMatching(/^\/connexion\?expiree=1&retour=/));
  });

  it("goes to the login page when the server no longer knows the session", async () => {
    sessionAlive = false;
    render(<SessionKeeper />);
    await act(async () => {});
    expect(replace).toHaveBeenCalledWith(expect.stringContaining("expiree=1"));
  });
});
