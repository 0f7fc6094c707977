/**
 * Request headers that app/server.ts sets on every request, overwriting
 * whatever the client sent, so that the middleware can trust them.
 */
export const CLIENT_IP_HEADER = "x-passerelle-client-ip";
export const REQUEST_ID_HEADER = "x-passerelle-request-id";
