// Layered reading: after an adapter's precise selectors, a scoped harvest of what a record's region
// says about its person — labelled fields (Email, Phone, Mobile, Requester, Contact…), mailto:/tel:
// links, header and side panels, open shadow roots — so a layout the adapter's selectors miss (another
// workspace, an A/B test, a tenant's own layout) still names the customer. Never from the parts an
// adapter excludes (agents' messages, quoted replies) nor the agent's own account. docs/sites.md,
// "Layered reading", says what each layer is and how far it is trusted.
import { identities, identityKey } from '../identity/page-identity';
import type { Identity, IdentityEvidence, IdentityKind, RecognitionLayer } from '../schema';
import { nonEmpty, text } from './dom';
import { addressIn, findEmails, findPhones } from './generic';

/** How far each layer is trusted: the background ranks people by it (lib/recognition/rank.ts). */
export const LAYER_CONFIDENCE: Record<RecognitionLayer, number> = { adapter: 1, field: 0.8, link: 0.6, panel: 0.4 };

// Never about the customer, whatever the site: quoted earlier mail, hidden copies.
const ALWAYS_EXCLUDED = 'blockquote, .gmail_quote, [data-test-id*="quote" i], [hidden], [aria-hidden="true"], template, script, style';
const LABELS = 'label, dt, th, [field-label], .slds-form-element__label, .slds-text-title, .test-id__field-label, [class*="label" i]';
// Labels are translated with the agent's UI language: the English ones, then the German and French ones.
const EMAIL_LABEL =
  /^(?:(?:primary|contact|web|requester|work|personal)\s+)?e-?mail(?:\s+address)?$|^(?:kontakt-)?e-?mail(?:-adresse)?$|^(?:courriel|adresse\s+(?:e-?mail|électronique))$/i;
const PHONE_LABEL =
  /^(?:(?:contact|web|work|home|business|mobile|primary)\s+)?(?:phone|mobile|telephone|tel|cell)(?:\s+(?:phone|number))?$|^(?:kontakt)?(?:telefon|mobiltelefon|mobil|handy)(?:nummer)?$|^(?:téléphone(?:\s+(?:mobile|portable|professionnel))?|numéro\s+de\s+téléphone|portable)$/i;
const NAME_LABEL =
  /^(?:requester|contact|contact name|customer|customer name|name|full name|web name|from|anfragende[rn]?|kontakt|kontaktname|kunde|von|demandeur|nom|nom du contact|client)$/i;
// The visible label inside a layout item ([field-label]).
const ITEM_LABEL = '.test-id__field-label, .slds-form-element__label, label';
const MAX_ELEMENTS = 4000;

export interface HarvestOptions {
  /** Parts of the regions that are not about the customer: agents' messages, internal notes, the account chrome. */
  exclude?: string;
  /** Look inside open shadow roots (Lightning web components). */
  shadow?: boolean;
  /** Regions whose whole text counts (a highlights or contact panel): emails and phones in it, at the lowest confidence. */
  panels?: ReadonlyArray<Element | null | undefined>;
}

export interface Harvest {
  evidence: IdentityEvidence[];
  /** The person's name as a labelled field gives it (Requester, Contact, Name), if any. */
  name: string | null;
}

/** Every element under root (and, with shadow, in open shadow roots under it), at most MAX_ELEMENTS. */
function elementsUnder(root: Element, shadow: boolean): Element[] {
  const out: Element[] = [root];
  const queue: ParentNode[] = [root];
  if (shadow && root.shadowRoot) queue.push(root.shadowRoot);
  while (queue.length && out.length < MAX_ELEMENTS) {
    for (const el of Array.from(queue.shift()!.querySelectorAll('*'))) {
      out.push(el);
      if (shadow && el.shadowRoot) queue.push(el.shadowRoot);
      if (out.length >= MAX_ELEMENTS) break;
    }
  }
  return out;
}

