// The framework floor's server: the stack Passerelle's server is built on
// (Express, compression, React Router's request handler), nothing else.
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import express from "express";

const buildDir = process.argv[2];
const build = await import(`${buildDir}/server/index.js`);
const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use("/assets", express.static(`${buildDir}/client/assets`, { immutable: true, maxAge: "1y" }));
app.all("*splat", createRequestHandler({ build, mode: "production" }));
const server = app.listen(0, "127.0.0.1", () => process.send?.({ port: server.address().port }));
