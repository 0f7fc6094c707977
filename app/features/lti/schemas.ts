import { z } from "zod";

const E = (key: string) => ({ error: `lti:errors.${key}` });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const httpsUrl = (key: string) =>
  z
    .string(E(key))
    .trim()
    .max(2000, E(key))
    .refine((v) => {
      try {
        const url = new URL(v);
        return url.protocol === "https:" || url.protocol === "http:";
      } catch {
        return false;
      }
    }, E(key));

/** Deployment ids, one a line or separated by commas, as the platform shows them. */
const deploymentIds = z
  .string(E("deployments_required"))
  .transform((v) => [...new Set(v.split(/[\s,]+/).map((d) => d.trim()).filter(Boolean))])
  .refine((ids) => ids.length >= 1 && ids.length <= 50 && ids.every((id) => id.length <= 255), E("deployments_required"));

export const PlatformSchema = z.object({
  intent: z.literal("save"),
  name: z.string(E("name_required")).trim().min(1, E("name_required")).max(120, E("name_required")),
  issuer: httpsUrl("issuer_invalid"),
  clientId: z.string(E("client_id_required")).trim().min(1, E("client_id_required")).max(255, E("client_id_required")),
  deploymentIds,
  jwksUrl: httpsUrl("url_invalid"),
  authUrl: httpsUrl("url_invalid"),
  tokenUrl: httpsUrl("url_invalid"),
  school: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
});
export type PlatformInput = z.infer<typeof PlatformSchema>;

/** /admin/lti: register a platform, or rotate the tool's signing key. */
export const AdminLtiSchema = z.discriminatedUnion("intent", [PlatformSchema, z.object({ intent: z.literal("rotate_key") })]);

export const PlatformPageSchema = z.discriminatedUnion("intent", [
  PlatformSchema,
  z.object({ intent: z.literal("disable") }),
  z.object({ intent: z.literal("enable") }),
]);

/** What a teacher picks in the Deep Linking page. */
export const DeepLinkSchema = z.object({
  item: z.string(E("pick_item")).regex(new RegExp(`^(course|lesson|h5p):${UUID.source.slice(1, -1)}$`, "i"), E("pick_item")),
  graded: z.preprocess((v) => v === "on", z.boolean()),
});
export type DeepLinkInput = z.infer<typeof DeepLinkSchema>;

const field = (key: string, max: number) => z.string(E(key)).trim().min(1, E(key)).max(max, E(key));

/** OIDC third-party-initiated login (LTI Core 1.3 §5.1.1), sent by GET or POST. */
export const LoginSchema = z.object({
  iss: field("login_incomplete", 2000),
  login_hint: field("login_incomplete", 2000),
  target_link_uri: field("login_incomplete", 2000),
  lti_message_hint: z.string().max(4000).optional(),
  client_id: z.string().max(255).optional(),
  lti_deployment_id: z.string().max(255).optional(),
});

/** The platform's form_post back to the launch URL. */
export const LaunchSchema = z.object({
  id_token: field("launch_incomplete", 30_000),
  state: field("launch_incomplete", 200),
});

export const CompleteSchema = z.object({
  intent: z.literal("complete"),
  lessonId: z.string(E("target_unknown")).regex(UUID, E("target_unknown")),
  openedAt: z.string().max(100).optional(),
});
