/**
 * Every reason a login or a launch is refused, with its HTTP status. The
 * refusal page (/lti/probleme/:code) shows `lti:errors.<code>` with that
 * status; the codes are the only thing that travels in its address.
 */
export const PROBLEM_STATUS = {
  login_incomplete: 400,
  launch_incomplete: 400,
  target_elsewhere: 400,
  client_id_needed: 400,
  unknown_platform: 403,
  unknown_deployment: 403,
  state_unknown: 400,
  state_mismatch: 400,
  unknown_key: 401,
  bad_signature: 401,
  expired: 401,
  wrong_audience: 401,
  wrong_issuer: 401,
  bad_token: 400,
  key_set_unreachable: 502,
  nonce_mismatch: 400,
  missing_sub: 400,
  bad_version: 400,
  bad_message_type: 400,
  nonce_reused: 400,
  try_again: 409,
  account_suspended: 403,
  missing_resource_link: 400,
  target_unknown: 404,
  deep_linking_for_teachers: 403,
  missing_return_url: 400,
  links_not_accepted: 400,
} as const;

export type ProblemCode = keyof typeof PROBLEM_STATUS;

export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEM_STATUS, code);
}

/** `lti:errors.nonce_reused` → `nonce_reused`; anything else → the generic refusal. */
export function problemCodeOf(messageKey: string | undefined): ProblemCode {
  const code = messageKey?.replace(/^lti:errors\./, "") ?? "";
  return isProblemCode(code) ? code : "launch_incomplete";
}
