// Writes the source of the built commit next to the client files
// (<build>/client/passerelle-source.tar.gz) so that the running site can offer
// its Corresponding Source, as the AGPL asks of software used over a network.
// Operators who publish the source elsewhere set SOURCE_URL instead.
import { spawnSync } from "node:child_process";
import path from "node:path";

const buildDir = process.env.BUILD_DIR ?? "build";
const target = path.join(buildDir, "client", "passerelle-source.tar.gz");
const { status, stderr } = spawnSync("git", ["archive", "--format=tar.gz", "--prefix=passerelle/", "-o", target, "HEAD"], { encoding: "utf8" });
if (status === 0) console.log(`Source archive: ${target}`);
else console.warn(`No source archive (not a git checkout?): ${stderr.trim()} — set SOURCE_URL to where the source is published.`);
