/**
 * The LTI 1.3 / Deep Linking 2.0 / AGS 2.0 names Passerelle reads and
 * writes (IMS LTI Core 1.3 §5, Deep Linking 2.0 §4, AGS 2.0 §3).
 */
const LTI = "https://purl.imsglobal.org/spec/lti/claim/";
const DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";

export const CLAIM = {
  messageType: `${LTI}message_type`,
  version: `${LTI}version`,
  deploymentId: `${LTI}deployment_id`,
  targetLinkUri: `${LTI}target_link_uri`,
  resourceLink: `${LTI}resource_link`,
  roles: `${LTI}roles`,
  context: `${LTI}context`,
  custom: `${LTI}custom`,
  launchPresentation: `${LTI}launch_presentation`,
  deepLinkingSettings: `${DL}deep_linking_settings`,
  contentItems: `${DL}content_items`,
  data: `${DL}data`,
  msg: `${DL}msg`,
  agsEndpoint: "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
} as const;

export const AGS_SCOPE = {
  lineitem: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
  score: "https://purl.imsglobal.org/spec/lti-ags/scope/score",
} as const;

export const SCORE_MEDIA_TYPE = "application/vnd.ims.lis.v1.score+json";
export const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

const MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
const INSTITUTION = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#";
const SYSTEM = "http://purl.imsglobal.org/vocab/lis/v2/system/person#";

/** Roles that make someone teach or administer rather than learn, in any of the three vocabularies. */
const TEACHING_ROLES = [
  `${MEMBERSHIP}Instructor`,
  `${MEMBERSHIP}Administrator`,
  `${MEMBERSHIP}ContentDeveloper`,
  `${MEMBERSHIP}Mentor`,
  `${INSTITUTION}Faculty`,
  `${INSTITUTION}Instructor`,
  `${INSTITUTION}Administrator`,
  `${INSTITUTION}Staff`,
  `${SYSTEM}Administrator`,
  `${SYSTEM}SysAdmin`,
];
const LEARNER_ROLES = [`${MEMBERSHIP}Learner`, `${INSTITUTION}Student`, `${INSTITUTION}Learner`];

/** A sub-role (`…#Instructor#TeachingAssistant`) and the short form of the spec's deprecated simple names count as their role. */
const matches = (role: string, list: string[]) => list.some((r) => role === r || role.startsWith(`${r}#`) || r.endsWith(`#${role}`));

/**
 * What a launch's roles mean for Passerelle: a learner only when the platform
 * says learner and nothing that teaches. No role is ever granted from a
 * claim (decision 048): the account is a learner's either way.
 */
export function launchRole(roles: readonly string[]): "learner" | "instructor" | "other" {
  if (roles.some((r) => matches(r, TEACHING_ROLES))) return "instructor";
  if (roles.some((r) => matches(r, LEARNER_ROLES))) return "learner";
  return "other";
}

/** `…/lineitem?x=1` → `…/lineitem/scores?x=1` (AGS 2.0 §3.4: the score service is the line item URL plus `/scores`). */
export function scoresUrl(lineitem: string) {
  const url = new URL(lineitem);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/scores`;
  return url.toString();
}
