import { MAX_WEBHOOK_BYTES } from "./features/classrooms/webhooks.server";
import { DEFAULT_LIMITS as H5P_ARCHIVE_LIMITS } from "./features/h5p/archive.server";
import { ATTACHMENT_RULES } from "./features/projects/attachments.server";
import { MAX_MULTIPART_BYTES } from "./features/xapi/http.server";
import { KIB, MIB, type BodyLimit } from "./lib/body-limit.server";
import { IMAGE_RULES } from "./lib/storage.server";

/** Room for the multipart framing and the other fields around an uploaded file. */
const FRAMING = 64 * KIB;

/**
 * The most any request body may weigh, per kind of route (see
 * app/lib/body-limit.server.ts). Uploads take their feature's own cap plus the
 * framing, so the feature's finer message still answers a file just over it.
 */
export const BODY_LIMITS: readonly BodyLimit[] = [
  { kind: "webhook", path: /^\/api\/livekit\/webhook$/, bytes: MAX_WEBHOOK_BYTES },
  { kind: "xapi", path: /^\/xapi\//, bytes: MAX_MULTIPART_BYTES + FRAMING },
  { kind: "h5p-upload", path: /^\/(activites|admin\/h5p)$/, bytes: H5P_ARCHIVE_LIMITS.maxArchiveBytes + FRAMING },
  { kind: "team-file", path: /^\/projets\/[^/]+\/equipes\/[^/]+\/fichiers$/, bytes: ATTACHMENT_RULES.maxBytes + FRAMING },
  { kind: "course-image", path: /^\/creer\/cours\/[^/]+(\/images)?$/, bytes: IMAGE_RULES.maxBytes + FRAMING },
  // Editors post whole documents (a lesson of up to 500,000 characters, a team
  // document of 400,000), which URL-encoding can triple.
  {
    kind: "editor",
    path: /^(\/creer\/cours\/[^/]+\/lecons\/[^/]+|\/projets\/[^/]+\/equipes\/[^/]+\/document|\/projets\/nouveau|\/projets\/[^/]+\/modifier)$/,
    bytes: 4 * MIB,
  },
];

/** Every other form: sign-in, bookings, settings… */
export const DEFAULT_BODY_LIMIT: BodyLimit = { kind: "form", path: /.*/, bytes: 1 * MIB };
