/**
 * Renders the illustrations drawn as SVG in content/courses/<course>/*.svg to
 * the PNG next to them, which is what the lessons show: course images are
 * never served as SVG (an SVG can carry script, decision 041). Uses Debian's
 * Chromium, like the browser tests. Run after changing a drawing:
 *   npx tsx scripts/content-illustrations.ts
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";
import { DEFAULT_CONTENT_DIR } from "../app/features/courses/content-import.server";

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ deviceScaleFactor: 2 });
  for (const course of (await readdir(DEFAULT_CONTENT_DIR, { withFileTypes: true })).filter((e) => e.isDirectory())) {
    const dir = path.join(DEFAULT_CONTENT_DIR, course.name);
    for (const name of (await readdir(dir)).filter((n) => n.endsWith(".svg")).sort()) {
      // Drawn on its viewBox, shown twice as dense (sharp on phones).
      const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(await readFile(path.join(dir, name), "utf8"));
      if (!viewBox) throw new Error(`${name}: the drawing needs a viewBox="0 0 W H"`);
      const [width, height] = [Number(viewBox[1]), Number(viewBox[2])];
      await page.setViewportSize({ width, height });
      await page.goto(`file://${path.join(dir, name)}`);
      const out = path.join(dir, name.replace(/\.svg$/, ".png"));
      await page.screenshot({ path: out });
      console.log(`${course.name}/${name} → ${path.basename(out)} (${width * 2}×${height * 2})`);
    }
  }
} finally {
  await browser.close();
}
