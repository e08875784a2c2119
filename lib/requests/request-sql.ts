import { Prisma } from "@/lib/generated/prisma/client";

// Pieces of SQL that the single-statement reads of a request share (the citizen's detail, draft and
// complement pages, « Accueil »). Each reads from the request aliased `r`, within its commune.

/** A piece sent with a request, as its form and its page show it. */
export type AttachmentRow = { id: string; fieldName: string; fileName: string; kind: string; size: number };

/** The pieces of request `r`, oldest first, as a JSON array (AttachmentRow[]). */
export const attachmentsOfRequest = Prisma.sql`COALESCE((SELECT json_agg(json_build_object('id', a."id", 'fieldName', a."fieldName", 'fileName', a."fileName", 'kind', a."kind", 'size', a."size") ORDER BY a."createdAt", a."id")
  FROM "Attachment" a WHERE a."tenantId" = r."tenantId" AND a."requestId" = r."id"), '[]')`;

/** The town hall's request for a complement to request `r` (not a later message of it, INCOMPLETE → INCOMPLETE): what the citizen has to do. */
export const complementAsked = Prisma.sql`(SELECT e."publicMessage" FROM "RequestEvent" e
  WHERE e."requestId" = r."id" AND e."toStatus" = 'INCOMPLETE' AND e."fromStatus" <> 'INCOMPLETE'
  ORDER BY e."createdAt" DESC LIMIT 1)`;
