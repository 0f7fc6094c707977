import { afterAll } from "vitest";
import "../../app/modules.server";
import { closeTestDb } from "./db";

afterAll(closeTestDb);
