import { getProcedure, listCatalogue } from "@/lib/procedures/catalogue";
import { createFullTenant, createProcedure, createTheme } from "@/tests/factories";

describe("the catalogue", () => {
  it("lists a commune's published démarches by theme, in its order, and nothing of another commune", async () => {
    const t = await createFullTenant();
    const other = await createFullTenant();
    const civil = await createTheme(t, "etat-civil", "État civil", 0);
    const enfance = await createTheme(t, "enfance", "Enfance", 1);
    await createProcedure(t, enfance, { slug: "inscription-scolaire", title: "Inscription scolaire", position: 0 });
    await createProcedure(t, civil, { slug: "acte-de-naissance", title: "Acte de naissance", requiresAccount: false, position: 0 });
    await createProcedure(t, civil, { slug: "brouillon-admin", title: "Pas encore publiée", published: false, position: 1 });
    await createProcedure(other, await createTheme(other), { slug: "ailleurs", title: "Démarche d'ailleurs" });

    expect(await listCatalogue(t)).toEqual([
      { slug: "etat-civil", title: "État civil", procedures: [expect.objectContaining({ slug: "acte-de-naissance", requiresAccount: false })] },
      { slug: "enfance", title: "Enfance", procedures: [expect.objectContaining({ slug: "inscription-scolaire" })] },
    ]);
  });

  it("finds démarches whatever the case and accents, and keeps only themes with a match", async () => {
    const t = await createFullTenant();
    const enfance = await createTheme(t, "enfance", "Enfance", 0);
    const cadre = await createTheme(t, "cadre", "Cadre de vie", 1);
    await createProcedure(t, enfance, { title: "Inscription à l'école", summary: "Maternelle et élémentaire." });
    await createProcedure(t, cadre, { title: "Encombrants", summary: "Enlèvement à domicile." });
    expect((await listCatalogue(t, "ECOLE maternelle")).map((th) => th.procedures.map((p) => p.title))).toEqual([["Inscription à l'école"]]);
    expect(await listCatalogue(t, "piscine")).toEqual([]);
  });

  it("opens a published démarche of this commune only", async () => {
    const t = await createFullTenant();
    const other = await createFullTenant();
    const theme = await createTheme(t);
    await createProcedure(t, theme, { slug: "encombrants", title: "Encombrants" });
    await createProcedure(t, theme, { slug: "cachee", published: false });
    await createProcedure(other, await createTheme(other), { slug: "d-ailleurs" });
    expect(await getProcedure(t, "encombrants")).toMatchObject({ title: "Encombrants", theme: { title: "État civil" } });
    expect(await getProcedure(t, "cachee")).toBeNull();
    expect(await getProcedure(t, "d-ailleurs")).toBeNull();
  });
});
