import { href } from "react-router";
import { publicUrl } from "../../lib/public-url.server";
import { AGS_SCOPE } from "./claims";
import { toolUrls } from "./launch.server";

/**
 * What an LMS needs to know about Passerelle, in the shape of the IMS
 * dynamic-registration tool configuration (its `https://purl.imsglobal.org/spec/lti-tool-configuration`
 * member) so an administrator can read it or a script can use it.
 */
export function toolConfiguration() {
  const urls = toolUrls();
  const base = publicUrl();
  return {
    application_type: "web",
    client_name: "Passerelle",
    response_types: ["id_token"],
    grant_types: ["implicit", "client_credentials"],
    initiate_login_uri: urls.login,
    redirect_uris: [urls.launch],
    jwks_uri: urls.jwks,
    token_endpoint_auth_method: "private_key_jwt",
    scope: [AGS_SCOPE.lineitem, AGS_SCOPE.score].join(" "),
    "https://purl.imsglobal.org/spec/lti-tool-configuration": {
      domain: new URL(base).host,
      target_link_uri: base + href("/cours"),
      claims: ["iss", "sub", "name", "given_name", "family_name"],
      messages: [
        { type: "LtiDeepLinkingRequest", target_link_uri: urls.deepLinking, label: "Passerelle" },
        { type: "LtiResourceLinkRequest", target_link_uri: base + href("/cours") },
      ],
    },
  };
}
