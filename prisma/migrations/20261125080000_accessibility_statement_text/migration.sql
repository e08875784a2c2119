-- The accessibility statement's conformity, contact and remedies are now generated from the results of
-- the automated checks (components/accessibility-statement.tsx). A commune whose text is still the
-- former default keeps its first paragraph only, so that the page does not state its conformity twice;
-- a text an admin wrote is left as it is.
UPDATE "Tenant"
SET "accessibilityText" =
  replace(
    left("accessibilityText", strpos("accessibilityText", E'\n\n## État de conformité') - 1),
    's''engage à rendre son site accessible à tous',
    's''engage à rendre ses services en ligne accessibles à tous'
  )
  || E'\n\nUn défaut d''accessibilité ne doit jamais vous empêcher de faire une démarche : la mairie peut aussi la recevoir au guichet, par courrier ou par téléphone.'
WHERE strpos(
  "accessibilityText",
  E'\n\n## État de conformité\n\nLe site est partiellement conforme au référentiel général d''amélioration de l''accessibilité (RGAA), version 4.1, dans l''attente d''un audit complet.'
) > 0;
