import "@testing-library/jest-dom";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { CaptchaField } from "@/components/captcha-field";

// The widget refuses to work outside a secure context; jsdom pages are not one by default.
beforeAll(() => Object.defineProperty(window, "isSecureContext", { value: true, configurable: true }));

async function renderInForm(onChange?: (value: string) => void) {
  const { container } = render(
    <form>
      <CaptchaField onChange={onChange} />
    </form>,
  );
  const checkbox = await screen.findByRole("checkbox", { name: "Je ne suis pas un robot" });
  return { form: container.querySelector("form")!, widget: container.querySelector("altcha-widget")!, checkbox };
}

describe("CaptchaField", () => {
  it("shows a checkbox labelled in French and described by the help text", async () => {
    const { form, checkbox } = await renderInForm();
    expect(checkbox).toHaveAccessibleDescription(expect.stringContaining("cryptogramme"));
    expect(new FormData(form).get("altcha")).toBe("");
  });

  it("posts the solved payload as `altcha` and reports it to the parent, then reports its reset", async () => {
    const onChange = jest.fn();
    const { form, widget, checkbox } = await renderInForm(onChange);
    // The widget's own test mode stands for the proof of work (jsdom has no Web Workers).
    await act(() => widget.configure({ test: true, minDuration: 0 }));

    fireEvent.click(checkbox);

    await waitFor(() => expect(screen.getByRole("checkbox", { name: "Vérification réussie" })).toBeChecked());
    const payload = new FormData(form).get("altcha");
    expect(payload).toEqual(expect.any(String));
    expect(payload).not.toBe("");
    await waitFor(() => expect(onChange).toHaveBeenLastCalledWith(payload));

    act(() => widget.reset());
    await waitFor(() => expect(onChange).toHaveBeenLastCalledWith(""));
  });
});
