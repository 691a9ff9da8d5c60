// A partner's render of Foramen's procedure and location pages, typed only by the
// client generated from /api/v3/openapi.json: no cast, no `any`. Each switch over a
// StreamField block's `type` is exhaustive, so a block type the API adds without
// this render handling it fails `tsc` (tests/api/test_generated_clients.py).
import type { components, operations } from "../generated/foramen-v3.js";

type Schemas = components["schemas"];
type PageDetail =
  operations["pages_detail"]["responses"]["200"]["content"]["application/json"];
type ProcedurePage = Schemas["ProcedurePageSchema"];
type LocationPage = Schemas["LocationPageSchema"];
type ProcedureBlock = Schemas["ProcedureBodyBlock"][number];
type LocationBlock = Schemas["LocationBodyBlock"][number];
type ProcedureType = ProcedurePage["procedure_type"];

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

const unhandled = (block: never): never => {
  throw new Error(`A block type this render does not know: ${JSON.stringify(block)}`);
};

const procedureTypeLabels: Record<ProcedureType, string> = {
  surgical: "Surgical",
  minimally_invasive: "Minimally invasive",
  non_surgical: "Non-surgical",
};

function picture(image: Schemas["Image"] | null, alt: string): string {
  if (image === null) return "";
  const srcset = (format: Schemas["Rendition"]["format"]): string =>
    image.renditions
      .filter((rendition) => rendition.format === format)
      .map((rendition) => `${rendition.url} ${rendition.width}w`)
      .join(", ");
  return `<picture><source type="image/webp" srcset="${srcset("webp")}"><img srcset="${srcset("jpeg")}" alt="${escapeHtml(alt)}" width="${image.width}" height="${image.height}"></picture>`;
}

function cards(heading: string, pages: Schemas["PageCard"][]): string {
  const items = pages.map((card) => `<li><a href="${card.url}">${escapeHtml(card.title)}</a></li>`);
  return `<section><h2>${escapeHtml(heading)}</h2><ul>${items.join("")}</ul></section>`;
}

function callToAction(action: Schemas["CallToAction"] | null): string {
  if (action === null) return "";
  return `<aside><h2>${escapeHtml(action.heading)}</h2><a href="${action.url}">${escapeHtml(action.label)}</a></aside>`;
}

// The patient's connection to the clinic, which the FTC requires shown (may be empty).
function connection(testimonial: Schemas["Testimonial"]): string {
  const sentence = testimonial.connection_disclosure;
  return sentence ? `${escapeHtml(sentence)} ` : "";
}

function testimonials(heading: string | null, quoted: Schemas["Testimonial"][]): string {
  const items = quoted.map(
    (testimonial) =>
      `<blockquote>${escapeHtml(testimonial.headline_quote)}<footer>${escapeHtml(testimonial.display_name)}. ${connection(testimonial)}${escapeHtml(testimonial.disclosure)}</footer></blockquote>`,
  );
  return `<section>${heading === null ? "" : `<h2>${escapeHtml(heading)}</h2>`}${items.join("")}</section>`;
}

function physicians(heading: string, listed: Schemas["Physician"][]): string {
  const names = listed.map((physician) => `<li>${escapeHtml(physician.name)}, ${escapeHtml(physician.credentials)}</li>`);
  return `<section><h2>${escapeHtml(heading)}</h2><ul>${names.join("")}</ul></section>`;
}

type Faq = Schemas["ProcedureBodyBlockFaq"]["value"]["items"];

function faq(items: Faq): string {
  return items
    .map((item) => `<details><summary>${escapeHtml(item.question)}</summary>${item.answer}</details>`)
    .join("");
}

function heading(level: Schemas["ProcedureBodyBlockHeading"]["value"]["level"], text: string): string {
  return `<${level}>${escapeHtml(text)}</${level}>`;
}

function statistic(claim: Schemas["Claim"] | null): string {
  if (claim === null) return "";
  const measured = `<strong>${escapeHtml(claim.figure)}</strong> ${escapeHtml(claim.wording)}`;
  const period = claim.period === "" ? "" : `, ${escapeHtml(claim.period)}`;
  return `<p>${measured} <small>${escapeHtml(claim.source)}${period}</small></p>`;
}

function video(url: string, title: string): string {
  return `<a href="${url}">${escapeHtml(title)}</a>`;
}

function procedureBlock(block: ProcedureBlock): string {
  switch (block.type) {
    case "benefits":
      return `<h2>${escapeHtml(block.value.heading)}</h2><ul>${block.value.items.map((item) => `<li>${escapeHtml(item.title)}</li>`).join("")}</ul>`;
    case "conditions_treated":
      return cards(block.value.heading, block.value.conditions);
    case "procedure_details":
    case "risks":
      return `<h2>${escapeHtml(block.value.heading)}</h2>${block.value.text}`;
    case "preparation":
      return `<h2>${escapeHtml(block.value.heading)}</h2><ul>${block.value.checklist.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`;
    case "recovery":
      return `<h2>${escapeHtml(block.value.heading)}</h2>${block.value.intro}`;
    case "call_to_action":
      return callToAction(block.value);
    case "testimonials":
      return testimonials(block.value.heading, block.value.testimonials);
    case "physicians":
      return physicians(block.value.heading, block.value.physicians);
    case "locations":
      return cards(block.value.heading, block.value.locations);
    case "faq":
      return faq(block.value.items);
    case "heading":
      return heading(block.value.level, block.value.text);
    case "image":
      return picture(block.value.image, block.value.alt_text);
    case "statistic":
      return statistic(block.value.claim);
    case "text":
      return block.value;
    case "video":
      return video(block.value.url, block.value.title);
    default:
      return unhandled(block);
  }
}

function locationBlock(block: LocationBlock): string {
  switch (block.type) {
    case "call_to_action":
      return callToAction(block.value);
    case "faq":
      return faq(block.value.items);
    case "heading":
      return heading(block.value.level, block.value.text);
    case "image":
      return picture(block.value.image, block.value.alt_text);
    case "physicians":
      return physicians(block.value.heading, block.value.physicians);
    case "statistic":
      return statistic(block.value.claim);
    case "testimonials":
      return testimonials(block.value.heading, block.value.testimonials);
    case "text":
      return block.value;
    case "video":
      return video(block.value.url, block.value.title);
    default:
      return unhandled(block);
  }
}

export function renderProcedure(page: ProcedurePage): string {
  const body = (page.body ?? []).map(procedureBlock).join("\n");
  const hero = page.hero ? picture(page.hero, page.hero.alt) : "";
  return `<article><h1>${escapeHtml(page.title)}</h1><p>${procedureTypeLabels[page.procedure_type]}</p>${hero}${body}</article>`;
}

export function renderLocation(page: LocationPage): string {
  const body = (page.body ?? []).map(locationBlock).join("\n");
  const address = `${escapeHtml(page.street_address)}, ${escapeHtml(page.city)}, ${page.state} ${page.zip_code}`;
  return `<article><h1>${escapeHtml(page.title)}</h1><address>${address}<br><a href="tel:${page.main_phone}">${escapeHtml(page.main_phone)}</a></address>${body}</article>`;
}

// One detail answer of /api/v3/pages/{id}/, narrowed by its meta.type.
export function renderPage(page: PageDetail): string | null {
  switch (page.meta.type) {
    case "procedures.ProcedurePage":
      return "procedure_type" in page ? renderProcedure(page) : null;
    case "locations.LocationPage":
      return "main_phone" in page ? renderLocation(page) : null;
    default:
      return null;
  }
}
