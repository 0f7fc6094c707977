import { createContext } from "react-router";
import type { User } from "../../db/schema/accounts";
import type { Db } from "./db.server";

/** Typed values the middleware puts on each request's context. */
export const dbContext = createContext<Db>();
export const requestIdContext = createContext<string>("-");
export const nonceContext = createContext<string>("");

export interface CurrentSession {
  user: User;
  sessionId: string;
}
export const sessionContext = createContext<CurrentSession | null>(null);
