import { useEffect, useState } from 'preact/hooks';
import { roleLabel } from '../../lib/i18n/labels';
import { type MessageKey, t } from '../../lib/i18n/t';
import { notice, teams } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import type { Channel, Role } from '../../lib/schema/entities';
import {
  CUSTOMER_POLICY_FIELDS,
  type CustomerPolicyField,
  type FieldMode,
  type FieldPolicyLayer,
  type FieldPolicyResponse,
  INTERACTION_CHANNELS,
  modesOf,
} from '../../lib/schema/privacy';
import { showError } from './controls';

const ROLES: Role[] = ['agent', 'manager', 'admin'];
const FIELD_LABELS: Partial<Record<CustomerPolicyField, MessageKey>> = {
  name: 'ckb_name',
  lifetimeValueCents: 'ckb_field_lifetime_value',
  tags: 'customer_tags',
};
const MODE_LABELS = { visible: 'ckb_field_mode_visible', masked: 'ckb_field_mode_masked', hidden: 'ckb_field_mode_hidden' } as const satisfies Record<
  FieldMode,
  MessageKey
>;
const fieldLabel = (f: CustomerPolicyField) => {
  const key = FIELD_LABELS[f];
  return key ? t(key) : t('ckb_field_identity', f);
};
const yesNo = (yes: boolean) => t(yes ? 'ckb_yes' : 'ckb_no');
const EVERY_TEAM = '';

/** The mode a field has below the rule being edited: the server's default, then the every-team rule. */
function inherited(data: FieldPolicyResponse, role: Role, teamId: string) {
  const layers = [data.defaults[role], ...(teamId === EVERY_TEAM ? [] : data.rules.filter((r) => r.role === role && r.teamId === null))];
  return {
    customer: (f: CustomerPolicyField): FieldMode => layers.reduce<FieldMode>((m, l) => l?.customer[f] ?? m, 'visible'),
    channel: (c: Channel): FieldMode => layers.reduce<FieldMode>((m, l) => l?.interactions[c] ?? m, 'visible'),
    mayReveal: layers.reduce<boolean>((m, l) => l?.mayReveal ?? m, false),
  };
}

/** Admins: which customer fields and interaction channels each role of each team sees in full, masked or not at all. */
export function FieldPolicyView() {
  const [data, setData] = useState<FieldPolicyResponse | null>(null);
  const [role, setRole] = useState<Role>('agent');
  const [teamId, setTeamId] = useState<string>(EVERY_TEAM);
  const [draft, setDraft] = useState<FieldPolicyLayer>({ customer: {}, interactions: {} });

  const ruleOf = (answer: FieldPolicyResponse, r: Role, t: string): FieldPolicyLayer => {
    const rule = answer.rules.find((x) => x.role === r && x.teamId === (t === EVERY_TEAM ? null : t));
    return rule ? { customer: rule.customer, interactions: rule.interactions, mayReveal: rule.mayReveal } : { customer: {}, interactions: {} };
  };
  const choose = (answer: FieldPolicyResponse, r: Role, t: string) => {
    setData(answer);
    setRole(r);
    setTeamId(t);
    setDraft(ruleOf(answer, r, t));
  };
  useEffect(() => {
    send('manager.fieldPolicy', {}).then((answer) => choose(answer, role, teamId), showError);
  }, []);

  if (!data) return <p class="tdm-muted">{t('ckb_field_policy_loading')}</p>;
  const below = inherited(data, role, teamId);
  const teamName = teamId || t('ckb_field_policy_every_team');

  const save = async (e: Event) => {
    e.preventDefault();
    try {
      const answer = await send('manager.setFieldPolicy', { role, teamId: teamId === EVERY_TEAM ? null : teamId, ...draft });
      choose(answer, role, teamId);
      notice.value = t('ckb_field_policy_saved', roleLabel(role), teamName);
    } catch (err) {
      showError(err);
    }
  };
  const modeSelect = (
    testId: string,
    value: FieldMode | undefined,
    modes: readonly FieldMode[],
    fallback: FieldMode,
    onChange: (m: FieldMode | undefined) => void,
  ) => (
    <select data-testid={testId} value={value ?? ''} onChange={(e) => onChange((e.currentTarget.value || undefined) as FieldMode | undefined)}>
      <option value="">{t('ckb_field_policy_as_below', t(MODE_LABELS[fallback]))}</option>
      {modes.map((m) => (
        <option key={m} value={m}>
          {t(MODE_LABELS[m])}
        </option>
      ))}
    </select>
  );
  const setCustomer = (f: CustomerPolicyField, m: FieldMode | undefined) => {
    const { [f]: _old, ...rest } = draft.customer;
    setDraft({ ...draft, customer: m ? { ...rest, [f]: m } : rest });
  };
  const setChannel = (c: Channel, m: FieldMode | undefined) => {
    const { [c]: _old, ...rest } = draft.interactions;
    setDraft({ ...draft, interactions: m ? { ...rest, [c]: m } : rest });
  };

  return (
    <form class="mgr-panel" aria-label={t('console_view_field_policy')} data-testid="manager-field-policy" onSubmit={save}>
      <p class="tdm-muted">{t('ckb_field_policy_help')}</p>
      <label>
        {t('ckb_field_policy_role')}{' '}
        <select data-testid="field-policy-role" value={role} onChange={(e) => choose(data, e.currentTarget.value as Role, teamId)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        {t('filter_team')}{' '}
        <select data-testid="field-policy-team" value={teamId} onChange={(e) => choose(data, role, e.currentTarget.value)}>
          <option value={EVERY_TEAM}>{t('ckb_field_policy_every_team_option')}</option>
          {teams.value.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <table class="mgr-table">
        <caption>{t('ckb_field_policy_customer_fields')}</caption>
        <tbody>
          {CUSTOMER_POLICY_FIELDS.map((f) => (
            <tr key={f}>
              <th scope="row">{fieldLabel(f)}</th>
              <td>{modeSelect(`field-policy-customer-${f}`, draft.customer[f], modesOf(f), below.customer(f), (m) => setCustomer(f, m))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table class="mgr-table">
        <caption>{t('ckb_field_policy_channels')}</caption>
        <tbody>
          {INTERACTION_CHANNELS.map((c) => (
            <tr key={c}>
              <th scope="row">{c}</th>
              <td>
                {modeSelect(`field-policy-channel-${c}`, draft.interactions[c], ['visible', 'masked', 'hidden'], below.channel(c), (m) => setChannel(c, m))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label>
        {t('ckb_field_policy_may_reveal')}{' '}
        <select
          data-testid="field-policy-may-reveal"
          value={draft.mayReveal === undefined ? '' : String(draft.mayReveal)}
          onChange={(e) => setDraft({ ...draft, mayReveal: e.currentTarget.value === '' ? undefined : e.currentTarget.value === 'true' })}
        >
          <option value="">{t('ckb_field_policy_as_below', yesNo(below.mayReveal))}</option>
          <option value="true">{yesNo(true)}</option>
          <option value="false">{yesNo(false)}</option>
        </select>
      </label>
      <p>
        <button type="submit" data-testid="field-policy-save">
          {t('ckb_field_policy_save', roleLabel(role), teamName)}
        </button>
      </p>
    </form>
  );
}
