// How other domains read relay spaces (a workshop's place, an accompaniment's).
// Kept apart from service.server.ts, which reads the workshops domain: a
// domain that imports this does not import that service back.
export { findSpaceById, listSpaceChoices } from "./queries.server";
