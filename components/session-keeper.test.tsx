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
  it("warns five minutes before the idle end, and « Rester connecté » extends it", async () => {
    render(
      <>
        <label htmlFor="nom">Nom</label>
        <input id="nom" />
        <SessionKeeper />
      </>,
    );
    screen.getByLabelText("Nom").focus();
    await act(async () => {}); // the first refresh
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await minutes(24);
    expect(screen.queryByRole("alertdialog")).toBeNull();
    await minutes(1.1);
    const dialog = screen.getByRole("alertdialog", { name: "Votre session va bientôt expirer" });
    expect(dialog).toHaveTextContent("vous serez déconnecté dans 5 minutes");
    expect(screen.getByRole("button", { name: "Rester connecté" })).toHaveFocus();

    fireEvent.click(screen.getByRole("button", { name: "Rester connecté" }));
    await act(async () => {});
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole("alertdialog")).toBeNull();
    // Back where the person was typing.
    expect(screen.getByLabelText("Nom")).toHaveFocus();
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

  it("renews an agent's session through the back office's own address", async () => {
    render(<SessionKeeper sessionUrl="/api/admin/session" loginUrl="/admin/connexion" />);
    await act(async () => {});
    await minutes(25.1);
    fireEvent.click(screen.getByRole("button", { name: "Rester connecté" }));
    await act(async () => {});
    expect(fetchMock).toHaveBeenLastCalledWith("/api/admin/session", { cache: "no-store" });
    sessionAlive = false;
    await minutes(25.1);
    fireEvent.click(screen.getByRole("button", { name: "Rester connecté" }));
    await act(async () => {});
    // Too late: the server no longer knows the session, the login page says why.
    expect(replace).toHaveBeenCalledWith(expect.stringMatching(/^\/admin\/connexion\?expiree=1&retour=/));
  });
});
