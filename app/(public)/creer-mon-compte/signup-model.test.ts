import { isoDate, stepOfField } from "./signup-model";

describe("isoDate", () => {
  it.each([
    ["14/05/1990", "1990-05-14"],
    ["4/5/1990", "1990-05-04"],
    [" 14 05 1990 ", "1990-05-14"],
    ["14.05.1990", "1990-05-14"],
    ["14-05-1990", "1990-05-14"],
    ["14051990", "1990-05-14"],
    ["1990-05-14", "1990-05-14"],
  ])("reads %j as %s", (typed, iso) => expect(isoDate(typed)).toBe(iso));

  it.each(["", "14/05/90", "mai 1990", "1405199", "14/05/1990/2"])("leaves %j as typed, for the schema to refuse", (typed) => {
    expect(isoDate(typed)).toBe(typed.trim());
  });
});

describe("stepOfField", () => {
  it.each([
    ["acceptTerms", 0],
    ["birthPlace", 1],
    ["mobile", 2],
    ["members.3.sex", 3],
    ["securityQuestion", 4],
    ["altcha", 5],
    ["_", 5],
  ])("shows %s on step %i", (path, step) => expect(stepOfField(path)).toBe(step));
});
