import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWTPayload, type CryptoKey } from "jose";

/**
 * An LTI 1.3 platform stand-in. No LMS (Moodle, Canvas…) can run on these
 * machines, so the tests speak the real protocol to this small server
 * instead: it has its own RSA keys and publishes them as a JWKS; its OIDC
 * authorization endpoint answers the tool's login redirect with an
 * auto-posting form carrying an id_token it signed; its token endpoint
 * checks the tool's client assertion against the tool's published JWKS; its
 * line item's score endpoint can fail transiently; its Deep Linking return
 * address verifies the tool's signed response. Nothing in it knows
 * Passerelle's internals: only the URLs a platform administrator would paste.
 */

const LTI = "https://purl.imsglobal.org/spec/lti/claim/";
export const ROLE = {
  learner: "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
  instructor: "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
};

export interface LaunchSpec {
  sub?: string;
  messageType?: "LtiResourceLinkRequest" | "LtiDeepLinkingRequest";
  roles?: string[];
  givenName?: string;
  familyName?: string;
  targetLinkUri: string;
  custom?: Record<string, string>;
  /** A line item for AGS scores (resource links only). */
  lineitem?: boolean;
}

export interface ReceivedScore {
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  activityProgress: string;
  gradingProgress: string;
  timestamp: string;
}

export interface LtiPlatform {
  issuer: string;
  clientId: string;
  deploymentId: string;
  jwksUrl: string;
  authUrl: string;
  tokenUrl: string;
  lineitemUrl: string;
  /** Signs an id_token as this platform would (or with a key it never published). */
  signIdToken(claims: JWTPayload, options?: { rogueKey?: boolean; audience?: string | string[] }): Promise<string>;
  /** Claims of a launch, ready for signIdToken. */
  launchClaims(spec: LaunchSpec, nonce: string): JWTPayload;
  /** The page a learner opens in the LMS: an iframe into which the LMS posts the tool's login form. */
  coursePageUrl(spec: LaunchSpec): string;
  toolUrls: { login: string; launch: string; jwks: string };
  scores: ReceivedScore[];
  scoreAttempts: number;
  failNextScores: number;
  tokenRequests: number;
  /** Verified Deep Linking responses, with the `kid` of the tool's key that signed each. */
  deepLinkResponses: { payload: JWTPayload; kid: string }[];
  deepLinkErrors: string[];
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });

