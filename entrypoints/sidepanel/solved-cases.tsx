// "Draft article" (issue 19): the recently solved cases, each opening the console's editor on an article drafted
// from it (lib/knowledge/article-from-case.ts redacts the question and answer there). Only for those who author.
import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { t } from '../../lib/i18n/t';
import { consolePathForCase } from '../../lib/manager/from-case';
import { send } from '../../lib/messaging/browser';
import type { MessageResponse } from '../../lib/schema';

type SolvedCase = MessageResponse<'cases.recent'>['cases'][number];

const SHOWN = 10;
export const solvedCases = signal<SolvedCase[]>([]);

export async function loadSolvedCases(): Promise<void> {
  solvedCases.value = (await send('cases.recent', { limit: SHOWN, solved: true })).cases;
}

export function SolvedCases() {
  if (solvedCases.value.length === 0) return null;
  return (
    <section class="tdm-section" aria-label={t('kb_solved_cases')}>
      <h3>{t('kb_solved_cases')}</h3>
      <ul class="tdm-cases" data-testid="tandem-solved-cases">
        {solvedCases.value.map((c) => (
          <li key={c.id} class="tdm-case" data-testid="tandem-solved-case" data-case-id={c.id}>
            <div class="tdm-case__subject">{c.subject}</div>
            <div class="tdm-actions">
              <button
                type="button"
                data-testid="tandem-draft-article"
                aria-label={t('kb_draft_article_named', c.subject)}
                onClick={() => void browser.tabs.create({ url: browser.runtime.getURL(consolePathForCase(c.id)) })}
              >
                {t('kb_draft_article')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
