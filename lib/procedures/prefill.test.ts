import { validateDefinition, type ProcedureDefinitionInput } from "@/lib/procedures/definition";
import { accountFacts, prefill } from "@/lib/procedures/prefill";

const definitionOf = (input: ProcedureDefinitionInput) => {
  const result = validateDefinition(input);
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.definition;
};

const facts = accountFacts({
  firstNames: "Lucie", birthName: "Durand", usageName: "Bernard", birthDate: "1985-03-12", birthPlace: "Sète",
  addressLine1: "12 rue des Tilleuls", addressLine2: null, postalCode: "34200", city: "Sète",
  email: "lucie@exemple.fr", phone: null, mobile: "0612345678",
  members: [
    { id: "m-lucie", relation: "TITULAIRE", firstNames: "Lucie", lastName: "Bernard", birthDate: "1985-03-12" },
    { id: "m-lea", relation: "ENFANT", firstNames: "Léa", lastName: "Bernard", birthDate: "2015-06-21" },
  ],
});

describe("prefill", () => {
  it("fills the holder's facts, the usage name first, and leaves what the citizen typed", () => {
    const definition = definitionOf({ steps: [{ id: "a", title: "A", fields: [
      { type: "text", name: "nom", label: "Nom", prefill: "holder.lastName" },
      { type: "address", name: "adresse", label: "Adresse", prefill: "holder.address" },
      { type: "phone", name: "fixe", label: "Fixe", prefill: "holder.phone" },
      { type: "email", name: "courriel", label: "Courriel", prefill: "holder.email" },
    ] }] });
    expect(prefill(definition, { courriel: "autre@exemple.fr" }, facts)).toEqual({
      nom: "Bernard",
      adresse: { line1: "12 rue des Tilleuls", line2: "", postalCode: "34200", city: "Sète" },
      courriel: "autre@exemple.fr", // typed by the citizen: kept
      // no landline on the account: nothing to fill
    });
  });

  it("fills the chosen member's facts, and nobody's while no member is chosen", () => {
    const definition = definitionOf({ steps: [{ id: "a", title: "A", fields: [
      { type: "member", name: "enfant", label: "Enfant", among: "children" },
      { type: "text", name: "prenom", label: "Prénom", prefill: "member.firstNames" },
      { type: "date", name: "naissance", label: "Né le", prefill: "member.birthDate" },
    ] }] });
    expect(prefill(definition, { enfant: "m-lea" }, facts)).toEqual({ enfant: "m-lea", prenom: "Léa", naissance: "2015-06-21" });
    expect(prefill(definition, {}, facts)).toEqual({});
  });

  it("takes the holder as the person concerned when the form names no member", () => {
    const definition = definitionOf({ steps: [{ id: "a", title: "A", fields: [{ type: "date", name: "naissance", label: "Né le", prefill: "member.birthDate" }] }] });
    expect(prefill(definition, {}, facts)).toEqual({ naissance: "1985-03-12" });
  });
});
