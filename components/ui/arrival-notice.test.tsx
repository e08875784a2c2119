import { render, screen } from "@testing-library/react";
import { ArrivalNotice } from "./arrival-notice";

it("takes the focus when it appears, so that the outcome of the action is read out", () => {
  render(<ArrivalNotice tone="success" title="Brouillon supprimé" />);
  expect(screen.getByText("Brouillon supprimé").closest("[tabindex='-1']")).toHaveFocus();
});
