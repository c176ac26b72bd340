// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { harvest, layered } from './harvest';

function region(html: string): Element {
  const el = document.createElement('section');
  el.innerHTML = html;
  document.body.replaceChildren(el);
  return el;
}

describe('harvest', () => {
  it('reads labelled fields and mailto:/tel: links, never from excluded parts or quotes', () => {
    const root = region(`
      <dl><dt>Requester</dt><dd>Olivia H.</dd><dt>Email</dt><dd>Olivia@Example.org</dd></dl>
      <a href="tel:+1 415 555 0199">call</a>
      <div class="conversation"><a href="mailto:agent@tandem.demo">Alex</a></div>
      <blockquote><label>Email</label><span>jane.doe@example.com</span><a href="mailto:jane.doe@example.com">Jane</a></blockquote>`);
    const { evidence, name } = harvest([root], { exclude: '.conversation' });
    expect(evidence).toEqual([
      { kind: 'email', value: 'olivia@example.org', layer: 'field', confidence: 0.8 },
      { kind: 'phone', value: '+14155550199', layer: 'link', confidence: 0.6 },
    ]);
    expect(name).toBe('Olivia H.');
  });

  it('reads a layout item’s value without its own label, which Lightning renders without a space before it', () => {
    const item = (label: string, value: string) =>
      `<records-record-layout-item field-label="${label}"><span class="test-id__field-label">${label}</span><span class="test-id__field-value"><lightning-formatted-text>${value}</lightning-formatted-text></span></records-record-layout-item>`;
    const root = region(item('E-mail', 'chloe@example.fr') + item('Mobile', '06 12 34 56 78'));
    // Read twice (the item and its label element), the same each time.
    expect(new Set(harvest([root]).evidence.map((e) => `${e.kind}:${e.value}`))).toEqual(new Set(['email:chloe@example.fr', 'phone:0612345678']));
  });

  it('reads fields labelled in German and French', () => {
    const de = region('<dl><dt>Anfragender</dt><dd>Jörg Müller</dd><dt>Telefon</dt><dd>030 1234567</dd><dt>Mobiltelefon</dt><dd>0171 1234567</dd></dl>');
    expect(harvest([de]).evidence.map((e) => `${e.kind}:${e.value}`)).toEqual(['phone:0301234567', 'phone:01711234567']);
    expect(harvest([de]).name).toBe('Jörg Müller');
    const fr = region(
      '<dl><dt>Demandeur</dt><dd>Chloé Dubois</dd><dt>Courriel</dt><dd>chloe@example.fr</dd><dt>Numéro de téléphone</dt><dd>01 23 45 67 89</dd></dl>',
    );
    expect(harvest([fr]).evidence.map((e) => `${e.kind}:${e.value}`)).toEqual(['email:chloe@example.fr', 'phone:0123456789']);
    expect(harvest([fr]).name).toBe('Chloé Dubois');
  });

  it('reads values rendered in open shadow roots only when asked to', () => {
    const root = region(
      '<records-record-layout-item field-label="Web Email"><lightning-formatted-email></lightning-formatted-email></records-record-layout-item>',
    );
    const a = document.createElement('a');
    a.href = 'mailto:henrik@larsen.example';
    root.querySelector('lightning-formatted-email')!.attachShadow({ mode: 'open' }).appendChild(a);
    expect(harvest([root]).evidence).toEqual([]);
    expect(harvest([root], { shadow: true }).evidence.map((e) => [e.value, e.layer])).toContainEqual(['henrik@larsen.example', 'field']);
  });
});

describe('layered', () => {
  it('keeps each identity once at its most trusted layer, most trusted first', () => {
    const { identities, evidence } = layered(
      [['email', 'Precise@Example.org']],
      [
        { kind: 'phone', value: '+14155550199', layer: 'link', confidence: 0.6 },
        { kind: 'email', value: 'precise@example.org', layer: 'panel', confidence: 0.4 },
        { kind: 'phone', value: '+14155550199', layer: 'field', confidence: 0.8 },
      ],
    );
    expect(identities).toEqual([
      { kind: 'email', value: 'precise@example.org' },
      { kind: 'phone', value: '+14155550199' },
    ]);
    expect(evidence.map((e) => e.layer)).toEqual(['adapter', 'field']);
  });
});
