// Renders the v3 page detail answers given as JSON files, one article per page.
import { readFileSync } from "node:fs";
import { renderPage } from "./render.js";

for (const path of process.argv.slice(2)) {
  console.log(renderPage(JSON.parse(readFileSync(path, "utf8"))) ?? "");
}
