import pino from "pino";
import { env } from "./env.server";

export const logger = pino({
  level: env().LOG_LEVEL,
  base: { app: "passerelle" },
  redact: ["password", "*.password", "token", "*.token", "headers.cookie"],
});