const html = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8" });
  res.end(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Plateforme de test</title></head><body>${body}</body></html>`);
};
const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
const autoPost = (action: string, fields: Record<string, string>, target?: string) =>
  `<form method="post" action="${escapeHtml(action)}"${target ? ` target="${target}"` : ""} id="f">${Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${escapeHtml(v)}">`)
    .join("")}</form><script>document.getElementById("f").submit()</script>`;

export async function startLtiPlatform(tool: { origin: string; login: string; launch: string; jwks: string }): Promise<LtiPlatform> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const rogue = await generateKeyPair("RS256");
  const kid = "platform-key-1";
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  const toolKeys = createRemoteJWKSet(new URL(tool.jwks));
  const specs = new Map<string, LaunchSpec>();
  const tokens = new Set<string>();

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => html(res, 500, escapeHtml(error.message)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  const platform: LtiPlatform = {
    issuer: origin,
    clientId: "passerelle-tool",
    deploymentId: "deployment-1",
    jwksUrl: `${origin}/jwks`,
    authUrl: `${origin}/auth`,
    tokenUrl: `${origin}/token`,
    lineitemUrl: `${origin}/lineitems/7/lineitem`,
    toolUrls: tool,
    scores: [],
    scoreAttempts: 0,
    failNextScores: 0,
    tokenRequests: 0,
    deepLinkResponses: [],
    deepLinkErrors: [],
    async signIdToken(claims, { rogueKey = false, audience } = {}) {
      return new SignJWT(claims)
        .setProtectedHeader({ alg: "RS256", kid: rogueKey ? "not-published" : kid, typ: "JWT" })
        .setIssuer(origin)
        .setAudience(audience ?? platform.clientId)
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign((rogueKey ? rogue.privateKey : privateKey) as CryptoKey);
    },
    launchClaims(spec, nonce) {
      const deepLinking = spec.messageType === "LtiDeepLinkingRequest";
      return {
        nonce,
        ...(spec.sub === undefined ? {} : { sub: spec.sub }),
        given_name: spec.givenName,
        family_name: spec.familyName,
        [`${LTI}message_type`]: spec.messageType ?? "LtiResourceLinkRequest",
        [`${LTI}version`]: "1.3.0",
        [`${LTI}deployment_id`]: platform.deploymentId,
        [`${LTI}target_link_uri`]: spec.targetLinkUri,
        [`${LTI}roles`]: spec.roles ?? [ROLE.learner],
        [`${LTI}context`]: { id: "course-42", label: "NUM1", title: "Numérique au quotidien" },
        ...(deepLinking
          ? {
              "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": {
                deep_link_return_url: `${origin}/deep-link-return`,
                accept_types: ["ltiResourceLink"],
                accept_presentation_document_targets: ["iframe", "window"],
                data: "opaque-platform-data-123",
              },
            }
          : { [`${LTI}resource_link`]: { id: `link-${randomUUID()}`, title: "Lien Passerelle" } }),
        ...(spec.custom ? { [`${LTI}custom`]: spec.custom } : {}),
        ...(spec.lineitem
          ? {
              "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
                scope: ["https://purl.imsglobal.org/spec/lti-ags/scope/lineitem", "https://purl.imsglobal.org/spec/lti-ags/scope/score"],
                lineitems: `${origin}/lineitems`,
                lineitem: platform.lineitemUrl,
              },
            }
          : {}),
      };
    },
    coursePageUrl(spec) {
      const hint = randomUUID();
      specs.set(hint, spec);
      return `${origin}/course?hint=${hint}`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", origin);
    if (url.pathname === "/favicon.ico") return void res.writeHead(204).end();
    if (url.pathname === "/jwks") {
      res.writeHead(200, { "Content-Type": "application/json" });
      return void res.end(JSON.stringify({ keys: [jwk] }));
    }
    if (url.pathname === "/course") {
      // Like Moodle: the LMS page posts the third-party-initiated login into the tool's iframe.
      const hint = url.searchParams.get("hint") ?? "";
      const spec = specs.get(hint);
      if (!spec) return html(res, 404, "inconnu");
      const fields = { iss: origin, login_hint: hint, target_link_uri: spec.targetLinkUri, lti_message_hint: `msg-${hint}`, client_id: platform.clientId, lti_deployment_id: platform.deploymentId };
      return html(
        res,
        200,
        `<main><h1>Cours de la plateforme</h1><iframe name="tool" title="Passerelle" style="width:100%;height:700px"></iframe></main>${autoPost(tool.login, fields, "tool")}`,
      );
    }
    if (url.pathname === "/auth") {
      const q = url.searchParams;
      const spec = specs.get(q.get("login_hint") ?? "");
      const problems = [
        q.get("scope") !== "openid" && "scope",
        q.get("response_type") !== "id_token" && "response_type",
        q.get("response_mode") !== "form_post" && "response_mode",
        q.get("prompt") !== "none" && "prompt",
        q.get("client_id") !== platform.clientId && "client_id",
        q.get("redirect_uri") !== tool.launch && "redirect_uri",
        !q.get("state") && "state",
        !q.get("nonce") && "nonce",
        q.get("lti_message_hint") !== `msg-${q.get("login_hint")}` && "lti_message_hint",
        !spec && "login_hint",
      ].filter(Boolean);
      if (problems.length) return html(res, 400, `invalid_request: ${problems.join(", ")}`);
      const idToken = await platform.signIdToken(platform.launchClaims(spec!, q.get("nonce")!));
      return html(res, 200, autoPost(tool.launch, { id_token: idToken, state: q.get("state")! }));
    }
    if (url.pathname === "/token" && req.method === "POST") {
      platform.tokenRequests++;
      const form = new URLSearchParams(await readBody(req));
      if (form.get("grant_type") !== "client_credentials") return json(res, 400, { error: "unsupported_grant_type" });
      if (form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") return json(res, 400, { error: "invalid_client" });
      try {
        const { payload } = await jwtVerify(form.get("client_assertion") ?? "", toolKeys, { issuer: platform.clientId, subject: platform.clientId, audience: platform.tokenUrl });
        if (!payload.jti) throw new Error("no jti");
      } catch {
        return json(res, 401, { error: "invalid_client" });
      }
      if (!(form.get("scope") ?? "").split(" ").includes("https://purl.imsglobal.org/spec/lti-ags/scope/score")) return json(res, 400, { error: "invalid_scope" });
      const token = randomUUID();
      tokens.add(token);
      return json(res, 200, { access_token: token, token_type: "Bearer", expires_in: 3600, scope: form.get("scope") });
    }
    if (url.pathname === "/lineitems/7/lineitem/scores" && req.method === "POST") {
      platform.scoreAttempts++;
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (!token || !tokens.has(token)) return json(res, 401, { error: "unauthorized" });
      if (req.headers["content-type"] !== "application/vnd.ims.lis.v1.score+json") return json(res, 415, { error: "media type" });
      const score = JSON.parse(await readBody(req)) as ReceivedScore;
      if (platform.failNextScores > 0) {
        platform.failNextScores--;
        return json(res, 503, { error: "try later" });
      }
      platform.scores.push(score);
      res.writeHead(204);
      return void res.end();
    }
    if (url.pathname === "/deep-link-return" && req.method === "POST") {
      const form = new URLSearchParams(await readBody(req));
      try {
        const { payload, protectedHeader } = await jwtVerify(form.get("JWT") ?? "", toolKeys, { issuer: platform.clientId, audience: origin });
        if (!protectedHeader.kid) throw new Error("no kid");
        if (payload[`${LTI}message_type`] !== "LtiDeepLinkingResponse") throw new Error("message type");
        if (payload[`${LTI}version`] !== "1.3.0") throw new Error("version");
        if (payload[`${LTI}deployment_id`] !== platform.deploymentId) throw new Error("deployment");
        if (!payload.nonce) throw new Error("nonce");
        if (payload["https://purl.imsglobal.org/spec/lti-dl/claim/data"] !== "opaque-platform-data-123") throw new Error("data not echoed");
        platform.deepLinkResponses.push({ payload, kid: protectedHeader.kid });
        const items = payload["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"] as { title: string }[];
        return html(res, 200, `<main><h1>Contenu ajouté</h1><p>${escapeHtml(items.map((i) => i.title).join(", "))}</p></main>`);
      } catch (error) {
        platform.deepLinkErrors.push((error as Error).message);
        return html(res, 400, `<main><h1>Réponse refusée</h1><p>${escapeHtml((error as Error).message)}</p></main>`);
      }
    }
    html(res, 404, "not found");
  }

  return platform;
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}