/** Text of an element and of what its open shadow roots render. */
function fullText(el: Element, shadow: boolean): string {
  if (!shadow) return text(el);
  return elementsUnder(el, true)
    .filter((e) => e.shadowRoot)
    .reduce((acc, e) => `${acc} ${e.shadowRoot!.textContent ?? ''}`, el.textContent ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

function excluded(el: Element, exclude: string): boolean {
  return el.closest(exclude) !== null;
}

/** The label a field shows: its field-label attribute (Lightning's layout items), else its own text. */
function labelOf(el: Element): string {
  return (el.getAttribute('field-label') ?? text(el)).replace(/[:*]\s*$/, '').trim();
}

/** Where a label's value is: the item itself (field-label), the control it is for, the next sibling, else the parent. */
function fieldValue(label: Element): Element | null {
  if (label.hasAttribute('field-label')) return label;
  const forId = label.getAttribute('for');
  const control = forId ? label.ownerDocument.getElementById(forId) : null;
  if (control) return control;
  return label.nextElementSibling ?? label.parentElement;
}

/** A value's text: an input's value, a mailto:/tel: target, else what it shows (minus the label's own words). */
function valueText(value: Element, label: Element, shadow: boolean): string {
  if (value instanceof HTMLInputElement || value instanceof HTMLTextAreaElement) return value.value;
  const link = elementsUnder(value, shadow).find((e) => e instanceof HTMLAnchorElement && /^(mailto|tel):/i.test(e.getAttribute('href') ?? ''));
  if (link)
    return decodeURIComponent(
      link
        .getAttribute('href')!
        .replace(/^(mailto|tel):/i, '')
        .split('?')[0]!,
    );
  const input = elementsUnder(value, shadow).find((e): e is HTMLInputElement => e instanceof HTMLInputElement);
  if (input?.value) return input.value;
  const shown = fullText(value, shadow);
  // A layout item shows its label too, and Lightning renders no space after it: "Mobile06 12 34 56 78" read whole is
  // the phone "12 34 56 78" and "Emailjane@…" the address "emailjane@…". Its label element's words go first.
  const own = label.hasAttribute('field-label') ? label.querySelector(ITEM_LABEL) : label;
  return own && value.contains(own) ? shown.replace(text(own), '').trim() : shown;
}

/**
 * What the regions say about their person. Each region is a record's, ticket's or thread's part the
 * adapter names (a sidebar, a context panel, a highlights panel); excluded parts and quotes are skipped.
 */
export function harvest(regions: ReadonlyArray<Element | null | undefined>, opts: HarvestOptions = {}): Harvest {
  const shadow = opts.shadow ?? false;
  const exclude = opts.exclude ? `${ALWAYS_EXCLUDED}, ${opts.exclude}` : ALWAYS_EXCLUDED;
  const found: Array<[IdentityKind, string, RecognitionLayer]> = [];
  let name: string | null = null;
  const roots = regions.filter((r): r is Element => !!r);
  const seen = new Set<Element>();
  for (const root of roots) {
    for (const el of elementsUnder(root, shadow)) {
      if (seen.has(el) || excluded(el, exclude)) continue;
      seen.add(el);
      const href = el instanceof HTMLAnchorElement ? (el.getAttribute('href') ?? '') : '';
      if (/^mailto:/i.test(href)) found.push(['email', href, 'link']);
      else if (/^tel:/i.test(href)) found.push(['phone', href, 'link']);
      if (!el.matches(LABELS)) continue;
      const label = labelOf(el);
      if (label.length > 40) continue;
      const value = fieldValue(el);
      if (!value || value === root.parentElement || excluded(value, exclude)) continue;
      const shown = valueText(value, el, shadow);
      if (EMAIL_LABEL.test(label)) for (const e of findEmails(shown).slice(0, 1)) found.push(['email', e, 'field']);
      else if (PHONE_LABEL.test(label)) for (const p of findPhones(shown).slice(0, 1)) found.push(['phone', p, 'field']);
      else if (NAME_LABEL.test(label)) {
        const address = addressIn(shown);
        if (address) found.push(['email', address, 'field']);
        name ??= nonEmpty(shown.replace(/<?[^\s<>]+@[^\s<>]+>?/g, '').replace(/\s+/g, ' '));
      }
    }
  }
  for (const panel of opts.panels ?? []) {
    if (!panel || excluded(panel, exclude)) continue;
    const shown = fullText(panel, shadow);
    for (const e of findEmails(shown)) found.push(['email', e, 'panel']);
    for (const p of findPhones(shown)) found.push(['phone', p, 'panel']);
  }
  return { evidence: found.flatMap(([kind, raw, layer]) => evidenceOf(kind, raw, layer)), name };
}

function evidenceOf(kind: IdentityKind, raw: string, layer: RecognitionLayer): IdentityEvidence[] {
  return identities([[kind, raw]]).map((i) => ({ ...i, layer, confidence: LAYER_CONFIDENCE[layer] }));
}

/**
 * The identities of the person in focus from all layers: the adapter's precise readings first, then
 * the harvest's, each once at its most trusted layer; ordered most trusted first.
 */
export function layered(
  precise: ReadonlyArray<readonly [IdentityKind, string | null | undefined]>,
  harvested: readonly IdentityEvidence[],
): { identities: Identity[]; evidence: IdentityEvidence[] } {
  const best = new Map<string, IdentityEvidence>();
  const all = [...identities(precise).map((i) => ({ ...i, layer: 'adapter' as const, confidence: LAYER_CONFIDENCE.adapter })), ...harvested];
  for (const e of all) {
    const key = identityKey(e);
    const prior = best.get(key);
    if (!prior || prior.confidence < e.confidence) best.set(key, e);
  }
  const evidence = [...best.values()].sort((a, b) => b.confidence - a.confidence);
  return { identities: evidence.map(({ kind, value }) => ({ kind, value })), evidence };
}
