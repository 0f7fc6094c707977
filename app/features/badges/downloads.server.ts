import type { User } from "../../../db/schema/accounts";
import type { Db } from "../../lib/db.server";
import type { Locale } from "../../lib/i18n";
import { renderCertificate } from "./certificate.server";
import type { OpenBadgeCredential } from "./credential.server";
import { getOwnedBadge } from "./service.server";

const fileName = (id: string, ext: string) => `badge-${id.slice(0, 8)}.${ext}`;

/**
 * The owner's files: the signed credential (VC-JWT), the certificate PDF, and
 * the credential as plain JSON — what the JWT signs, readable but carrying no
 * proof, so it says so in its name, its type and a link to the signed file.
 */
export async function badgeDownload(db: Db, viewer: User, badgeId: string, format: "jwt" | "json" | "pdf", locale: Locale) {
  const badge = await getOwnedBadge(db, viewer, badgeId);
  const headers = (type: string, ext: string) => ({
    "Content-Type": type,
    "Content-Disposition": `attachment; filename="${fileName(badge.id, ext)}"`,
    "Cache-Control": "private, no-store",
  });
  if (format === "jwt") return new Response(badge.credential_jwt, { headers: headers("application/vc+jwt", "jwt") });
  if (format === "json") {
    return new Response(JSON.stringify(badge.credential, null, 2), {
      headers: {
        ...headers("application/json; charset=utf-8", "non-signe.json"),
        Link: `</badges/${badge.id}/badge.jwt>; rel="alternate"; type="application/vc+jwt"`,
      },
    });
  }
  const pdf = await renderCertificate({
    credential: badge.credential as unknown as OpenBadgeCredential,
    recipientName: [badge.first_name, badge.certificate_family_name ?? badge.last_name].filter(Boolean).join(" "),
    kind: badge.achievement_kind,
    locale,
  });
  return new Response(new Uint8Array(pdf), { headers: headers("application/pdf", "pdf") });
}
